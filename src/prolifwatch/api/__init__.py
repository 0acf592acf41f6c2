"""The HTTP face: a web app and its JSON API over the query layer (``create_app``)."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
