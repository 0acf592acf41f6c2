"""Run the mention components and the event finders over one document."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..knowledge import KnowledgeBase, default_knowledge
from ..model import Document
from .components import COMPONENTS, Component, Passage
from .events import Event, find_events
from .mention import Mention
from .text import is_all_caps

CHEAP = ("gazetteer", "control_items", "patterns", "bodies", "capitals", "merge", "short_forms", "merge", "keys")
FULL = ("gazetteer", "control_items", "patterns", "bodies", "capitals", "merge", "ner", "merge", "short_forms",
        "merge", "keys")


@dataclass
class Extraction:
    id: str | None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mentions": [m.to_json() for m in self.mentions],
            "events": [e.to_json() for e in self.events],
        }


def passages_of(doc: Document) -> list[Passage]:
    caps = is_all_caps(doc.text or " ".join(p.text for p in doc.paragraphs))
    return [Passage(p.index, p.text, p.start, caps) for p in doc.paragraphs]


class Extractor:
    """Components by name, in order; ``config`` passes options to one by name,
    e.g. ``{"ner": {"restore_caps": False}}``."""

    def __init__(self, components: tuple[str, ...] = FULL, *, kb: KnowledgeBase | None = None,
                 config: dict[str, dict[str, Any]] | None = None, events: bool = True):
        self.kb = kb or default_knowledge()
        config = config or {}
        self.names = components
        self.components: list[Component] = [COMPONENTS[name](self.kb, **config.get(name, {})) for name in components]
        self.find_events = events

    def mentions(self, passages: list[Passage]) -> list[Mention]:
        mentions: list[Mention] = []
        for run in self.components:
            mentions = run(passages, mentions)
        return mentions

    def __call__(self, doc: Document) -> Extraction:
        passages = passages_of(doc)
        mentions = self.mentions(passages)
        events = []
        if self.find_events:
            events = find_events(doc, passages, mentions, self.kb)
        return Extraction(doc.id, mentions, events)
