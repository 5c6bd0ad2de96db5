"""Publishing as linked open data: canonical dumps in every RDF syntax, the VoID/DCAT
description, the JSON-LD context and the static site with content negotiation.

Reads a built dataset (dumps or store); never the loaders or the engine.
"""
