"""policykg.graph: records → RDF (IRIs, triples, reconciliation, derived facts), stores, exports."""
