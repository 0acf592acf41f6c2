"""The US OFAC SDN list in its XML layout (``SDN.XML``).

``sdnList/sdnEntry`` with lastName (and firstName for people), sdnType
(Entity, Individual, Vessel, Aircraft), programList, akaList (category strong
or weak), idList (vessel IMO and MMSI numbers, registration numbers),
addressList and vesselInfo.  SDN.XML carries no designation dates: entries
load with the programme and an unknown listing date.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from .model import STRONG, WEAK, Identifier, ListEntry, ListFormatError, ListName, Listing, LoadedList
from .values import clean_imo, country_code, iso_date
from .xml import parse_xml, text, texts

AUTHORITY = "US Treasury OFAC"
SDN_TYPES = {"entity": "organization", "individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
_ID_KINDS = {
    "vessel registration identification": "imo",
    "mmsi": "mmsi",
    "registration id": "registration",
    "registration number": "registration",
    "passport": "passport",
    "website": "website",
    "call sign": "call_sign",
}


def load_ofac_xml(path: Path, name: str = "ofac") -> LoadedList:
    root = parse_xml(path)
    if root.tag != "sdnList":
        raise ListFormatError(f"{path}: not an OFAC SDN list (root element <{root.tag}>)")
    loaded = LoadedList(name=name, format="ofac", as_of=iso_date(text(root, "publshInformation/Publish_Date")),
                        path=str(path))
    for number, record in enumerate(root.findall("sdnEntry"), 1):
        loaded.entries.append(_entry(path, number, record))
    return loaded


def person_name(first: str, last: str) -> str:
    return f"{first} {last}".strip() if first else last


def identifier(kind_text: str, value: str) -> Identifier:
    kind = _ID_KINDS.get(kind_text.strip().lower(), "other")
    if kind == "imo":
        return Identifier("imo", clean_imo(value) or value.strip())
    return Identifier(kind, value.strip())


def _entry(path: Path, number: int, record: ET.Element) -> ListEntry:
    uid, last = text(record, "uid"), text(record, "lastName")
    if not uid or not last:
        raise ListFormatError(f"{path}: sdnEntry {number}: missing uid or lastName")
    names = [ListName(person_name(text(record, "firstName"), last))]
    for aka in record.findall("akaList/aka"):
        alias = person_name(text(aka, "firstName"), text(aka, "lastName"))
        if alias:
            names.append(ListName(alias, WEAK if text(aka, "category").lower() == WEAK else STRONG))
    identifiers = [identifier(text(i, "idType"), text(i, "idNumber")) for i in record.findall("idList/id")
                   if text(i, "idNumber")]
    call_sign = text(record, "vesselInfo/callSign")
    if call_sign:
        identifiers.append(Identifier("call_sign", call_sign))
    countries, addresses = [], []
    for address in record.findall("addressList/address"):
        parts = [text(address, f) for f in ("address1", "address2", "city", "stateOrProvince", "country")]
        countries.append(country_code(text(address, "country")))
        if any(parts):
            addresses.append(", ".join(p for p in parts if p))
    countries += [country_code(c) for c in texts(record, "nationalityList/nationality/country")]
    flag = country_code(text(record, "vesselInfo/vesselFlag"))
    listings = tuple(Listing(programme=p, authority=AUTHORITY) for p in texts(record, "programList/program"))
    return ListEntry(
        id=f"ofac-{uid}",
        type=SDN_TYPES.get(text(record, "sdnType").lower(), "unknown"),
        names=tuple(dict.fromkeys(names)),
        countries=tuple(dict.fromkeys(c for c in countries + [flag] if c)),
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(addresses),
        listings=listings,
        remarks=text(record, "remarks"),
        flag=flag,
    )
