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

CHEAP = ("gazetteer", "control_items", "patterns", "bodies", "capitals", "merge", "short_forms", "merge", "redactions",
         "scopes", "keys", "vessel_short_forms")
FULL = ("gazetteer", "control_items", "patterns", "bodies", "capitals", "merge", "ner", "merge", "short_forms",
        "merge", "redactions", "scopes", "keys", "vessel_short_forms")


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
    return [Passage(p.index, p.text, p.start, caps, p.number, doc.id) for p in doc.paragraphs]


#: Where the statistical pass reads: "worth" — every paragraph where the cheap
#: pass found something worth it (see components.WORTH_NER); "events" — only
#: those of them that hold an event the cheap pass found, for bulk loads where
#: NER on every worthy paragraph costs hours (docs/benchmarks.md); "gaps" —
#: only the evidence of the cheap pass's transfers that lack a supplier or a
#: recipient, in those paragraphs (about 2 % of the characters), and the
#: dependency parse of the transfer finder only those sentences too (actions then
#: by cue words alone); "off" — nowhere.
NER_SCOPES = ("worth", "events", "gaps", "off")


class Extractor:
    """Components by name, in order; ``config`` passes options to one by name,
    e.g. ``{"ner": {"restore_caps": False}}``; ``ner_scope`` is one of NER_SCOPES."""

    def __init__(self, components: tuple[str, ...] = FULL, *, kb: KnowledgeBase | None = None,
                 config: dict[str, dict[str, Any]] | None = None, events: bool = True, ner_scope: str = "worth"):
        if ner_scope not in NER_SCOPES:
            raise ValueError(f"NER scope {ner_scope!r} is not one of {', '.join(NER_SCOPES)}")
        self.kb = kb or default_knowledge()
        config = config or {}
        if ner_scope == "off":
            components = tuple(name for name in components if name != "ner")
        self.names = components
        self.components: list[Component] = [COMPONENTS[name](self.kb, **config.get(name, {})) for name in components]
        self.find_events = events
        self.ner_scope = ner_scope
        # the bulk scope spends the dependency parse where it spends NER: on the gaps
        self.parse_scope = "gaps" if ner_scope == "gaps" else "all"

    def mentions(self, passages: list[Passage]) -> list[Mention]:
        return self._run(0, len(self.components), passages, [])

    def _run(self, first: int, last: int, passages: list[Passage], mentions: list[Mention],
             ner_passages: list[Passage] | None = None) -> list[Mention]:
        """Components ``first`` to ``last`` (exclusive); NER reads ``ner_passages`` when given."""
        for name, run in zip(self.names[first:last], self.components[first:last]):
            reads = ner_passages if name == "ner" and ner_passages is not None else passages
            mentions = run(reads, mentions)
        return mentions

    def __call__(self, doc: Document) -> Extraction:
        passages = passages_of(doc)
        if self.ner_scope in ("events", "gaps") and self.find_events and "ner" in self.names:
            return self._events_first(doc, passages)
        mentions = self.mentions(passages)
        events = []
        if self.find_events:
            events = find_events(doc, passages, mentions, self.kb, parse=self.parse_scope)
        return Extraction(doc.id, mentions, events)

    def _events_first(self, doc: Document, passages: list[Passage]) -> Extraction:
        """Events from the cheap pass first (the components without NER); then
        NER reads only what the scope takes from them (the paragraphs holding
        one, or the evidence of transfers missing a party), and the events are
        found again with what it added.  A document where the scope takes
        nothing costs no NER at all."""
        ner, end = self.names.index("ner"), len(self.components)
        before = self._run(0, ner, passages, [])
        cheap = self._run(ner + 1, end, passages, before)
        events = find_events(doc, passages, cheap, self.kb, parse=self.parse_scope)
        reads = _gap_passages(passages, events) if self.ner_scope == "gaps" else _holding(passages, events)
        if not reads:
            return Extraction(doc.id, cheap, events)
        mentions = self._run(ner, end, passages, before, reads)
        return Extraction(doc.id, mentions, find_events(doc, passages, mentions, self.kb, earlier=(cheap, events),
                                                        parse=self.parse_scope))


def _holding(passages: list[Passage], events: list[Event]) -> list[Passage]:
    holding = {e.evidence.paragraph for e in events}
    return [p for p in passages if p.index in holding]


def _gap_passages(passages: list[Passage], events: list[Event]) -> list[Passage]:
    """The evidence of each transfer without a supplier or a recipient, as a passage
    of its own (overlapping evidence joined, so that no text is read twice)."""
    spans = sorted((e.evidence.paragraph, e.evidence.start, e.evidence.end) for e in events
                   if e.type == "transfer" and not (e.values("supplier") and e.values("recipient")))
    joined: list[list[int]] = []
    for index, start, end in spans:
        if joined and joined[-1][0] == index and start <= joined[-1][2]:
            joined[-1][2] = max(joined[-1][2], end)
        else:
            joined.append([index, start, end])
    by_index = {p.index: p for p in passages}
    parts = []
    for index, start, end in joined:
        whole = by_index[index]
        parts.append(Passage(index, whole.text[start - whole.start : end - whole.start], start, whole.all_caps,
                             whole.number, whole.document))
    return parts
