"""Stores and RDF input: rdflib in memory, pyoxigraph on disk, any SPARQL 1.1 endpoint, one
query/upload interface, and safe reading of RDF files. Knows nothing of records or the model."""
