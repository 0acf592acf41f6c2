"""Does the page name the cable its text is?  Layout id against the body's serial line.

A WikiLeaks page or a collection's file names a cable (``88BAGHDAD28``,
``07PARIS2725.txt``); the cable text names itself in its serial line
("S E C R E T STATE 068250").  Measured on ../shared/seeds + ../shared/corpus
(bench/record_fields.py), both canonicalised with ``cable.ids`` so a station
spelling is no disagreement: 817 cables, 5 disagree, and all 5 in station
*and* serial -- the page or file holds another cable's text:

    wikileaks-html/1988/01/88BAGHDAD28.html   body STATE 068250 (09STATE68250's text;
                                              the page's DTG and FM are Baghdad's)
    wikileaks-html/2005/04/05MUSCAT679.html   body BEIJING 002305, DECL 06/12/2033
    scraped-text/07PARIS2725.txt               body MOSCOW 005154
    scraped-text/08LIMA1732.txt                body MADRID 001132
    scraped-text/09CHISINAU694.txt             body ULAANBAATAR 000234

No id differs in the year alone, the serial alone or the station alone.  The
rule: when station and serial both differ, the header is plainly another
cable's and the body's values win (id, created, origin, classification);
any other difference keeps the page's values.  Either way a warning is kept
on the record.

A second shape (``second_cable``): the page shows its own cable's header,
cut short, and then the header and whole text of ANOTHER cable.  Measured on
the same 817 cables: 4 pages, 3 cables, each read in the file --

    wikileaks-html/1973/04/73TEHRAN2077.html (and the 1960s-70s test set's copy)
        "S E C R E T TEHRAN 2077 ... SUBJECT: AUDIENCE WITH SHAH APRIL 5 / ..."
        then "50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL
        C O N F I D E N T I A L THE HAGUE 000131" and that cable's paragraphs
    wikileaks-html/1990/10/90KHARTOUM10657.html
        "... KHARTOUM 10657 ... RELIEF, USE OF ..." then "PP RUEHWEB / DE RUEHMN
        #0404/01 ... P 151651Z JUL 08 / FM AMEMBASSY MONTEVIDEO" and MONTEVIDEO 000404
    wikileaks-html/2009/10/09CAIRO1962.html
        "UNCLAS CAIRO 001962 ... SUBJECT: BLUE LANTERN ..." (whole, no "...") then
        "229623 10/14/2009 14:55 09CAIRO1960 Embassy Cairo CONFIDENTIAL ..." and
        CAIRO 001960's paragraphs (North Korea, another subject)

The other 10 headers with a second serial line repeat their own (scraped
pages print the serial line twice; "SECTION 01 OF 03" lines) and do not warn.
What the record keeps is decided in ``cable.document`` (``_page_cable_only``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Cable
from .created import full_year, year_from_declassify
from .header import header_region
from .ids import SERIAL_LINE, canonical_id, id_from_serial_line, station, station_of
from .origins import origin_from_fm, origin_of_station
# (the same-package line patterns, not public API: see their modules)
from .routing import DTG, Hinted

__all__ = [
    "SecondCable",
    "body_year",
    "check_created",
    "check_id",
    "header_is_named_cables",
    "other_cable_warning",
    "second_cable",
    "second_cable_warning",
]


def _serial(cable_id: str) -> str:
    return cable_id[2 + len(station_of(cable_id) or "") :]


def check_id(cable: Cable, named_id: str | None, named_by: str) -> bool:
    """Compare the page's (or file name's) id with the body's serial line id.

    Appends a warning to ``cable.warnings`` on a disagreement and returns False;
    returns True, without a warning yet, when the body is plainly another cable
    (station and serial both differ): see ``other_cable_warning``.
    ``named_by`` is "layout" (the page's metadata) or "file name".
    """
    body_id = cable.id
    if not named_id or not body_id or named_id == body_id:
        return False
    other = station_of(named_id) != station_of(body_id) and _serial(named_id) != _serial(body_id)
    if not other:
        cable.warnings.append({
            "field": "id", "layout": named_id, "text": body_id,
            # cable_from_raw keeps a layout's id, but a file name is only a last resort
            "message": f"the {named_by} names {named_id} but the cable's serial line reads {body_id}: "
                       + (f"the {named_by}'s id is kept" if named_by == "layout" else "the serial line's id is kept"),
        })
    return other


def other_cable_warning(cable: Cable, named_id: str, named_by: str) -> None:
    """The warning for a page holding another cable's text, once the text's id is settled."""
    cable.warnings.append({
        "field": "id", "layout": named_id, "text": cable.id,
        "message": f"the {named_by} names {named_id} but the cable text is {cable.id}'s "
                   "(station and serial differ): the text's id, date, origin and classification are kept",
    })


def header_is_named_cables(cable: Cable, named_id: str) -> bool:
    """True when the transmission header (DTG, FM) is the named cable's, not the body's:
    88BAGHDAD28's page prints "FM AMEMBASSY BAGHDAD" above STATE 068250's text."""
    if not cable.from_:
        return False
    named = origin_of_station(station_of(named_id), full_year(named_id))
    return named is not None and origin_from_fm(cable.from_, full_year(named_id)) == named


def body_year(cable: Cable, header_is_other: bool, fallback: int | None) -> int | None:
    """The year of the body's own cable: its DTG or date line unless the header
    is the other cable's, else its DECL date, else ``fallback``."""
    if cable.created and not header_is_other:
        return int(cable.created[:4])
    return year_from_declassify(cable.declassify_on) or fallback


def check_created(cable: Cable, layout_created: str | None) -> None:
    """Warn when the layout's date and the cable's own DTG name different days."""
    if not layout_created or not cable.created or cable.created_source != "dtg":
        return
    if layout_created[:10] != cable.created[:10]:
        cable.warnings.append({
            "field": "created", "layout": layout_created, "text": cable.created,
            "message": f"the layout dates the cable {layout_created[:10]}, its date-time group {cable.dtg}",
        })


class SecondCable(NamedTuple):
    """Another cable's header found after the page's own (``second_cable``)."""

    start: int  # where the page's own cable ends: the text before it is its header
    other_id: str  # the other cable's id
    cut: bool  # the page's own header ends in a "..." preview


# The publisher's metadata row printed above the other cable, in two forms:
#   "50133  2006-01-19  06THEHAGUE131  Embassy The Hague  CONFIDENTIAL"
#   "229623 10/14/2009 14:55 09CAIRO1960 Embassy Cairo CONFIDENTIAL 09STATE94763|..."
# tried only at line starts where a literal-led hint ("-01-19  06T", "/2009 14:55 09C") is found
# (one hint a form: an alternation would lose the literal lead, 10 times slower).
_METADATA_ROWS = tuple(
    Hinted(r"(?m)^[ \t]*\d+[ \t]+" + date + r"[ \t]+(?P<id>\d\d[A-Z]+\d+)(?=[ \t])", hint)
    for date, hint in [
        (r"\d{4}-\d\d-\d\d", r"-\d\d-\d\d[ \t]+\d\d[A-Z]{2,}\d"),
        (r"\d\d/\d\d/\d{4}[ \t]+\d\d:\d\d", r"/\d{4}[ \t]+\d\d:\d\d[ \t]+\d\d[A-Z]{2,}\d"),
    ]
)
# The end of a cut preview: "SUBJECT: AUDIENCE WITH SHAH APRIL 5 \n ...\n"
_PREVIEW_END = re.compile(r"(?:\.\.\.|\u2026)[ \t]*\n")


def _own(m: re.Match) -> tuple[str, str]:
    # station and serial, spelling- and zero-blind: "THE HAGUE 000131" is THEHAGUE 131
    return station(m["station"]), m["serial"].lstrip("0")


def second_cable(text: str) -> SecondCable | None:
    """The header of another cable after the page's own header, before paragraph 1.

    Found when, after the header's first serial line, the header holds
    another cable's date-time group ("P 151651Z JUL 08") or the publisher's
    metadata row ("50133  2006-01-19  06THEHAGUE131 ..."), and after that a
    serial line naming another station or serial than the first
    ("SECTION 02 OF 03 KHARTOUM 10657" and a page repeating its serial line
    are the same cable).  Most headers have no DTG or row after their serial
    line: two literal-led hints end the work (about 1 in 100 cables of the
    corpus go on to the serial-line search).
    """
    head = header_region(text)
    first = SERIAL_LINE.search(head)
    if first is None:
        return None
    end = len(head)
    rows = [m for form in _METADATA_ROWS if (m := form.search(head, first.end(), end))]
    row = min(rows, key=lambda m: m.start()) if rows else None
    dtg = None if row else DTG.search(head, first.end(), end)
    if row is None and dtg is None:
        return None
    marker = (row or dtg).start()
    own = _own(first)
    m = SERIAL_LINE.search(head, marker)
    while m is not None and _own(m) == own:
        m = SERIAL_LINE.search(head, m.end())
    if m is None:
        return None
    if row:
        other_id = canonical_id(row["id"])
    else:
        other_id = id_from_serial_line(m.group(0), f"{int(dtg['dtg'].split()[-1]) % 100:02d}")
    if not other_id:
        return None
    # the page's own header ends after its "..." preview, or where the other's starts
    previews = list(_PREVIEW_END.finditer(head, first.end(), marker))
    return SecondCable(previews[-1].end() if previews else marker, other_id, bool(previews))


def second_cable_warning(cable: Cable, found: SecondCable) -> None:
    """The warning for a page showing another cable's text after its own header
    (``cable.id`` is the page's id by then)."""
    page, other = cable.id, found.other_id
    shown = "header cut short" if found.cut else "header"
    cable.warnings.append({
        "field": "text", "layout": page, "text": other,
        "message": f"the page shows {page}'s {shown}, then the text of {other}: the record keeps "
                   f"{page}'s header (id, date, origin, subject); the paragraphs below it are "
                   f"{other}'s and are not taken as {page}'s",
    })
