"""The records every stage passes on: sources, paragraphs, cables, articles.

Readers (``formats/``) produce :class:`RawDocument`; the cable and article
parsers turn it into a :class:`Cable` or :class:`Article`; the store keeps
those.  ``to_json`` gives the key layout that ``prolifwatch parse --json``
prints and that scripts rely on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Source:
    """One file (or one row of a file) a document was read from."""

    path: str
    format: str
    sha256: str
    row: int | None = None  # 1-based record number inside a multi-document file

    def to_json(self) -> dict[str, Any]:
        out = {"path": self.path, "format": self.format, "sha256": self.sha256}
        if self.row is not None:
            out["row"] = self.row
        return out


@dataclass
class RawDocument:
    """What a reader hands on: cleaned text plus what the layout itself said.

    ``text`` is plain text (markup stripped, entities decoded, newlines
    normalised to ``\\n``).  ``meta`` holds values the layout states outside
    the cable text -- e.g. the WikiLeaks metadata table -- under the keys
    ``id, created, released, classification, origin, subject, tags, references``
    (all optional).  ``kind`` is ``"cable"`` or ``"article"``.
    """

    text: str
    source: Source
    kind: str = "cable"
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Paragraph:
    index: int
    text: str
    start: int
    end: int
    number: str | None = None
    marking: str | None = None
    classification: str | None = None
    caveats: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "number": self.number,
            "marking": self.marking,
            "classification": self.classification,
            "caveats": list(self.caveats),
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class Cable:
    id: str | None = None
    subject: str | None = None
    created: str | None = None  # ISO 8601
    # How much of ``created`` is known ("day", "month", "year") and where it
    # came from ("layout", "dtg", "date-line", "declassify-estimate", "id-year"):
    # an estimate is never shown as if it were read.
    created_precision: str | None = None
    created_source: str | None = None
    released: str | None = None  # ISO 8601
    origin: str | None = None
    classification: str | None = None
    caveats: list[str] = field(default_factory=list)
    # Disagreements between what the layout and the cable text state
    # (see ``cable.consistency``): {"field", "layout", "text", "message"}.
    warnings: list[dict[str, Any]] = field(default_factory=list)
    precedence: str | None = None
    dtg: str | None = None
    from_: str | None = None
    recipients: list[str] = field(default_factory=list)
    info_recipients: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    other_references: list[str] = field(default_factory=list)
    classified_by: str | None = None
    reasons: list[str] = field(default_factory=list)
    declassify_on: str | None = None
    signers: list[str] = field(default_factory=list)
    summary: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    text: str = ""
    kind: str = "cable"

    def to_json(self, *, with_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "subject": self.subject,
            "created": self.created,
            "created_precision": self.created_precision,
            "created_source": self.created_source,
            "released": self.released,
            "origin": self.origin,
            "classification": self.classification,
            "caveats": list(self.caveats),
            "warnings": [dict(w) for w in self.warnings],
            "precedence": self.precedence,
            "dtg": self.dtg,
            "from": self.from_,
            "recipients": list(self.recipients),
            "info_recipients": list(self.info_recipients),
            "tags": list(self.tags),
            "references": list(self.references),
            "other_references": list(self.other_references),
            "classified_by": self.classified_by,
            "reasons": list(self.reasons),
            "declassify_on": self.declassify_on,
            "signers": list(self.signers),
            "summary": self.summary,
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "sources": [s.to_json() for s in self.sources],
        }
        if with_text:
            out["text"] = self.text
        return out


@dataclass
class Article:
    id: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 date
    author: str | None = None
    publisher: str | None = None
    dateline: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    text: str = ""
    kind: str = "article"

    def to_json(self, *, with_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "published": self.published,
            "author": self.author,
            "publisher": self.publisher,
            "dateline": self.dateline,
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "sources": [s.to_json() for s in self.sources],
        }
        if with_text:
            out["text"] = self.text
        return out


Document = Cable | Article


def document_from_json(data: dict[str, Any]) -> Document:
    """Inverse of ``to_json(with_text=True)``; used by the store."""
    paragraphs = [Paragraph(**p) for p in data.get("paragraphs", [])]
    sources = [Source(**s) for s in data.get("sources", [])]
    fields = {k: v for k, v in data.items() if k not in ("paragraphs", "sources")}
    if data.get("kind") == "article":
        return Article(**fields, paragraphs=paragraphs, sources=sources)
    if "from" in fields:
        fields["from_"] = fields.pop("from")
    return Cable(**fields, paragraphs=paragraphs, sources=sources)


__all__ = [
    "Article",
    "Cable",
    "Document",
    "Paragraph",
    "RawDocument",
    "Source",
    "document_from_json",
]
