"""A cable record from a reader's RawDocument: the parsed text plus what the layout said.

The layout's metadata (WikiLeaks table, CSV columns, preamble lines) was
written by the publisher from the original record, so it wins for the id,
dates, origin and classification; the cable text wins for everything it
states itself.  References are the union of both, in order.

Except where the page plainly holds another cable's text (``cable.consistency``):
then the text's id, date, origin and classification win and a warning says so.
A page that shows its own cable's header and then another cable's text
(73TEHRAN2077 holding 06THEHAGUE131) keeps its id and header, not the other
cable's paragraphs, with a warning naming the other cable (``_page_cable_only``).
Where nothing states the origin, the FM line or the id's station gives it
(``cable.origins``); where nothing states the date, the DECL date or the id's
year estimates it (``cable.created``), with its source and precision.
"""
from __future__ import annotations

from pathlib import PurePath

from ..model import Cable, RawDocument
from . import consistency
from .created import declassify_estimate, full_year
from .ids import canonical_id
from .markings import parse_classification
from .origins import origin_of
from .parse import parse_cable
from .references import parse_references, reference_year_fixed

# PlusD's "From" names an office "Greece Athens", "Department of State"; the
# record keeps the one spelling the WikiLeaks pages and cables.csv use
# ("Embassy Athens", "Secretary of State"), so facets and filters group them.
_OWN_ORIGIN_SPELLING = frozenset({"plusd-html"})


class CableWithoutId(ValueError):
    """Neither the layout nor the cable text names the cable's id."""


def cable_from_raw(raw: RawDocument) -> Cable:
    meta = raw.meta
    layout_id = canonical_id(meta["id"]) if meta.get("id") else None
    year_hint = _year_hint(raw, layout_id)
    cable = parse_cable(raw.text, year=year_hint)
    # a second serial line, another cable's, before paragraph 1 (rare: checked cheaply)
    second = consistency.second_cable(raw.text)
    if second is not None:
        cable = _page_cable_only(raw.text, second, year_hint)
    named_id = layout_id or _id_from_file_name(raw)
    named_by = "layout" if layout_id else "file name"
    if named_id and consistency.check_id(cable, named_id, named_by):
        _keep_body(cable, named_id)
        consistency.other_cable_warning(cable, named_id, named_by)
        # the layout's subject, tags and references describe the named cable
        meta = {"released": meta.get("released")}
    else:
        # Last resort, for fragments without a serial line (a PDF holding only
        # the routing header): the collection names its files by cable id.
        cable.id = layout_id or cable.id or named_id
        consistency.check_created(cable, meta.get("created"))
        _merge_layout(cable, raw)
    if not cable.id:
        raise CableWithoutId("no cable id in the layout's metadata or the cable header")
    _fill_created(cable)
    cable.origin = cable.origin or origin_of(cable.id, cable.from_, full_year(cable.id))
    cable.released = meta.get("released") or cable.released
    cable.subject = cable.subject or meta.get("subject")
    cable.tags = cable.tags or list(meta.get("tags") or [])
    for ref in meta.get("references") or []:
        ref_id = canonical_id(ref)
        # cables.csv's references carry the citing cable's year even where the
        # serial shows it is last year's ("K. STATE 159388" in 08STATE50524)
        ref_id = reference_year_fixed(ref_id, cable.id) if ref_id else None
        if ref_id and ref_id != cable.id and ref_id not in cable.references:
            cable.references.append(ref_id)
    if second is not None:
        consistency.second_cable_warning(cable, second)
    cable.sources = [raw.source]
    return cable


def _page_cable_only(text: str, second: consistency.SecondCable, year: str | None) -> Cable:
    """The page's own cable, from its header alone; the page's whole text stays the text.

    The page (73TEHRAN2077) shows its cable's header, cut short, and then
    another cable (06THEHAGUE131) whole.  The record keeps the page's id, and
    the fields its own header and the layout state: date, origin,
    classification, tags, DTG, addressees, and the subject as its header
    prints it ("AUDIENCE WITH SHAH APRIL 5 ...", the "..." showing the cut;
    the body's SUBJECT line before the layout's, as for every cable: the
    layout keeps only the first line, "GOS COUNCIL REPUTEDLY SUPPORTS
    DISMANTLING" where 90KHARTOUM10657's header adds "RELIEF, USE OF ...").
    Why not the other cable's id, as for a page whose only serial line is
    another cable's (88BAGHDAD28)?  Here the layout, the first serial line and
    the DTG agree on the page's cable; the page is what the user has and
    looks up; and the other cable's header on this page is unreliable (its
    TAGS line repeats the page's tags: "PFOR IR PK XF" on a Dutch ISAF cable).
    The fields read from the other cable's text -- paragraphs, summary,
    Classified By, signers, references -- are not taken: under the page's id
    and date they would put a 2006 Hague cable's events in 1973, which a
    warning alone does not undo.  The text stays whole: search finds the
    page by the other cable's words, ``parse --json`` carries it, and ``show``
    and ``search --json`` carry the warning naming the other cable.  (Left
    out: a second record for the other cable -- one page, one record here.)
    """
    cable = parse_cable(text[: second.start], year=year)
    cable.text = text
    return cable


