"""What the event finders produce: events with typed arguments and evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .mention import Mention

TRANSFER_ROLES = ("supplier", "broker", "recipient", "end_user", "items", "quantity", "origin", "via", "destination", "carrier")
ACTION_ROLES = ("actor", "counterpart")


@dataclass(frozen=True)
class Argument:
    text: str
    key: str | None
    type: str

    @classmethod
    def of(cls, m: Mention, text: str | None = None, type: str | None = None) -> Argument:
        return cls(text or m.text, m.key, type or m.type)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "key": self.key, "type": self.type}


@dataclass
class Evidence:
    """Where an event is stated: one sentence, or the run of sentences of one
    paragraph that an event gathered its details from."""

    paragraph: int  # the paragraph's index in the record (the store's key)
    start: int
    end: int
    text: str
    number: str | None = None  # the paragraph's number as printed ("¶5.", "5."), None if unnumbered

    def to_json(self) -> dict[str, Any]:
        # both: "paragraph" is the index scripts key on; "paragraph_number" is what a reader cites
        return {"paragraph": self.paragraph, "paragraph_number": self.number, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass
class Event:
    type: str  # transfer | diplomatic_action
    evidence: Evidence
    arguments: dict[str, list[Argument]] = field(default_factory=dict)
    status: str | None = None
    hedging: str | None = None
    kind: str | None = None  # for diplomatic actions
    date: str | None = None
    date_precision: str | None = None
    transfer: int | None = None  # index of the transfer a diplomatic action concerns
    confidence: float = 0.5
    # what the finder saw, for the confidence model (not stored)
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def values(self, role: str) -> list[Argument]:
        return self.arguments.get(role, [])

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        if self.kind:
            out["kind"] = self.kind
        for role, args in self.arguments.items():
            out[role] = [a.to_json() for a in args]
        out.update(
            status=self.status, hedging=self.hedging, date=self.date, date_precision=self.date_precision,
            evidence=self.evidence.to_json(), confidence=round(self.confidence, 2),
        )
        if self.type == "diplomatic_action":
            out["transfer"] = self.transfer
        return out
