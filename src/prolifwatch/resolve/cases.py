"""Cases: transfers reported by several documents (or paragraphs), merged.

Pure functions over plain records: the store layer hands in transfer events
whose argument keys are already mapped to entity ids (the raw mention key is
kept as ``raw_key``), and diplomatic actions that point at a transfer.

How two transfers are judged to be one shipment (weights and tolerances are
data, in ``data/cases.yaml``):

* **Dates gate.**  Each transfer's date becomes an interval (``cases_dates``).
  Two transfers further apart than the tolerance are never merged: 31 days
  when both are dated to the day, else about six months (month, year, window,
  or an undated transfer falling back to the year before its document).
* **Evidence scores.**  Shared parties on the same side (supplier; recipient
  or end user), items, carrier and route points add to a score; specific keys
  (a company, a control-list code, a vessel) weigh more than countries or
  programmes.  A document citing or describing the other adds too.
* **Contradictions subtract but do not forbid.**  Different carriers, items
  or suppliers lower the score; if parties, items and dates agree strongly
  the transfers still merge and the difference is flagged as a conflict.
* **Blocking** keeps it scalable: only transfers sharing a block key (an item
  code, a carrier, a specific party, each within a calendar year; the same
  document or a linked one) are compared.  Countries and programmes make no
  blocks: their weights cannot reach the threshold without one of those.
  Oversized blocks are skipped and counted.
* **Union-find** over accepted pairs, strongest first, refusing a merge that
  would spread a case's own dates wider than ``max_case_spread_days``.

Every transfer belongs to a case; a case of one is still a case, so each
transfer has a case page and a timeline.  Lists sort by number of documents.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from ..datafiles import data_yaml
from .cases_dates import Interval, transfer_interval
from .cases_outcomes import attach_outcomes, outcome_values, paragraph_of, with_host_counterpart
from .cases_pairs import DateSpreadUnionFind, candidate_pairs, score_pairs
from .cases_parties import PartyRule, split_parties
from .cases_record import argument_value, build_record

PARTY_SIDES = {"supplier": ("supplier",), "buyer": ("recipient", "end_user")}
ROUTE_ROLES = ("origin", "via", "destination")


@dataclass
class TransferInput:
    event_pk: int
    document: str
    document_date: str | None
    idx: int
    record: dict[str, Any]      # event JSON; argument "key" = entity id, "raw_key" = mention key


@dataclass
class ActionInput:
    event_pk: int
    document: str
    document_date: str | None
    idx: int
    transfer: int | None        # idx of a transfer event in the same document; None for an outcome near one
    record: dict[str, Any]


@dataclass
class Case:
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    record: dict[str, Any]
    event_pks: list[int]


@dataclass
class _Profile:
    """What a transfer says, as sets of values, ready for comparing.  ``compared``
    names the sets scored for sharing (the two sides, items, route); ``specific``
    holds each one's values that are not weak (see _Scorer.is_weak), so two sets
    share a specific value exactly when their specific subsets meet."""
    transfer: TransferInput
    interval: Interval | None
    sides: dict[str, set[str]] = field(default_factory=dict)
    items: set[str] = field(default_factory=set)
    carriers: set[str] = field(default_factory=set)
    vessels: set[str] = field(default_factory=set)
    route: set[str] = field(default_factory=set)
    compared: dict[str, set[str]] = field(default_factory=dict)
    specific: dict[str, set[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def default_config() -> dict[str, Any]:
    return data_yaml(__package__, "cases.yaml")


def _values(record: Mapping[str, Any], roles: Iterable[str]) -> set[str]:
    return {argument_value(a) for role in roles for a in record.get(role) or []}


def _profile(transfer: TransferInput, config: Mapping[str, Any], scorer: "_Scorer") -> _Profile:
    dates = config["dates"]
    record = transfer.record
    profile = _Profile(
        transfer=transfer,
        interval=transfer_interval(record.get("date"), transfer.document_date,
                                   before_days=dates["fallback_before_days"], after_days=dates["fallback_after_days"]),
        sides={side: _values(record, roles) for side, roles in PARTY_SIDES.items()},
        items=_values(record, ("items",)),
        carriers=_values(record, ("carrier",)),
        vessels={argument_value(a) for a in record.get("carrier") or [] if a.get("type") == "Vessel"},
        route=_values(record, ROUTE_ROLES),
    )
    profile.compared = {**profile.sides, "items": profile.items, "route": profile.route}
    profile.specific = {name: {v for v in values if not scorer.is_weak(v)}
                        for name, values in profile.compared.items()}
    return profile


class _Scorer:
    def __init__(self, config: Mapping[str, Any], links: set[tuple[str, str]]):
        self.weights = config["weights"]
        self.dates = config["dates"]
        self.weak_prefixes = tuple(config["weak_prefixes"])
        self.generic_items = set(config["generic_items"])
        self.reversed = config["reversed_parties"]
        self.links = links

    def is_weak(self, value: str) -> bool:
        return value.startswith(self.weak_prefixes) or value in self.generic_items

    def _shared(self, a: _Profile, b: _Profile, name: str, strong: str, weak: str) -> float:
        if a.compared[name].isdisjoint(b.compared[name]):
            return 0.0
        return self.weights[weak] if a.specific[name].isdisjoint(b.specific[name]) else self.weights[strong]

    @staticmethod
    def _specific_disjoint(a: _Profile, b: _Profile, name: str) -> bool:
        sa, sb = a.specific[name], b.specific[name]
        return bool(sa and sb and sa.isdisjoint(sb))

    def date_score(self, a: Interval | None, b: Interval | None) -> float | None:
        """Points for agreeing dates, or None when the dates rule the pair out."""
        if a is None or b is None:
            return 0.0
        gap = a.gap_days(b)
        both_days = a.precision == "day" and b.precision == "day"
        tolerance = self.dates["day_tolerance_days"] if both_days else self.dates["tolerance_days"]
        if a.own and b.own and "year" in (a.precision, b.precision):
            tolerance = 0  # "in 2006" and "in 2007" are two claims, not one loose date
        if gap > tolerance:
            return None
        if a.own and b.own and gap <= self.dates["close_days"] and a.precision != "year" and b.precision != "year":
            return self.weights["date_close"]
        return self.weights["date_compatible"] if a.own and b.own else 0.0

    def dates_may_agree(self, codes: np.ndarray, profiles: list[_Profile], chunk: int = 1 << 21) -> np.ndarray:
        """The pair codes (``i * len(profiles) + j``) that ``date_score`` does not rule
        out, found for all pairs at once: about half the pairs at 250,000 cables, each
        a Python call less."""
        if not len(codes):
            return codes
        intervals = [p.interval for p in profiles]
        dated = np.array([i is not None for i in intervals])
        first = np.array([i.first if i else 0 for i in intervals], dtype=np.int64)
        last = np.array([i.last if i else 0 for i in intervals], dtype=np.int64)
        day = np.array([bool(i) and i.precision == "day" for i in intervals])
        year = np.array([bool(i) and i.precision == "year" for i in intervals])
        own = np.array([bool(i) and i.own for i in intervals])
        kept = []
        for start in range(0, len(codes), chunk):  # (a few arrays of this size at a time)
            part = codes[start:start + chunk]
            a, b = np.divmod(part, len(profiles))
            gap = np.maximum(0, np.maximum(first[b] - last[a], first[a] - last[b]))
            tolerance = np.where(day[a] & day[b], self.dates["day_tolerance_days"], self.dates["tolerance_days"])
            tolerance[own[a] & own[b] & (year[a] | year[b])] = 0
            kept.append(part[~(dated[a] & dated[b] & (gap > tolerance))])
        return np.concatenate(kept)

    @staticmethod
    def reversed_parties(a: _Profile, b: _Profile) -> bool:
        """A's supplier is B's buyer and A's buyer B's supplier, by specific parties: one pair
        read in two directions."""
        return bool(a.specific["supplier"] & b.specific["buyer"] and a.specific["buyer"] & b.specific["supplier"])

    def score(self, a: _Profile, b: _Profile) -> float | None:
        dates = self.date_score(a.interval, b.interval)
        if dates is None:
            return None
        w = self.weights
        total = dates
        for side in PARTY_SIDES:
            total += self._shared(a, b, side, "party_specific", "party_weak")
        if self.reversed_parties(a, b):
            total += self.reversed
        total += self._shared(a, b, "items", "item_specific", "item_weak")
        carriers_meet = not a.carriers.isdisjoint(b.carriers)
        if carriers_meet:
            total += w["carrier_vessel"] if (a.carriers & b.carriers) & (a.vessels | b.vessels) else w["carrier_other"]
        total += self._shared(a, b, "route", "route_specific", "route_weak")
        if a.carriers and b.carriers and not carriers_meet:
            total += w["carrier_conflict"]
        if self._specific_disjoint(a, b, "items"):
            total += w["item_conflict"]
        if self._specific_disjoint(a, b, "supplier") and not self.reversed_parties(a, b):
            total += w["supplier_conflict"]
        if a.transfer.document == b.transfer.document:
            total += w["same_document"]
        return total


def _block_keys(p: _Profile, scorer: _Scorer, pad_days: int, linked: Mapping[str, set[str]]) -> set[tuple]:
    """Keys of the blocks a transfer falls in: only transfers sharing one are compared.
    A document's block also holds the transfers of the documents linked to it."""
    document = p.transfer.document
    keys: set[tuple] = {("document", d) for d in {document} | linked.get(document, set())}
    years = list(p.interval.years(pad_days)) if p.interval else [None]
    specific: list[tuple] = [("item", v) for v in p.items if not scorer.is_weak(v)]
    specific += [("carrier", v) for v in p.carriers]
    # a party's block holds both sides, so a pair read in reverse is compared
    specific += [("party", v) for values in p.sides.values() for v in values if not scorer.is_weak(v)]
    # No block for countries or programmes alone: weak evidence cannot reach the threshold
    # without a specific key, a shared document or a link, and those have blocks of their own.
    for key in specific:
        for year in years:
            keys.add((*key, year))
    return keys