def _merge_layout(cable: Cable, raw: RawDocument) -> None:
    """The layout's id-bound values: date, origin, classification."""
    meta = raw.meta
    if meta.get("created"):
        cable.created = _created(meta["created"], cable.created)
        cable.created_source, cable.created_precision = "layout", "day"
    if meta.get("origin") and raw.source.format not in _OWN_ORIGIN_SPELLING:
        cable.origin = meta["origin"]
    if meta.get("classification"):
        level, caveats = parse_classification(meta["classification"])
        if level:
            cable.classification, cable.caveats = level, caveats


def _keep_body(cable: Cable, named_id: str) -> None:
    """The page holds another cable's text: the record is the text's cable.

    Where the transmission header is the named cable's (88BAGHDAD28's page:
    "R 021258Z JAN 88 / FM AMEMBASSY BAGHDAD" above STATE 068250's text), its
    date, sender and addressees are not this cable's and are dropped (the
    warning keeps the named id); the year then comes from the DECL date.
    """
    header_is_other = consistency.header_is_named_cables(cable, named_id)
    year = consistency.body_year(cable, header_is_other, full_year(cable.id))
    if header_is_other:
        cable.created = cable.created_source = cable.created_precision = None
        cable.dtg = cable.precedence = cable.from_ = None
        cable.recipients, cable.info_recipients = [], []
    if year and cable.id and f"{year % 100:02d}" != cable.id[:2]:
        cable.id = f"{year % 100:02d}{cable.id[2:]}"
        # the references were read with the other cable's year
        refs = parse_references(cable.text, year, reference_id=cable.id)
        cable.references, cable.other_references = list(refs.cables), list(refs.other)


def _fill_created(cable: Cable) -> None:
    """No layout, DTG or date line: estimate from the DECL date, else the id's year."""
    if cable.created:
        return
    year = full_year(cable.id)
    if estimate := declassify_estimate(cable.declassify_on, year):
        cable.created, cable.created_source, cable.created_precision = estimate, "declassify-estimate", "day"
    elif year:
        cable.created, cable.created_source, cable.created_precision = str(year), "id-year", "year"


def _year_hint(raw: RawDocument, layout_id: str | None) -> str | None:
    """The year to read ids and references with when the cable text states none.

    Scraped bodies often start at the serial line, without a DTG; the layout's
    metadata, or else the collection's file name (``07ABUDHABI1214.txt``),
    then tells the year.
    """
    if layout_id:
        return layout_id[:2]
    if created := raw.meta.get("created"):
        return created[:4]
    named = _id_from_file_name(raw)
    return named[:2] if named else None


def _id_from_file_name(raw: RawDocument) -> str | None:
    stem = PurePath(raw.source.path).stem
    return canonical_id(stem) if stem[:2].isdigit() else None


def _created(from_layout: str | None, from_text: str | None) -> str | None:
    """Some layouts give only the day; the cable's own DTG then adds the time.

    The WikiLeaks pages print the minute wrong: their "minute" is the hour on
    a 12-hour clock ("2008-03-26 09:09" above "O 260948Z MAR 08", "2007-11-22
    00:12" above "O 220000Z NOV 07", "2009-07-01 17:05" for 17:xx).  Where the
    layout and the DTG agree on the day and the hour, the DTG's minute is
    taken; a layout time the DTG does not confirm stands as printed.
    """
    if not from_layout:
        return from_text
    if len(from_layout) == 10 or from_layout.endswith("T00:00:00"):
        day = from_layout[:10]
        if from_text and from_text.startswith(day):
            return from_text
        return day + "T00:00:00"
    if from_text and len(from_text) >= 13 and from_text[:13] == from_layout[:13]:
        return from_text
    return from_layout
