"""WikiLeaks cablegate cable pages (both site layouts).

The page has a metadata table (``<table class='cable'>``: Reference ID,
Created, Released, Classification, Origin) and the cable in two
``<code><pre>`` blocks: the transmission header, then the body, with
``&#x000A;`` for newlines, tag links and ``¶`` paragraph anchors.  When
WikiLeaks had only part of a cable, the first block is a notice instead of
the header.  The page's heading, "Viewing cable 09LONDON1310, SUBJECT", gives
the subject as WikiLeaks indexed it (``meta["subject"]``, taken when the
text has none).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser

from ..model import RawDocument, Source
from .errors import FormatError
from .html_depth import check_nesting
from .html_text import iso_minutes

LAYOUT = "wikileaks-html"
_PARTIAL_NOTICE = "This record is a partial extract of the original cable"
_TABLE_FIELDS = ("id", "created", "released", "classification", "origin")
_HEADING = re.compile(r"\s*Viewing cable\s+\S+?,(?P<title>.*)", re.S)
# WikiLeaks built the heading from the text after "SUBJECT:", so it can run on
# into the REF block, the Classified By line, a "----" rule or a page header:
# "... COORDINATION REF: A. STATE 156409 B. STATE 157039 LONDON 00004328 001.2 OF 006"
# (wikileaks-html/07LONDON4328).
_TITLE_END = re.compile(
    r"\s+REF(?:S|TEL)?\s*:|(?i:\bclassified\s+by\b)|\s-{3,}|\s0\d{7}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}"
)
_PAGE_HEADER = re.compile(r"\s0\d{7}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}")
_LABEL = re.compile(r"(?i:subj(?:ect)?)\s*:\s*")
# "(S) SHIPMENT OF ..." loses its opening bracket in the heading: "S) SHIPMENT OF ...".
_CUT_MARKING = re.compile(r"(?P<marking>(?i:TS|S|C|U|SBU)(?:/[A-Za-z]{1,4})?)\)\s")
_CABLE_ID = re.compile(r"\d{2,4}(?P<station>[A-Z][A-Z0-9]*?)\d+")


def subject_from_heading(heading: str, cable_id: str | None = None) -> str | None:
    """The subject in the page heading, without what WikiLeaks glued onto it.

    ``"Viewing cable 08STATE93558, S) SHIPMENT OF CHINESE ORIGIN GOODS DESTINED FOR IRAN"``
    -> ``"(S) SHIPMENT OF CHINESE ORIGIN GOODS DESTINED FOR IRAN"``; a heading
    with nothing after the comma (the page shows no subject) gives None.
    The heading holds only the subject's first line on some pages ("... AMBUHL \\");
    that is what the page shows, and it is kept.
    """
    m = _HEADING.match(heading)
    if m is None:
        return None
    title = " ".join(m["title"].split())
    if label := _LABEL.match(title):  # "SUBJECT: BRITISH PRESS CASE ..." (09LONDON265)
        title = title[label.end() :]
    if end := _TITLE_END.search(title):
        if _PAGE_HEADER.match(title, end.start()):
            title = _drop_station(title[: end.start()], cable_id)
        else:
            title = title[: end.start()]
    title = title.strip(" \\,;:")
    if marking := _CUT_MARKING.match(title):
        title = f"({marking['marking']}) {title[marking.end():]}"
    return title or None


def _drop_station(title: str, cable_id: str | None) -> str:
    """``title`` without the page header's station ("LONDON", "TEL AVIV")."""
    m = _CABLE_ID.fullmatch(cable_id or "")
    station = m["station"] if m else ""
    words = title.split()
    dropped = ""
    while words and station.endswith(words[-1] + dropped) and dropped != station:
        dropped = words.pop() + dropped
    return " ".join(words)


def looks_like(head: bytes) -> bool:
    return b"<title>Cable Viewer</title>" in head


def read(data: bytes, path: str, sha256: str, *, max_nesting: int | None = None) -> Iterator[RawDocument]:
    check_nesting(data, max_nesting)
    tree = LexborHTMLParser(data.decode("utf-8", errors="replace"))
    cells = tree.css("table.cable td")
    if len(cells) < len(_TABLE_FIELDS):
        raise FormatError("WikiLeaks page without its Reference ID / Created / Released table (truncated?)")
    meta: dict = {key: " ".join(cell.text().split()) for key, cell in zip(_TABLE_FIELDS, cells)}
    meta["created"] = iso_minutes(meta["created"])
    meta["released"] = iso_minutes(meta["released"])
    meta["classification"] = meta["classification"].upper()
    for heading in tree.css("h3"):
        text = heading.text()
        if text.lstrip().startswith("Viewing cable"):
            if subject := subject_from_heading(text, meta["id"]):
                meta["subject"] = subject
            break
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
