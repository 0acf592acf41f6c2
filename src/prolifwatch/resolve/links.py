"""A document → document link as the resolve step hands it to the store.

Kinds (the ``document_links.kind`` column):

- ``cites``: a cable's REF block names another cable (score 1.0).
- ``names``: a cable id printed in running text ("see MEXICO 3586",
  "07STATE159388") outside the REF block.
- ``describes``: an article sentence describes a cable by date, signer,
  origin and topic; ``dst`` is the matched stored cable or, when none
  matches, a synthetic ``cable-described:...`` id (see ``descriptions``).
- ``answers``: a post's reply to a request (démarche, action request) that it
  cites (see ``threads``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CITES = "cites"
NAMES = "names"
DESCRIBES = "describes"
ANSWERS = "answers"
KINDS = (CITES, NAMES, DESCRIBES, ANSWERS)


@dataclass(frozen=True)
class DocumentLink:
    src: str
    dst: str
    kind: str
    score: float
    evidence: dict[str, Any]
    description: dict[str, Any] | None = None


@dataclass(frozen=True)
class DocumentInfo:
    """What the link finders need to know of one stored document."""

    id: str
    kind: str  # cable | article
    date: str | None  # ISO date or timestamp, as stored
    title: str | None
    body: str
    record: dict[str, Any]
    paragraphs: tuple[tuple[int, int, int], ...]  # (idx, start, end) into body

    @property
    def header_end(self) -> int:
        """Where the first paragraph starts: the REF block lies before it."""
        return self.paragraphs[0][1] if self.paragraphs else len(self.body)
