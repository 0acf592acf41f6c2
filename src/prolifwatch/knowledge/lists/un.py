"""The UN Security Council consolidated list (XML, ``consolidated.xml``).

Layout: ``CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``,
names split over FIRST_NAME .. FOURTH_NAME, aliases with a QUALITY ("Good" and
"a.k.a." are strong, "Low" is weak), UN_LIST_TYPE as the sanctions regime and
LISTED_ON as the date.  The UN publishes only entries in force, so there is no
delisting date; vessels are ENTITY records whose comments give an IMO number.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .model import STRONG, WEAK, Identifier, ListEntry, ListFormatError, ListName, Listing, LoadedList
from .values import country_code, imo_numbers, iso_date
from .xml import parse_xml, text, texts

AUTHORITY = "UN Security Council"
_WEAK_QUALITIES = {"low"}


def load_un(path: Path, name: str = "un") -> LoadedList:
    root = parse_xml(path)
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(f"{path}: not a UN consolidated list (root element <{root.tag}>)")
    loaded = LoadedList(name=name, format="un", as_of=iso_date(root.get("dateGenerated")), path=str(path))
    for kind, tag in (("person", "INDIVIDUALS/INDIVIDUAL"), ("organization", "ENTITIES/ENTITY")):
        for number, record in enumerate(root.findall(tag), 1):
            loaded.entries.append(_entry(path, number, record, kind))
    return loaded


def _entry(path: Path, number: int, record: ET.Element, kind: str) -> ListEntry:
    reference = text(record, "REFERENCE_NUMBER") or text(record, "DATAID")
    primary = " ".join(p for p in (text(record, f"{part}_NAME") for part in ("FIRST", "SECOND", "THIRD", "FOURTH")) if p)
    if not reference or not primary:
        raise ListFormatError(f"{path}: {record.tag.lower()} {number}: missing REFERENCE_NUMBER or name")
    names = [ListName(primary)]
    original = text(record, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(ListName(original))
    for alias in record.findall(f"{record.tag}_ALIAS"):
        alias_name = text(alias, "ALIAS_NAME")
        if alias_name:
            quality = text(alias, "QUALITY").lower()
            names.append(ListName(alias_name, WEAK if quality in _WEAK_QUALITIES else STRONG))
    comments = text(record, "COMMENTS1")
    identifiers = [Identifier("imo", imo) for imo in imo_numbers(comments)]
    for document in record.findall("INDIVIDUAL_DOCUMENT"):
        value = text(document, "NUMBER")
        if value:
            identifiers.append(Identifier(text(document, "TYPE_OF_DOCUMENT").lower() or "other", value))
    countries = [country_code(v) for v in texts(record, "NATIONALITY/VALUE")]
    addresses = []
    for address in record.findall(f"{record.tag}_ADDRESS"):
        parts = [text(address, f) for f in ("STREET", "CITY", "STATE_PROVINCE")]
        countries.append(country_code(text(address, "COUNTRY")))
        if any(parts):  # a country alone is not an address
            addresses.append(", ".join(p for p in parts + [text(address, "COUNTRY")] if p))
    listing = Listing(programme=text(record, "UN_LIST_TYPE"), authority=AUTHORITY,
                      listed_on=iso_date(text(record, "LISTED_ON")))
    return ListEntry(
        id=reference,
        type="vessel" if kind == "organization" and identifiers and identifiers[0].kind == "imo" else kind,
        names=tuple(dict.fromkeys(names)),
        countries=tuple(dict.fromkeys(c for c in countries if c)),
        identifiers=tuple(identifiers),
        addresses=tuple(addresses),
        listings=(listing,),
        remarks=comments,
    )