def _add_link_bonus(scored: dict[tuple[int, int], float], profiles: list[_Profile], scorer: _Scorer,
                    bonus: float) -> None:
    """Add the document-link bonus to mutual best matches only.

    A cable citing another, or an article describing a cable, tells of *one*
    of its shipments: the link vouches for the pair that matches best from
    both sides (ties included), not for every transfer the two documents share
    an item with."""
    linked = list(_linked_pairs(scored, profiles, scorer))
    best: dict[tuple[int, str], float] = defaultdict(float)
    for (i, j), score in linked:
        for me, other in ((i, j), (j, i)):
            key = (me, profiles[other].transfer.document)
            best[key] = max(best[key], score)
    for (i, j), score in linked:
        if score == best[(i, profiles[j].transfer.document)] == best[(j, profiles[i].transfer.document)]:
            scored[(i, j)] = score + bonus


def _linked_pairs(scored: dict[tuple[int, int], float], profiles: list[_Profile],
                  scorer: _Scorer) -> Iterator[tuple[tuple[int, int], float]]:
    """The scored pairs with a positive score whose two documents are linked: looked up
    from the links (a few transfers a document) rather than by testing every scored
    pair (8.5 million at 250,000 cables)."""
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        by_document[p.transfer.document].append(i)
    seen: set[tuple[int, int]] = set()
    for da, db in scorer.links:
        if da == db:
            continue
        for i in by_document.get(da, ()):
            for j in by_document.get(db, ()):
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    score = scored.get(pair)
                    if score is not None and score > 0:
                        yield pair, score


