"""What a user screens: a name, and what else they know about the party."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

QUERY_TYPES = ("company", "organization", "person", "vessel", "aircraft")
_MMSI = re.compile(r"^\D*(\d{9})\D*$")


@dataclass(frozen=True)
class Query:
    name: str
    type: str | None = None  # one of QUERY_TYPES, or None when unknown
    country: str | None = None  # ISO code, lower case
    identifiers: tuple[tuple[str, str], ...] = field(default=())  # (kind, value): imo, mmsi, registration
    as_of: dt.date | None = None


def parse_identifier(text: str) -> tuple[str, str] | None:
    """"IMO 9051624" or a bare seven-digit number is an IMO number; nine digits an MMSI."""
    from ..knowledge.lists.values import clean_imo  # followthemoney: seconds to import, only when needed

    text = (text or "").strip()
    if not text:
        return None
    if "mmsi" in text.lower() or _MMSI.match(text):
        digits = re.sub(r"\D", "", text)
        if len(digits) == 9:
            return ("mmsi", digits)
    imo = clean_imo(text)
    if imo:
        return ("imo", imo)
    return ("registration", text)


def make_query(name: str, type: str | None = None, country: str | None = None, identifier: str | None = None,
               as_of: str | dt.date | None = None) -> Query:
    if type is not None and type not in QUERY_TYPES:
        raise ValueError(f"unknown party type {type!r}: use one of {', '.join(QUERY_TYPES)}")
    from ..knowledge.lists.values import country_code

    code = country_code(country) if country else None
    if country and not code:
        raise ValueError(f"unknown country {country!r}")
    parsed = parse_identifier(identifier) if identifier else None
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return Query(name=name.strip(), type=type, country=code, identifiers=(parsed,) if parsed else (), as_of=day)
