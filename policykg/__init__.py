"""policykg: public-policy documents → a validated, queryable, publishable knowledge graph.

The public Python API is a facade over the stages (loaders → graph → shapes → queries).
"""

__version__ = "0.1.0"
__all__ = ["__version__", "query"]

from .query_api import query  # noqa: E402
