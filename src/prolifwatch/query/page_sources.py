"""The sentence a fact rests on, as the web pages show it: the document, the
paragraph cited as printed, and the anchor of that paragraph on the document
page (``/documents/{id}#p5`` for a paragraph printed "¶5." or "5.").

A paragraph printed without a number is anchored by its place counted from 1
(``#para-4``), the number ``citations.paragraph_citation`` shows for it ("para.
4 (unnumbered)"); its own prefix keeps it from meeting a printed number (an
unnumbered summary first, then "1.", would otherwise both be ``#p1``).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from ..citations import evidence_citation, printed_number
from . import labels


class Source(BaseModel):
    document: str
    paragraph: int | None = None           # index in the parsed record (from 0)
    paragraph_number: str | None = None    # as printed ("¶5."), None when unnumbered
    citation: str                          # "¶5", "para. 4 (unnumbered)"
    link: str                              # the document page at that paragraph
    evidence: str = ""                     # the sentence(s), whitespace folded


def paragraph_anchor(number: str | None, index: int | None) -> str | None:
    """The document page's anchor of a paragraph (``labels.paragraph_anchor``), None when neither its
    printed number nor its place is known."""
    if printed_number(number) is None and (index is None or index < 0):
        return None
    return labels.paragraph_anchor(number, index or 0)


def document_link(document: str, number: str | None = None, index: int | None = None) -> str:
    anchor = paragraph_anchor(number, index)
    return f"/documents/{quote(document, safe='')}" + (f"#{quote(anchor, safe='')}" if anchor else "")


def folded(text: str | None) -> str:
    return " ".join((text or "").split())


def source_of(evidence: dict[str, Any], document: str | None = None) -> Source:
    """A ``Source`` from an evidence or source record ({document, paragraph, paragraph_number, evidence|text})."""
    doc = document or evidence["document"]
    index = evidence.get("paragraph")
    number = evidence.get("paragraph_number")
    text = evidence.get("evidence") if isinstance(evidence.get("evidence"), str) else evidence.get("text")
    return Source(document=doc, paragraph=index, paragraph_number=number,
                  citation=evidence_citation({"paragraph_number": number, **evidence}),
                  link=document_link(doc, number, index), evidence=folded(text))
