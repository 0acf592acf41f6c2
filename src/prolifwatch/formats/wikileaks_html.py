"""WikiLeaks cablegate cable pages (both site layouts).

The page has a metadata table (``<table class='cable'>``: Reference ID,
Created, Released, Classification, Origin) and the cable in two
``<code><pre>`` blocks: the transmission header, then the body, with
``&#x000A;`` for newlines, tag links and ``¶`` paragraph anchors.  When
WikiLeaks had only part of a cable, the first block is a notice instead of
the header.
"""
from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from ..model import RawDocument, Source
from .errors import FormatError
from .html_text import iso_minutes

LAYOUT = "wikileaks-html"
_PARTIAL_NOTICE = "This record is a partial extract of the original cable"
_TABLE_FIELDS = ("id", "created", "released", "classification", "origin")


def looks_like(head: bytes) -> bool:
    return b"<title>Cable Viewer</title>" in head


def read(data: bytes, path: str, sha256: str) -> Iterator[RawDocument]:
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    cells = tree.css("table.cable td")
    if len(cells) < len(_TABLE_FIELDS):
        raise FormatError("WikiLeaks page without its Reference ID / Created / Released table (truncated?)")
    meta: dict = {key: " ".join(cell.text().split()) for key, cell in zip(_TABLE_FIELDS, cells)}
    meta["created"] = iso_minutes(meta["created"])
    meta["released"] = iso_minutes(meta["released"])
    meta["classification"] = meta["classification"].upper()
    blocks = [pre.text(deep=True) for pre in tree.css("pre")]
    if not blocks:
        raise FormatError("WikiLeaks page without the cable's <pre> text (truncated?)")
    if blocks[0].startswith(_PARTIAL_NOTICE):
        meta["partial"] = True
        blocks = blocks[1:]
    text = "\n\n".join(b.replace("\r\n", "\n").strip("\n") for b in blocks if b.strip())
    if not text.strip():
        raise FormatError("WikiLeaks page with an empty cable text")
    yield RawDocument(text=text, source=Source(path, LAYOUT, sha256), meta=meta)
