"""One screening hit: the list entry, how well it matched and why, and its status on a date."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge.lists import ListEntry
from .explain import Feature


@dataclass
class Hit:
    list_name: str
    entry: ListEntry
    score: float
    features: list[Feature] = field(default_factory=list)
    status: str | None = None  # on the query's --as-of date: listed, delisted, not yet listed, unknown
    list_as_of: str | None = None
    weak_alias: str | None = None  # the listed weak alias the query is written as: a lead, not an identification

    @property
    def key(self) -> str:
        return f"{self.list_name}:{self.entry.id}"

    def to_json(self) -> dict:
        return {
            "list": self.list_name,
            "entry_id": self.entry.id,
            "name": self.entry.caption,
            "type": self.entry.type,
            "score": round(self.score, 3),
            "programmes": list(self.entry.programmes),
            "listed_on": self.entry.listed_on,
            "status": self.status,
            "list_as_of": self.list_as_of,
            "countries": list(self.entry.countries),
            "identifiers": [f"{i.kind}:{i.value}" for i in self.entry.identifiers],
            "aliases": [n.text for n in self.entry.names[1:]],
            "weak_alias": self.weak_alias,
            "explanation": [f.to_json() for f in self.features],
        }
