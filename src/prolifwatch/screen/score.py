"""Screening: candidates from the index, scored by nomenklatura's logic-v2.

logic-v2 was chosen by measurement (docs/benchmarks.md, "Screening"): it
pairs name parts across scripts and romanisations, knows organisation-type
symbols ("Corp" = "Corporation"), and weighs a query word missing from the
list name more than a list word the user left out.  A comparison costs about
half a millisecond, so only the best few index candidates are scored.
Vessels are found by IMO or MMSI number first, by name and flag second.
A party of no stated type is compared with every listed type, vessels and
aircraft included.  After the matcher, a hit must rest on enough of the
listed name (``support.py``); a name written exactly as a weak alias is
reported whatever its score, marked as such, for the reviewer to weigh.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nomenklatura.matching import ScoringAlgorithm, ScoringConfig

from ..knowledge.lists import STRONG, WEAK, ListEntry
from .explain import Feature, country_feature, identifier_feature, matcher_features
from .hit import Hit
from .index import CandidateIndex, normalised
from .keys import name_keys
from .matcher import ScreeningLogic
from .proxies import entry_proxy, query_proxy, query_schema
from .support import organisation_shortfall, person_shortfall
from .query import Query
from .status import status_on
from .variants import closest_spellings

DEFAULT_THRESHOLD = 0.7
RESCORE = 3  # index candidates scored by the matcher per query
NAMES_COMPARED = 2  # names of an entry compared with the query: those sharing most keys with it
# Index candidates scoring below this share of the best candidate's index
# score, or below MIN_OVERLAP, are not worth the matcher's time (tuned on the
# screening test set and the 50,000-entry benchmark, docs/benchmarks.md).
NEAR_BEST = 0.8
MIN_OVERLAP = 0.5
# A hit this sure ends the search when the other candidates share fewer keys with the query.
SURE = 0.9
# A weak alias ("AIG", "IRISL Group") matched on its own is a lead, not a hit:
# logic-v2 weighs it 0.8, above the threshold; here it stays below it.
WEAK_ALIAS_WEIGHT = 0.6
# A hit resting on too little of the listed name (support.py) scores at most
# this, below the default threshold: still visible with --threshold 0.5.
UNSUPPORTED_CEILING = 0.5
# Which list-entry types a party of a given type can be.
COMPATIBLE = {
    "person": {"person", "unknown"},
    "vessel": {"vessel", "unknown"},
    "aircraft": {"aircraft", "unknown"},
    "company": {"organization", "unknown"},
    "organization": {"organization", "unknown"},
}


@dataclass(frozen=True)
class IndexedEntry:
    list_name: str
    entry: ListEntry
    list_as_of: str | None = None


class Screener:
    def __init__(self, entries: Sequence[IndexedEntry], *, threshold: float = DEFAULT_THRESHOLD,
                 rescore: int = RESCORE, algorithm: type[ScoringAlgorithm] = ScreeningLogic):
        self.entries = list(entries)
        self.index = CandidateIndex([e.entry for e in self.entries])
        self.threshold = threshold
        self.rescore = rescore
        self.algorithm = algorithm  # another nomenklatura matcher, for comparisons (bench/screen_algorithms.py)
        self._config = ScoringConfig.model_construct(weights={"weak_alias_match": WEAK_ALIAS_WEIGHT}, config={})

    def __len__(self) -> int:
        return len(self.entries)

    def screen(self, query: Query, *, limit: int = 5, threshold: float | None = None) -> list[Hit]:
        """Hits scoring at least ``threshold`` (the screener's default when None), best first."""
        threshold = self.threshold if threshold is None else threshold
        allowed = COMPATIBLE.get(query.type or "")
        by_identifier = [n for kind, value in query.identifiers for n in self.index.by_identifier(kind, value)]
        by_name = [(n, s) for n, s in self.index.candidates([query.name], limit=self.rescore * 3)
                   if allowed is None or self.entries[n].entry.type in allowed][: self.rescore]
        floor = max(by_name[0][1] * NEAR_BEST, MIN_OVERLAP) if by_name else 1.0
        overlap = {n: o for n, o in by_name if o >= floor}
        hits: list[Hit] = []
        proxies: dict[str | None, object] = {}  # the query with each extra spelling, analysed once
        sure = None  # key overlap of a candidate that scored SURE
        for number in dict.fromkeys(by_identifier + list(overlap)):
            if sure is not None and overlap.get(number, 1.0) < sure:
                break
            hit = self._score(query, number, proxies)
            if hit.score >= SURE and number in overlap:
                sure = overlap[number] if sure is None else min(sure, overlap[number])
            if hit.score >= threshold or hit.weak_alias:
                hits.append(hit)
        hits.sort(key=lambda h: (-h.score, h.key))
        return hits[:limit]

    @staticmethod
    def _names_to_compare(query: Query, entry: ListEntry) -> list[int]:
        """The entry's names sharing most index keys with the query (all, when it has few)."""
        if len(entry.names) <= NAMES_COMPARED:
            return list(range(len(entry.names)))
        wanted = name_keys(query.name)
        shared = [(-len(wanted & name_keys(name.text)), number) for number, name in enumerate(entry.names)]
        return sorted(number for _, number in sorted(shared)[:NAMES_COMPARED])

    def _score(self, query: Query, number: int, proxies: dict) -> Hit:
        indexed = self.entries[number]
        names = self._names_to_compare(query, indexed.entry)
        ours, theirs = closest_spellings(query.name, [indexed.entry.names[n].text for n in names
                                                      if indexed.entry.names[n].kind == STRONG])
        schema = query_schema(query, indexed.entry)
        proxy = proxies.get((schema, ours)) or proxies.setdefault((schema, ours), query_proxy(query, ours, schema))
        candidate = entry_proxy(indexed.list_name, indexed.entry, names, theirs)
        result = self.algorithm.compare(proxy, candidate, self._config)
        features = matcher_features(result)
        score = result.score
        identifier = identifier_feature(query, indexed.entry)
        if identifier:
            features.insert(0, identifier)
            if identifier.score > 0:  # an IMO/MMSI match decides a vessel whatever its current name
                score = max(score, 0.99)
        weak_alias = self._weak_alias_written(query, indexed.entry)
        if not (identifier and identifier.score > 0) and not weak_alias:
            shortfall = self._shortfall(query, indexed.entry)
            if shortfall:
                features.append(Feature("support", -1.0, shortfall))
                score = min(score, UNSUPPORTED_CEILING)
        if weak_alias:
            features.insert(0, Feature("weak_alias", round(score, 3), f"{query.name!r} is written as the listed "
                                       f"weak alias {weak_alias!r}: the list says it does not identify the party alone"))
        features.append(country_feature(query, indexed.entry))
        status = status_on(indexed.entry, query.as_of) if query.as_of else None
        return Hit(indexed.list_name, indexed.entry, min(score, 1.0), features, status, indexed.list_as_of,
                   weak_alias=weak_alias)

    @staticmethod
    def _weak_alias_written(query: Query, entry: ListEntry) -> str | None:
        """The weak alias the query is written as (ignoring case, punctuation and legal form), if any."""
        wanted = normalised(query.name)
        return next((n.text for n in entry.names if n.kind == WEAK and normalised(n.text) == wanted), None)

    @staticmethod
    def _shortfall(query: Query, entry: ListEntry) -> str | None:
        names = [n.text for n in entry.names if n.kind == STRONG]
        if entry.type == "person":
            return person_shortfall(query.name, names)
        return organisation_shortfall(query.name, names)
