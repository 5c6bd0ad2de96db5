"""policykg.graph: everything after the loaders, one subpackage per role.

- ``model``   records → RDF: IRIs, triples, derived facts, entity resolution, fixed graphs;
- ``claims``  reports read against the official text: linking, fact-checking, claim triples;
- ``store``   the stores (rdflib in memory, pyoxigraph on disk, SPARQL endpoints), RDF input;
- ``build``   the engine: serial, process-pool and Dask builds, incremental rebuilds, dumps;
- ``publish`` linked open data: canonical dumps, VoID/DCAT, JSON-LD context, the static site;
- ``export``  graph tools (GraphML, GEXF, Cytoscape, DOT), the explorer page, statistics;
- ``safe``    safe output: paths that cannot leave their folder, atomic writes, CSV cells.

The layers import one way (``docs/architecture.md``; checked by ``lint-imports``).
"""
