"""Cable layouts that arrive as text with some wrapping around the cable.

Each reader removes the wrapping (a metadata preamble, a search-export block,
a saved WikiLeaks page, leftover scraping markup) and moves what the wrapping
states into ``RawDocument.meta``; the cable text itself is kept as printed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from ..model import RawDocument, Source
from .errors import FormatError
from .html_text import iso_minutes
from .wikileaks_html import subject_from_heading
import html

_CABLE_ID = r"\d{2,4}[A-Z][A-Z0-9]*\d+"

# -- cable-preamble-text (seed 001) ------------------------------------------
# id / subject / "Wed Sep 03 00:00:00 +0200 2008" / classification / origin
_PREAMBLE = re.compile(
    rf"\A\s*(?P<id>{_CABLE_ID})[ \t]*\n(?P<subject>[^\n]+)\n"
    r"(?P<date>[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4})[ \t]*\n"
    r"(?P<classification>[A-Z][A-Z/ ]+?)[ \t]*\n(?P<origin>[^\n]+)\n"
)


def _preamble_date(text: str) -> str | None:
    """ISO 8601, or None for a date the calendar lacks ("Sep 83", found by the fuzz bench):
    the cable is still read, as cables.csv rows with a bad date are."""
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return None


def looks_like_preamble(text: str) -> bool:
    return _PREAMBLE.match(text) is not None


def read_preamble(text: str, source: Source) -> Iterator[RawDocument]:
    m = _PREAMBLE.match(text)
    if not m:
        raise FormatError("expected five preamble lines: id, subject, date, classification, origin")
    meta = {
        "id": m["id"],
        "subject": m["subject"].strip(),
        "created": _preamble_date(m["date"]),
        "classification": m["classification"].strip(),
        "origin": m["origin"].strip(),
    }
    yield RawDocument(text=text[m.end() :], source=source, meta=meta)


# -- cable-search-export (seed 002) ------------------------------------------
_EXPORT = re.compile(
    r"\A\s*Identifier\nCreated\nClassification\nOrigin\n"
    rf"(?P<id>{_CABLE_ID})\n(?P<created>\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}}(?::\d{{2}})?)\n"
    r"(?P<classification>[^\n]+)\n(?P<origin>[^\n]+)\n"
)
_EXPORT_TITLE = re.compile(r"^Cable title:\s*\n\s*\n?(?P<title>[^\n]+)\n", re.M)
_EXPORT_TAGS = re.compile(r"^Tags:[ \t]*(?P<tags>[^\n]*)\n", re.M)
_EXPORT_HOWTO = re.compile(r"^pdf\s+how-to\s+read\s+a\s+cable[^\n]*\n", re.M)  # "pdf\xa0how-to"


def looks_like_search_export(text: str) -> bool:
    return _EXPORT.match(text) is not None


def read_search_export(text: str, source: Source) -> Iterator[RawDocument]:
    m = _EXPORT.match(text)
    if not m:
        raise FormatError("expected the Identifier / Created / Classification / Origin block")
    meta: dict = {
        "id": m["id"],
        "created": iso_minutes(m["created"]),
        "classification": m["classification"].strip(),
        "origin": m["origin"].strip(),
    }
    rest = text[m.end() :]
    if title := _EXPORT_TITLE.search(rest):
        meta["subject"] = title["title"].strip()
    if tags := _EXPORT_TAGS.search(rest):
        meta["tags"] = tags["tags"].split()
    howto = _EXPORT_HOWTO.search(rest)
    if not howto:
        raise FormatError("cable-search export without its 'pdf how-to read a cable' line")
    yield RawDocument(text=drop_repeated_header(rest[howto.end() :]), source=source, meta=meta)


# The export prints the block from the classification line down to
# "Classified By" twice; the second copy is not part of the cable.
_SERIAL_LINE = re.compile(
    r"^(?:S E C R E T|C O N F I D E N T I A L|UNCLAS|SECRET|CONFIDENTIAL|UNCLASSIFIED"
    r"|LIMITED OFFICIAL USE|T O P S E C R E T)\b[^\n]*\n",
    re.M,
)


def drop_repeated_header(text: str) -> str:
    lines = list(_SERIAL_LINE.finditer(text))
    if len(lines) < 2 or lines[0].group(0).strip() != lines[1].group(0).strip():
        return text
    first, second = lines[0].start(), lines[1].start()
    # The copies differ only in trailing spaces, so compare line by line.
    block = [ln.rstrip() for ln in text[first:second].rstrip().split("\n")]
    following = text[second:].split("\n", len(block))
    if [ln.rstrip() for ln in following[: len(block)]] != block:
        return text
    rest = following[len(block)] if len(following) > len(block) else ""
    return text[:second] + rest.lstrip("\n")


# -- wikileaks-page-text (seed 003) ------------------------------------------
_PAGE_TABLE = re.compile(
    r"^Reference ID\s+Created\s+Released\s+Classification\s+Origin[ \t]*\n"
    rf"(?P<id>{_CABLE_ID})\s+(?P<created>\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}})\s+"
    r"(?P<released>\d{4}-\d{2}-\d{2} \d{2}:\d{2})\s+"
    r"(?P<classification>(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?://[A-Z ]+)?)\s+"
    r"(?P<origin>[^\n]+)\n",
    re.M,
)


def looks_like_wikileaks_page_text(text: str) -> bool:
    return "Viewing cable" in text[:20000] and _PAGE_TABLE.search(text) is not None


# The page's heading, as on the HTML page: "Viewing cable 07STATE159388, DEMARCHE ON ..."
_PAGE_HEADING = re.compile(r"^Viewing cable [^\n]*", re.M)


def read_wikileaks_page_text(text: str, source: Source) -> Iterator[RawDocument]:
    m = _PAGE_TABLE.search(text)
    if not m:
        raise FormatError("saved WikiLeaks page without its Reference ID / Created / Released table")
    meta = {
        "id": m["id"],
        "created": iso_minutes(m["created"]),
        "released": iso_minutes(m["released"]),
        "classification": m["classification"].strip(),
        "origin": m["origin"].strip(),
    }
    if (heading := _PAGE_HEADING.search(text, 0, m.start())) and (
        subject := subject_from_heading(heading.group(0), m["id"])
    ):
        meta["subject"] = subject
    yield RawDocument(text=text[m.end() :], source=source, meta=meta)


# -- scraped-cable-text (corpus/scraped-text) --------------------------------
# "<code><pre>" + body with <a> markup; some files first hold a truncated
# preview ending in "...", then the page's metadata lines (record number,
# date, id, origin, classification, optional references) and the full body.
_SCRAPED_META = re.compile(
    r"\n(?P<record>\d{1,6})\n\n(?P<created>\d{4}-\d{2}-\d{2})\n\n"
    rf"(?P<id>{_CABLE_ID})\n\n(?P<origin>[^\n]+)\n\n"
    r"(?P<classification>[A-Z][A-Z/ ]+)\n\n(?P<refs>[A-Z0-9, ]*\d)?\n"
)


def looks_like_scraped(text: str) -> bool:
    head = text.lstrip()[:200]
    return head.startswith("<code><pre>") or head.startswith("Appears in these articles:")


def read_scraped(text: str, source: Source) -> Iterator[RawDocument]:
    body = text.strip()
    if body.startswith("Appears in these articles:"):
        body = body[len("Appears in these articles:") :].replace("<br />", "", 1).strip()
    if not body.startswith("<code><pre>"):
        raise FormatError("scraped page holds no cable text (no <code><pre> block)")
    meta: dict = {}
    if m := _SCRAPED_META.search(body):
        meta = {
            "id": m["id"],
            "created": m["created"] + "T00:00:00",
            "origin": m["origin"].strip(),
            "classification": m["classification"].strip(),
        }
        if m["refs"]:
            meta["references"] = [r.strip() for r in m["refs"].split(",") if r.strip()]
        body = body[m.end() :].lstrip("\n")
    body = body.removeprefix("<code><pre>")
    end = body.rfind("</pre></code>")
    if end == -1:
        meta["truncated"] = True
    else:
        body = body[:end]
    cable = strip_scraped_markup(body)
    if not cable.strip():
        raise FormatError("scraped page holds no cable text")
    yield RawDocument(text=cable, source=source, meta=meta)


# Only <a> links (tag links, paragraph anchors) survive in the scraped text;
# a truncated preview may end inside one ("<a href='/tag/TPHY_0.h").
_MARKUP = re.compile(r"</?a\b[^>]*>|<a\b[^>\n]*$|</?(?:code|pre|br)\s*/?>", re.I | re.M)


def strip_scraped_markup(fragment: str) -> str:
    return html.unescape(_MARKUP.sub("", fragment))


# -- plain-cable-text (corpus/plain-text) ------------------------------------
_CABLE_MARKERS = re.compile(
    r"^(?:FM |TO |E\.?O\.? 12958|E\.O\. 13526|TAGS:?\s|SUBJECT:|SUBJ:|VZCZC)", re.M
)


def looks_like_plain_cable(text: str) -> bool:
    head = text[:6000]
    return len({m.group(0)[:3] for m in _CABLE_MARKERS.finditer(head)}) >= 3


def read_plain(text: str, source: Source) -> Iterator[RawDocument]:
    if not looks_like_plain_cable(text):
        raise FormatError("no cable header (FM / TO / E.O. 12958 / TAGS / SUBJECT lines)")
    yield RawDocument(text=text.strip("\n"), source=source)

