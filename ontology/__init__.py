"""policykg.ontology: the OWL T-box, the SKOS vocabularies, and code that reads them."""

from .namespace import ID, POL

__all__ = ["ID", "POL"]
