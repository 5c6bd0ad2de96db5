"""policykg.loaders: read sources into records (plain dataclasses with spans), no RDF."""
