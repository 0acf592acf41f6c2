"""The one internal form every sanctions-list format is read into.

UN, OFAC and OpenSanctions files differ in layout but say the same things:
names with a strength (a "weak" a.k.a. is too generic to match on alone),
an entity type, countries, identifiers, addresses, and one or more listings,
each with a programme and the dates it started and ended.  A listing without
an end date is in force.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

ENTITY_TYPES = ("organization", "person", "vessel", "aircraft", "unknown")
STRONG, WEAK = "strong", "weak"
# Aliases this short and all in capitals ("DIO", "AIG") are matched as weak aliases.
WEAK_ALIAS_LETTERS = 4


@dataclass(frozen=True)
class ListName:
    text: str
    kind: str = STRONG  # strong | weak


@dataclass(frozen=True)
class Identifier:
    kind: str  # imo, mmsi, registration, passport, call_sign, website, other
    value: str


@dataclass(frozen=True)
class Listing:
    """One designation of the entry: by whom, under which programme, when."""

    programme: str
    authority: str = ""
    listed_on: str | None = None  # ISO date
    delisted_on: str | None = None  # ISO date; None while in force

    def in_force_on(self, day: dt.date) -> bool | None:
        """True/False when the dates decide it, None when the listing date is unknown."""
        if self.delisted_on and day >= dt.date.fromisoformat(self.delisted_on):
            return False
        if self.listed_on is None:
            return None
        return day >= dt.date.fromisoformat(self.listed_on)


@dataclass(frozen=True)
class ListEntry:
    id: str  # unique within its list: UN reference number, OFAC uid, FtM id
    type: str  # one of ENTITY_TYPES
    names: tuple[ListName, ...]
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2, lower case
    identifiers: tuple[Identifier, ...] = ()
    addresses: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    remarks: str = ""
    flag: str | None = None  # vessels: ISO code of the flag state

    @property
    def caption(self) -> str:
        return self.names[0].text if self.names else self.id

    @property
    def programmes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(l.programme for l in self.listings if l.programme))

    @property
    def listed_on(self) -> str | None:
        dates = [l.listed_on for l in self.listings if l.listed_on]
        return min(dates) if dates else None

    def identifier_values(self, kind: str) -> tuple[str, ...]:
        return tuple(i.value for i in self.identifiers if i.kind == kind)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ListEntry":
        return cls(
            id=data["id"],
            type=data["type"],
            names=tuple(ListName(**n) for n in data["names"]),
            countries=tuple(data.get("countries", ())),
            identifiers=tuple(Identifier(**i) for i in data.get("identifiers", ())),
            addresses=tuple(data.get("addresses", ())),
            listings=tuple(Listing(**l) for l in data.get("listings", ())),
            remarks=data.get("remarks", ""),
            flag=data.get("flag"),
        )


@dataclass
class LoadedList:
    """A list file read whole: what it is, as of which date, and its entries."""

    name: str  # un | ofac | ftm (or a name the user gives)
    format: str
    as_of: str | None  # the publication date the file states, ISO
    entries: list[ListEntry] = field(default_factory=list)
    path: str = ""


class ListFormatError(ValueError):
    """A list file that cannot be read; the message names the file and line or record."""
