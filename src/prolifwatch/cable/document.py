"""A cable record from a reader's RawDocument: the parsed text plus what the layout said.

The layout's metadata (WikiLeaks table, CSV columns, preamble lines) was
written by the publisher from the original record, so it wins for the id,
dates, origin and classification; the cable text wins for everything it
states itself.  References are the union of both, in order.
"""
from __future__ import annotations

from pathlib import PurePath

from ..model import Cable, RawDocument
from .ids import canonical_id
from .markings import parse_classification
from .parse import parse_cable


class CableWithoutId(ValueError):
    """Neither the layout nor the cable text names the cable's id."""


def cable_from_raw(raw: RawDocument) -> Cable:
    meta = raw.meta
    layout_id = canonical_id(meta["id"]) if meta.get("id") else None
    cable = parse_cable(raw.text, year=_year_hint(raw, layout_id))
    # Last resort, for fragments without a serial line (a PDF holding only
    # the routing header): the collection names its files by cable id.
    cable.id = layout_id or cable.id or _id_from_file_name(raw)
    if not cable.id:
        raise CableWithoutId("no cable id in the layout's metadata or the cable header")
    cable.created = _created(meta.get("created"), cable.created)
    cable.released = meta.get("released") or cable.released
    cable.origin = meta.get("origin") or cable.origin
    if meta.get("classification"):
        level, caveats = parse_classification(meta["classification"])
        if level:
            cable.classification, cable.caveats = level, caveats
    cable.subject = cable.subject or meta.get("subject")
    cable.tags = cable.tags or list(meta.get("tags") or [])
    for ref in meta.get("references") or []:
        ref_id = canonical_id(ref)
        if ref_id and ref_id != cable.id and ref_id not in cable.references:
            cable.references.append(ref_id)
    cable.sources = [raw.source]
    return cable


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
    """Some layouts give only the day; the cable's own DTG then adds the time."""
    if not from_layout:
        return from_text
    if len(from_layout) == 10 or from_layout.endswith("T00:00:00"):
        day = from_layout[:10]
        if from_text and from_text.startswith(day):
            return from_text
        return day + "T00:00:00"
    return from_layout
