"""OpenSanctions / FollowTheMoney entity files (JSON lines).

Each line is one entity: ``{"id", "schema", "properties": {...}}``.  The
sanctions themselves are ``Sanction`` entities pointing at their subject with
``entity`` (flat exports) or are nested under ``properties.sanctions``
(OpenSanctions ``targets.nested.json``); both are read.  Sanction dates:
``listingDate`` or ``startDate`` to ``endDate``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .model import STRONG, WEAK, Identifier, ListEntry, ListFormatError, ListName, Listing, LoadedList
from .values import clean_imo, country_code, iso_date

SCHEMA_TYPES = {
    "Person": "person", "Vessel": "vessel", "Airplane": "aircraft", "Company": "organization",
    "Organization": "organization", "LegalEntity": "organization", "PublicBody": "organization",
}
NAME_PROPS = {"name": STRONG, "alias": STRONG, "previousName": STRONG, "weakAlias": WEAK}
COUNTRY_PROPS = ("country", "jurisdiction", "nationality", "citizenship", "mainCountry", "flag")
ID_PROPS = {"imoNumber": "imo", "mmsi": "mmsi", "registrationNumber": "registration", "idNumber": "other",
            "passportNumber": "passport", "callSign": "call_sign", "innCode": "registration"}


def load_ftm(path: Path, name: str = "ftm") -> LoadedList:
    subjects: list[tuple[int, dict[str, Any]]] = []
    sanctions: dict[str, list[Listing]] = defaultdict(list)
    stamps: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ListFormatError(f"{path}: line {line_number}: invalid JSON ({exc.msg})") from exc
            if not isinstance(data, dict) or "schema" not in data or "id" not in data:
                raise ListFormatError(f"{path}: line {line_number}: not a FollowTheMoney entity (needs id and schema)")
            stamps += [s for s in (data.get("last_change"), data.get("last_seen")) if s]
            if data["schema"] == "Sanction":
                for subject in _props(data).get("entity", []):
                    subject_id = subject["id"] if isinstance(subject, dict) else subject
                    sanctions[subject_id].append(_listing(data))
            elif data["schema"] in SCHEMA_TYPES and data.get("target", True):
                subjects.append((line_number, data))
    loaded = LoadedList(name=name, format="ftm", as_of=iso_date(max(stamps)) if stamps else None, path=str(path))
    for line_number, data in subjects:
        loaded.entries.append(_entry(path, line_number, data, sanctions.get(data["id"], [])))
    return loaded


def _props(data: dict[str, Any]) -> dict[str, list[Any]]:
    props = data.get("properties") or {}
    return {k: v if isinstance(v, list) else [v] for k, v in props.items()}


def _first(props: dict[str, list[Any]], *names: str) -> str | None:
    for prop in names:
        for value in props.get(prop, []):
            if isinstance(value, str) and value.strip():
                return value
    return None


def _listing(sanction: dict[str, Any]) -> Listing:
    props = _props(sanction)
    return Listing(
        programme=_first(props, "program", "programId", "reason") or "",
        authority=_first(props, "authority", "country") or "",
        listed_on=iso_date(_first(props, "listingDate", "startDate")),
        delisted_on=iso_date(_first(props, "endDate")),
    )


def _entry(path: Path, line_number: int, data: dict[str, Any], listings: list[Listing]) -> ListEntry:
    props = _props(data)
    names = [ListName(v, kind) for prop, kind in NAME_PROPS.items() for v in props.get(prop, []) if isinstance(v, str)]
    if not names:
        raise ListFormatError(f"{path}: line {line_number}: entity {data['id']} has no name")
    identifiers = []
    for prop, kind in ID_PROPS.items():
        for value in props.get(prop, []):
            identifiers.append(Identifier(kind, (clean_imo(value) or value) if kind == "imo" else value))
    listings += [_listing(s) for s in props.get("sanctions", []) if isinstance(s, dict)]
    flag = country_code(_first(props, "flag"))
    return ListEntry(
        id=data["id"],
        type=SCHEMA_TYPES[data["schema"]],
        names=tuple(dict.fromkeys(names)),
        countries=tuple(dict.fromkeys(c for p in COUNTRY_PROPS for v in props.get(p, []) if (c := country_code(v)))),
        identifiers=tuple(dict.fromkeys(identifiers)),
        addresses=tuple(v for v in props.get("address", []) if isinstance(v, str)),
        listings=tuple(listings),
        remarks=_first(props, "notes", "summary") or "",
        flag=flag,
    )
