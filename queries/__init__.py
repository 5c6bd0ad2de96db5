"""policykg.queries: the catalog of competency questions (.rq) and its runner."""
