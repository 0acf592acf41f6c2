"""A document as the store writes it: table rows, built wherever it was parsed.

Turning a record into rows (its JSON, its preference, the paragraph tuples)
costs about a third of a millisecond.  Ingest builds the rows in the parser
processes, so the single writing process only writes them; the rows are also
half the size of the document to send between processes (paragraph texts are
not repeated: they are offsets into the body).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import Cable, Document, Source
from .preference import preference

# JSON of an empty caveat list, the common case, without calling json.dumps
_NO_CAVEATS = "[]"


@dataclass
class DocumentRows:
    id: str
    columns: dict[str, Any]        # the documents table row (id included)
    paragraphs: list[tuple]        # (idx, number, marking, classification, caveats JSON, start, end)
    tags: list[str]                # document_tags (cables only)
    sources: list[Source]
    preference: str


def document_rows(doc: Document) -> DocumentRows:
    if not doc.id:
        raise ValueError("a document needs an id to be stored")
    record = doc.to_json()
    rank = preference(doc, record)
    kept = {k: v for k, v in record.items() if k not in ("paragraphs", "sources", "id", "kind")}
    is_cable = isinstance(doc, Cable)
    columns = {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.subject if is_cable else doc.title,
        "tags": " ".join(doc.tags) if is_cable else "",
        "body": doc.text,
        "date": doc.created if is_cable else doc.published,
        "released": doc.released if is_cable else None,
        "origin": doc.origin if is_cable else doc.publisher,
        "classification": doc.classification if is_cable else None,
        "caveats": json.dumps(doc.caveats) if is_cable else _NO_CAVEATS,
        "record": json.dumps(kept, ensure_ascii=False),
        "preference": rank,
    }
    paragraphs = [
        (p.index, p.number, p.marking, p.classification,
         json.dumps(p.caveats) if p.caveats else _NO_CAVEATS, p.start, p.end)
        for p in doc.paragraphs
    ]
    return DocumentRows(doc.id, columns, paragraphs, list(doc.tags) if is_cable else [], list(doc.sources), rank)
