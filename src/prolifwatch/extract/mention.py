"""What extraction produces: typed spans (mentions) with their provenance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The types the issue names; Quantity and Date are values events use.
ENTITY_TYPES = (
    "Country",
    "Organization",
    "GovernmentBody",
    "Person",
    "Vessel",
    "Flight",
    "Place",
    "Item",
    "Regime",
    "Resolution",
    "Program",
)
VALUE_TYPES = ("Quantity", "Date")


@dataclass(frozen=True)
class Mention:
    """A span of one paragraph: ``start``/``end`` are offsets in the paragraph
    text while a component works, and in the document text once the pipeline
    has placed it (``paragraph`` is then set)."""

    type: str
    text: str
    start: int
    end: int
    key: str | None = None
    confidence: float = 1.0
    source: str = ""
    paragraph: int = -1
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __init__(self, type: str, text: str, start: int, end: int, key: str | None = None,  # noqa: A002
                 confidence: float = 1.0, source: str = "", paragraph: int = -1,
                 attributes: dict[str, Any] | None = None):
        # The __init__ a frozen dataclass writes sets each field through
        # object.__setattr__, five times slower than this one update; a document
        # builds a few hundred mentions, which made it a quarter of the cheap pass.
        # The fields above still give eq, hash, repr and replace().
        self.__dict__.update(type=type, text=text, start=start, end=end, key=key, confidence=confidence,
                             source=source, paragraph=paragraph, attributes={} if attributes is None else attributes)

    def shifted(self, offset: int, paragraph: int) -> Mention:
        # built directly: dataclasses.replace costs three times as much, and every mention passes here
        return Mention(self.type, self.text, self.start + offset, self.end + offset, self.key, self.confidence,
                       self.source, paragraph, self.attributes)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def to_json(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "text": self.text,
            "key": self.key,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "confidence": round(self.confidence, 3),
            "source": self.source,
        }
        if self.attributes:
            out["attributes"] = dict(self.attributes)
        return out
