"""Placeholder: filled in by the linking work."""
from __future__ import annotations
