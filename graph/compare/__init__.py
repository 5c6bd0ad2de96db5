"""Measures compared across documents: comparable profiles, explainable similarity scores,
``pol:similarTo`` links with their features in their own named graph, and the diffusion along
each link (who came first, how long after, what changed). Reads RDF only; the build engine
calls :func:`policykg.graph.compare.links.link_measures` once all official graphs are in."""
