"""Screening parties and goods: names, vessels and goods descriptions against
sanctions lists and control lists, with reasons and listing dates.

The names below are imported on first use: the matcher's import costs seconds,
and ``screen`` asking a warm server (``server.py``) needs none of it.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"DEFAULT_THRESHOLD": ".score", "IndexedEntry": ".score", "Screener": ".score", "Hit": ".hit",
            "QUERY_TYPES": ".query", "Query": ".query", "make_query": ".query"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name], __name__), name)
