"""Screening parties and goods: names, vessels and goods descriptions against
sanctions lists and control lists, with reasons and listing dates."""
from __future__ import annotations

from .hit import Hit
from .query import QUERY_TYPES, Query, make_query
from .score import DEFAULT_THRESHOLD, IndexedEntry, Screener

__all__ = ["DEFAULT_THRESHOLD", "Hit", "IndexedEntry", "QUERY_TYPES", "Query", "Screener", "make_query"]
