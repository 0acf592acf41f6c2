"""Extraction: typed mentions and events, each pointing at its sentence."""
from .components import COMPONENTS, Passage, component
from .events import Argument, Event, Evidence, find_events
from .mention import ENTITY_TYPES, Mention
from .pipeline import CHEAP, FULL, Extraction, Extractor, passages_of

__all__ = [
    "CHEAP",
    "COMPONENTS",
    "ENTITY_TYPES",
    "FULL",
    "Argument",
    "Event",
    "Evidence",
    "Extraction",
    "Extractor",
    "Mention",
    "Passage",
    "component",
    "find_events",
    "passages_of",
]
