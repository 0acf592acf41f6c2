"""The knowledge base as typed records: what the YAML files in ``data/`` hold.

Each record keeps the public source it comes from, so a mention found by the
gazetteer can say why it was found.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    id: str  # ISO 3166-1 alpha-2
    name: str
    tag: str | None  # two-letter cable TAG code (CH, KN, IZ ...)
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str | None = None
    source: str = ""


@dataclass(frozen=True)
class SubjectTag:
    code: str
    meaning: str
    source: str = ""


@dataclass(frozen=True)
class ControlItem:
    regime: str  # MTCR, NSG, Wassenaar, AustraliaGroup, CWC
    code: str
    name: str
    keywords: tuple[str, ...] = ()
    category: str | None = None
    source: str = ""

    @property
    def key(self) -> str:
        return f"{self.regime} {self.code}"


@dataclass(frozen=True)
class Resolution:
    number: int
    year: int | None
    concerns: str | None  # ISO code of the country it concerns
    title: str = ""
    source: str = ""


@dataclass(frozen=True)
class Regime:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class KnownEntity:
    id: str
    type: str  # Organization, GovernmentBody, Vessel, Person ...
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    attributes: dict = field(default_factory=dict, hash=False, compare=False)
    source: str = ""


@dataclass(frozen=True)
class Name:
    """One name the gazetteer looks for, and what it stands for."""

    text: str
    type: str
    key: str
    role: str = "name"  # name | alias | adjective | capital


@dataclass
class KnowledgeBase:
    countries: list[Country] = field(default_factory=list)
    tags: list[SubjectTag] = field(default_factory=list)
    control_items: list[ControlItem] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    regimes: list[Regime] = field(default_factory=list)
    entities: list[KnownEntity] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.country_by_tag = {c.tag: c for c in self.countries if c.tag}
        self.country_by_id = {c.id: c for c in self.countries}
        self.resolution_by_number = {r.number: r for r in self.resolutions}
        self.item_by_key = {i.key: i for i in self.control_items}
        self.entity_by_id = {e.id: e for e in self.entities}

    def names(self) -> Iterator[Name]:
        """Every name of a country, regime or known entity, with its key."""
        for c in self.countries:
            key = f"country:{c.id}"
            yield Name(c.name, "Country", key)
            for alias in c.aliases:
                yield Name(alias, "Country", key, "alias")
            for adjective in c.adjectives:
                yield Name(adjective, "Country", key, "adjective")
            if c.capital:
                yield Name(c.capital, "Country", key, "capital")
        for r in self.regimes:
            key = f"regime:{r.id}"
            yield Name(r.name, "Regime", key)
            for alias in r.aliases:
                yield Name(alias, "Regime", key, "alias")
        for e in self.entities:
            key = f"entity:{e.id}"
            yield Name(e.name, e.type, key)
            for alias in e.aliases:
                yield Name(alias, e.type, key, "alias")

    def item_names(self) -> Iterator[Name]:
        """Control-list keywords, each standing for its item code."""
        for item in self.control_items:
            for keyword in item.keywords:
                yield Name(keyword, "Item", f"item:{item.key}", "keyword")
