"""The query layer: the one place that reads the store for users.

Later issues apply a user's clearance here; every command and the HTTP API
read through these functions, never through the store directly.
"""
from __future__ import annotations

from ..cable import canonical_id
from ..model import Document
from .extraction import list_events
from .search import Hit, SearchResult, search


def get_document(store, doc_id: str) -> Document | None:
    """A document by id; cable ids are accepted in any spelling (``07 STATE 159388``)."""
    doc = store.get(doc_id)
    if doc is None and (normalised := canonical_id(doc_id)) and normalised != doc_id:
        doc = store.get(normalised)
    return doc


__all__ = ["Hit", "SearchResult", "get_document", "list_events", "search"]
