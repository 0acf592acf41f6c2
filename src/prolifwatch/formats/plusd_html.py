"""WikiLeaks PlusD cable pages (the 1973–76 State Department archive).

The page states its metadata as key/value pairs (``div.s_key`` /
``div.s_val``) in ``table#synopsis``, the subject in that table's first
cell, the header in ``div.text-header`` and the body in ``div#tagged-text``.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from ..model import RawDocument, Source
from .errors import FormatError
from .html_depth import check_nesting

LAYOUT = "plusd-html"


def looks_like(head: bytes) -> bool:
    return b"<title>Cable: " in head and b"plusd" in head.lower()


def _date(value: str) -> str | None:
    # "1974 May 17, 16:00 (Friday)"
    try:
        return datetime.strptime(value.split("(")[0].strip(), "%Y %B %d, %H:%M").isoformat()
    except ValueError:
        return None


def read(data: bytes, path: str, sha256: str, *, max_nesting: int | None = None) -> Iterator[RawDocument]:
    check_nesting(data, max_nesting)
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    synopsis = tree.css_first("table#synopsis")
    header = tree.css_first("div.text-header")
    body = tree.css_first("div#tagged-text")
    if synopsis is None or body is None:
        raise FormatError("PlusD page without its synopsis table or cable text (truncated?)")
    fields = {}
    for key in synopsis.css("div.s_key"):
        value = key.next
        while value is not None and value.tag != "div":
            value = value.next
        if value is not None:
            fields[key.text(strip=True).rstrip(":")] = " ".join(value.text().split())
    meta: dict = {"id": fields.get("Canonical ID")}
    if title := synopsis.css_first("td"):
        meta["subject"] = " ".join(title.text().split())
    if created := _date(fields.get("Date", "")):
        meta["created"] = created
    if classification := fields.get("Original Classification"):
        meta["classification"] = classification.upper()
    if origin := fields.get("From"):
        meta["origin"] = origin
    if not meta["id"]:
        raise FormatError("PlusD page without a Canonical ID")
    parts = [header.text() if header else "", body.text()]
    text = "\n\n".join(p.replace("\r\n", "\n").strip("\n") for p in parts if p.strip())
    yield RawDocument(text=text, source=Source(path, LAYOUT, sha256), meta=meta)
