"""The model: loader records → RDF triples (IRIs, triples, derived facts, entity resolution).

Imports the loaders' records and the ontology; never the engine, the stores or publishing.
"""
