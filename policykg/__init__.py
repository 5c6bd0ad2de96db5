"""policykg: public-policy documents → a validated, queryable, publishable knowledge graph.

The public Python API is a facade over the stages (loaders → graph → shapes → queries).
Importing the package is cheap: ``policykg.query`` loads the query stack on first use, so the
command line starts (and answers Ctrl-C) before RDF libraries are imported.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "query"]


def __getattr__(name: str) -> Any:
    if name == "query":
        from .query_api import query

        return query
    raise AttributeError(f"module 'policykg' has no attribute {name!r}")