def case_id(document: str, idx: int) -> str:
    """``case-`` and a short stable hash of the case's earliest transfer."""
    return "case-" + hashlib.sha1(f"{document}#{idx}".encode()).hexdigest()[:12]


def build_cases(
    transfers: Iterable[TransferInput],
    actions: Iterable[ActionInput] = (),
    *,
    links: Iterable[tuple[str, str]] = (),
    answers: Iterable[tuple[str, str]] = (),
    names: Mapping[str, str] | None = None,
    entities: Mapping[str, tuple[str, str]] | None = None,
    hosts: Mapping[str, str] | None = None,
    our_side: Iterable[str] = (),
    config: Mapping[str, Any] | None = None,
) -> tuple[list[Case], dict[str, int]]:
    """Group transfers into cases; attach the actions that point at them and the outcomes
    near them (``cases_outcomes``).

    ``links`` are (document, document) pairs where one cites or describes the
    other; ``answers`` (reply, request) pairs of documents; ``names`` gives display
    names for entity ids (else the commonest surface form); ``entities`` each
    entity's (name, type), to tell real parties (``cases_parties``); ``hosts`` each
    document's host government key, the counterpart of its démarches; ``our_side``
    the casefolded words naming our own side.  Returns the cases, most documents
    first, and counts."""
    config = config or default_config()
    names = names or {}
    scorer = _Scorer(config, set(links))
    rule = PartyRule(config, entities)
    transfers = [TransferInput(t.event_pk, t.document, t.document_date, t.idx,
                               split_parties(t.record, rule, argument_value)) for t in transfers]
    profiles = [_profile(t, config, scorer) for t in transfers]
    pad = config["dates"]["tolerance_days"]

    blocks: dict[tuple, list[int]] = defaultdict(list)
    linked: dict[str, set[str]] = defaultdict(set)
    for src, dst in scorer.links:
        linked[src].add(dst)
    for i, p in enumerate(profiles):
        for key in _block_keys(p, scorer, pad, linked):
            blocks[key].append(i)
    pairs, oversized = candidate_pairs(blocks.values(), len(profiles), config["blocking"]["max_block"])
    del blocks
    threshold, bonus = config["threshold"], config["weights"]["document_link"]

    def counts(score: float) -> bool:
        # Reaching the threshold, or able to with the link bonus (which only a
        # positive score takes).  A pair below both is never accepted, and no
        # other pair's bonus depends on it: a pair's bonus compares it with the
        # best scores of its own two sides, which it reaches itself.
        return score >= threshold or (score > 0 and score + bonus >= threshold)

    scored = {(i, j): score for i, j, score in score_pairs(
        lambda i, j: scorer.score(profiles[i], profiles[j]), scorer.dates_may_agree(pairs, profiles),
        len(profiles), counts)}
    _add_link_bonus(scored, profiles, scorer, config["weights"]["document_link"])
    accepted = [(score, i, j) for (i, j), score in scored.items() if score >= config["threshold"]]
    accepted.sort(key=lambda t: (-t[0], t[1], t[2]))
    clusters = DateSpreadUnionFind([p.interval for p in profiles])
    refused = 0
    for _, i, j in accepted:
        if not clusters.union(i, j, config["dates"]["max_case_spread_days"]):
            refused += 1

    groups: dict[int, list[TransferInput]] = defaultdict(list)
    for i, p in enumerate(profiles):
        groups[clusters.find(i)].append(p.transfer)
    by_transfer = {(t.document, t.idx): root for root, members in groups.items() for t in members}
    hosts, sides = hosts or {}, set(our_side)
    actions = [ActionInput(a.event_pk, a.document, a.document_date, a.idx, a.transfer, with_host_counterpart(
        a.record, hosts.get(a.document), names.get(hosts.get(a.document, "")), sides, config)) for a in actions]
    related: dict[int, list[ActionInput]] = defaultdict(list)
    for action in actions:
        root = by_transfer.get((action.document, action.transfer))
        if root is not None:
            related[root].append(action)
    paragraphs = {(p.transfer.document, p.transfer.idx): paragraph_of(p.transfer.record) for p in profiles}
    case_values: dict[int, set[str]] = defaultdict(set)
    for i, p in enumerate(profiles):
        case_values[clusters.find(i)].update(*p.sides.values(), p.items, p.carriers, p.route)
    named = {a.event_pk: outcome_values(a, hosts.get(a.document), sides, argument_value)
             for a in actions if a.transfer is None}
    outcomes = attach_outcomes(actions, by_transfer, paragraphs, answers, config, case_values=case_values,
                               named=named, is_weak=scorer.is_weak)
    for root, attached in outcomes.items():
        related[root].extend(attached)

    cases = []
    for root, members in groups.items():
        record = build_record(members, related.get(root, []), names, config)
        first = record["transfers"][0]
        cases.append(Case(
            id=case_id(first["document"], first["idx"]),
            title=record["title"],
            first_date=record["first_date"],
            last_date=record["last_date"],
            record=record,
            event_pks=[t.event_pk for t in members] + [a.event_pk for a in related.get(root, [])],
        ))
    cases.sort(key=lambda c: (-len(c.record["documents"]), -len(c.record["transfers"]), c.first_date or "", c.id))
    counts = {
        "transfers": len(profiles),
        "cases": len(cases),
        "multi_document_cases": sum(1 for c in cases if len(c.record["documents"]) > 1),
        "conflicts": sum(len(c.record["conflicts"]) for c in cases),
        "related_actions": sum(len(v) for v in related.values()),
        "outcomes_attached": sum(len(v) for v in outcomes.values()),
        "cases_without_parties": sum(1 for c in cases if not c.record["has_parties"]),
        "pairs_compared": len(pairs),
        "pairs_accepted": len(accepted),
        "merges_refused_for_spread": refused,
        "oversized_blocks": oversized,
    }
    return cases, counts
