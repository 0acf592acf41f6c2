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
"""
from __future__ import annotations

from ..model import Cable
from .created import full_year, year_from_declassify
from .ids import station_of
from .origins import origin_from_fm, origin_of_station

__all__ = ["body_year", "check_created", "check_id", "header_is_named_cables", "other_cable_warning"]


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
            "message": f"the {named_by} names {named_id} but the cable's serial line reads {body_id}: "
                       f"the {named_by}'s id is kept",
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
