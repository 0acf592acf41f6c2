"""A hit's reasons, feature by feature, in words a compliance reviewer can check.

The matcher's own explanations (which names were paired, how each part
scored) are kept, and the facts the reviewer weighs beside the name are
stated whether they help or hurt: identifier match or mismatch, country
match, mismatch or unknown.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from nomenklatura.matching.types import MatchingResult

from ..knowledge.lists import ListEntry
from .query import Query


@dataclass(frozen=True)
class Feature:
    name: str  # name, weak_alias, identifier, country, or a matcher feature name
    score: float
    detail: str

    def to_json(self) -> dict:
        return asdict(self)


def matcher_features(result: MatchingResult) -> list[Feature]:
    features = []
    for name, explained in result.explanations.items():
        if explained.score == 0:  # "Not a vessel", "No birth dates provided": nothing to weigh
            continue
        label = {"name_match": "name", "weak_alias_match": "weak_alias"}.get(name, name)
        detail = explained.detail or ""
        if explained.query and explained.candidate:
            detail = f"{explained.query!r} ~ {explained.candidate!r}" + (f": {detail}" if detail else "")
        features.append(Feature(label, round(explained.score, 3), detail))
    return features


def identifier_feature(query: Query, entry: ListEntry) -> Feature | None:
    for kind, value in query.identifiers:
        listed = entry.identifier_values(kind)
        if not listed:
            continue
        if value.upper() in (v.upper() for v in listed):
            return Feature("identifier", 1.0, f"{kind.upper()} {value} matches the listed {kind.upper()}")
        return Feature("identifier", -1.0, f"{kind.upper()} {value} differs from the listed {', '.join(listed)}")
    return None


def country_feature(query: Query, entry: ListEntry) -> Feature:
    if not query.country:
        return Feature("country", 0.0, "no country given for the party")
    if not entry.countries:
        return Feature("country", 0.0, "the list gives no country")
    if query.country in entry.countries:
        return Feature("country", 1.0, f"{query.country.upper()} matches the listed country")
    listed = ", ".join(c.upper() for c in entry.countries)
    return Feature("country", -1.0, f"{query.country.upper()} differs from the listed {listed}")
