"""``parse_cable``: every field a cable's text states, in one Cable record.

Only what the text itself says is filled in.  Values that only a layout
knows (the WikiLeaks release date, the origin office) stay None here;
``cable.document.cable_from_raw`` merges the layout's metadata on top.
"""
from __future__ import annotations

import re
from datetime import datetime

from ..model import Cable
from .header import header_region, parse_classified_by, parse_declassify_on, parse_subject
from .ids import id_from_serial_line
from .markings import parse_caveat_line, parse_classification
from .paragraphs import parse_paragraphs
from .references import parse_references
from .routing import parse_dtg, parse_from, parse_info_recipients, parse_precedence, parse_recipients
from .signature import parse_signers
from .summary import parse_summary
from .tags import parse_tags

__all__ = ["created_from_dtg", "parse_cable"]

_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DTG_PARTS = re.compile(r"(\d\d)(\d\d)(\d\d)Z\s+([A-Z]{3})\s+(\d{2,4})")
# Scraped pages open with "Wednesday, 26 March 2008, 09:48".
_DATE_LINE = re.compile(
    r"(?m)^(?:<code><pre>)?[ \t]*(?:[A-Z][a-z]+day,[ \t]+)?(\d{1,2})[ \t]+([A-Z][a-z]+)[ \t]+(\d{4}),[ \t]+(\d{1,2}):(\d\d)[ \t]*$"
)
# Exports state the day on a line of its own: "2009-03-20 08:40:00", "2003-07-23".
_ISO_LINE = re.compile(r"(?m)^[ \t]*((?:19|20)\d\d)-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?[ \t]*$")
# Line patterns that start at "^" are tried at every offset; a literal-led
# look for a part each must contain (", 09:48" ending a line, "-03-20")
# rules most headers out first.
_DATE_LINE_TIME = re.compile(r"(?m),[ \t]+\d{1,2}:\d\d[ \t]*$")
_ISO_DAY_MONTH = re.compile(r"-\d\d-\d\d")
# The classification/serial line: "S E C R E T BEIJING 000724",
# "UNCLAS SECTION 01 OF 03 KINGSTON 000482", glued in seed 001 ("9683S E C R E T"),
# and the sentence case of re-typed copies ("S e c r e t state 068250":
# wikileaks-html/1988/01/88BAGHDAD28.html, scraped-text/09ULAANBAATAR234.txt).
# Not preceded by a letter: each branch checks that after its first letter,
# so the regex engine skips from one S, C, O, U, L or T to the next.
_SERIAL_LINE = re.compile(
    r"(?m)(?:S(?<![A-Za-z]S)(?i:[ ]?E[ ]?C[ ]?R[ ]?E[ ]?T)"
    r"|C(?<![A-Za-z]C)(?i:[ ]?O[ ]?N[ ]?F[ ]?I[ ]?D[ ]?E[ ]?N[ ]?T[ ]?I[ ]?A[ ]?L)"
    r"|O(?<![A-Za-z]O)[ ]?N[ ]?F[ ]?I[ ]?D[ ]?E[ ]?N[ ]?T[ ]?I[ ]?A[ ]?L"
    r"|U(?<![A-Za-z]U)(?i:[ ]?N[ ]?C[ ]?L[ ]?A[ ]?S)(?:SIFIED|sified)?|L(?<![A-Za-z]L)IMITED[ ]OFFICIAL[ ]USE"
    r"|T(?<![A-Za-z]T)OP[ ]SECRET)(?![a-z])[^\n]*?[ \t]\d{1,7}[ \t\\]*$"
)
# (the "not after a letter or (" check follows the literal "T": a fast scan)
_TAGS = re.compile(r"[Tt](?<![A-Za-z(][Tt])(?i:ags?)\b")
_HEAD_MAX = 4000


def created_from_dtg(dtg: str | None) -> str | None:
    """``"200840Z MAR 09"`` -> ``"2009-03-20T08:40:00"``."""
    m = _DTG_PARTS.match(dtg or "")
    if m is None or m[4] not in _MONTHS:
        return None
    year = int(m[5])
    if year < 100:
        year += 1900 if year > 50 else 2000  # cables run from 1966 to 2010
    try:
        return datetime(year, _MONTHS[m[4]], int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _created_from_date_line(head: str) -> str | None:
    if not _DATE_LINE_TIME.search(head):
        return None
    m = _DATE_LINE.search(head)
    if m is None:
        return None
    try:
        day = datetime.strptime(f"{m[1]} {m[2]} {m[3]} {m[4]}:{m[5]}", "%d %B %Y %H:%M")
    except ValueError:
        return None
    return day.isoformat()


def _year_of_iso_line(head: str) -> str | None:
    iso = _ISO_LINE.search(head) if _ISO_DAY_MONTH.search(head) else None
    return iso[1] if iso else None


def _classification(head: str) -> tuple[str | None, list[str]]:
    m = _SERIAL_LINE.search(head)
    if m is None:
        return None, []
    level, caveats = parse_classification(m.group(0))
    # "NOFORN" / "SENSITIVE" on the lines right after the serial line.
    for line in head[m.end() :].split("\n")[1:8]:
        if not line.strip() or line.strip(" \\").upper() == "SIPDIS":
            continue
        more = parse_caveat_line(line)
        if more is None:
            break
        caveats += [c for c in more if c not in caveats]
    return level, caveats


def parse_cable(text: str, year: int | str | None = None) -> Cable:
    """Parse a cable (header and body, in any of the corpus layouts) into a Cable.

    ``year`` is used only when the text states none (no DTG or date line):
    many scraped bodies start at the serial line, and the id and the
    references need a year.
    """
    head = header_region(text)
    top = head[:_HEAD_MAX]
    dtg = parse_dtg(top)
    created, created_source = created_from_dtg(dtg), "dtg"
    if created is None:
        created, created_source = _created_from_date_line(top), "date-line"
    if created:
        year = created[:4]
    else:
        year = _year_of_iso_line(top) or year
    cable_id = id_from_serial_line(head, year)
    classification, caveats = _classification(head)
    refs = parse_references(text, year, reference_id=cable_id)
    classified_by, reasons = parse_classified_by(text)
    return Cable(
        id=cable_id,
        subject=parse_subject(head),
        created=created,
        # the DTG and the date line give the day and the minute
        created_precision="day" if created else None,
        created_source=created_source if created else None,
        classification=classification,
        caveats=caveats,
        precedence=parse_precedence(top),
        dtg=dtg,
        from_=parse_from(top),
        recipients=parse_recipients(top),
        info_recipients=parse_info_recipients(head),
        tags=parse_tags(head) if _TAGS.search(head) else [],
        references=list(refs.cables),
        other_references=list(refs.other),
        classified_by=classified_by,
        reasons=reasons,
        declassify_on=parse_declassify_on(head),
        signers=parse_signers(text),
        summary=parse_summary(text),
        paragraphs=parse_paragraphs(text),
        text=text,
    )
