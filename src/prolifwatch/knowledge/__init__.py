"""Knowledge base: countries, subject tags, control lists, resolutions,
regimes and known actors, declared as data files in ``data/``."""
from .base import (
    ControlItem,
    Country,
    KnownEntity,
    KnowledgeBase,
    Name,
    Regime,
    Resolution,
    SubjectTag,
)
from .load import KnowledgeError, default_knowledge, load_knowledge

__all__ = [
    "ControlItem",
    "Country",
    "KnowledgeBase",
    "KnowledgeError",
    "KnownEntity",
    "Name",
    "Regime",
    "Resolution",
    "SubjectTag",
    "default_knowledge",
    "load_knowledge",
]
