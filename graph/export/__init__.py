"""Exports for people and graph tools: GraphML, GEXF, Cytoscape.js, DOT, the interactive
explorer page and corpus statistics. Reads a built dataset; never the loaders or the engine."""
