"""Score the event finders against the corpus events gold (``events_gold``).

- A predicted transfer **matches** a gold transfer of the same paragraph when
  an item agrees and a party agrees in the same role (supplier, recipient or
  end user), or, where the gold names no party in those roles, when an item
  agrees; pairs are taken best agreement first, each used once.
- **Arguments** score by role over every gold and predicted transfer of the
  scored cables: the values of matched pairs are compared, those of unmatched
  transfers count as missed or wrong.
- **Status** is scored on matched pairs only.
- **Date** is scored on matched pairs only (``date_agrees``): a gold date is
  found (tp) when the predicted one agrees at the gold's precision (gold
  "2008-05": "2008-05-20" or "2008-05" are right); a predicted date that is
  less precise ("2008") or another counts as wrong (fp and fn); a gold date
  with none predicted is missed (fn); a predicted date where the gold has none
  is false (fp).
- A **diplomatic action** matches a gold one of the same paragraph and kind
  whose actor or counterpart agrees (or which names neither).
- The **reliability table** groups predicted transfers by confidence and
  says how many matched.

Values agree when one contains the other as whole words once case, articles
and possessives are set aside, or when both are names of the same country or
known entity in the knowledge base ("PRC" and "China").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..knowledge import KnowledgeBase
from .evaluate import Score, matched, normalise

PARTY_ROLES = ("supplier", "recipient", "end_user")
ARGUMENT_ROLES = ("supplier", "broker", "recipient", "end_user", "items", "origin", "via", "destination", "carrier")
KEYED_ROLES = ("supplier", "broker", "recipient", "end_user", "origin")
BANDS = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))


@dataclass
class EventsReport:
    documents: int = 0
    transfers: Score = field(default_factory=Score)
    arguments: dict[str, Score] = field(default_factory=dict)
    status_right: int = 0
    status_scored: int = 0
    status_confusion: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    dates: Score = field(default_factory=Score)
    dates_wrong: int = 0  # of dates.fp and dates.fn: a gold date given another (or a less precise) value
    actions: Score = field(default_factory=Score)
    policy_documents: int = 0
    policy_false_transfers: int = 0
    bands: dict[tuple[float, float], list[int]] = field(default_factory=lambda: {b: [0, 0] for b in BANDS})
    misses: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)
    date_errors: list[dict[str, Any]] = field(default_factory=list)  # matched pairs whose dates differ

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "transfers": self.transfers.to_json(),
            "arguments": {role: s.to_json() for role, s in self.arguments.items()},
            "status_accuracy": round(self.status_right / self.status_scored, 3) if self.status_scored else None,
            "status_scored": self.status_scored,
            "date": {**self.dates.to_json(), "gold_dated": self.dates.tp + self.dates.fn,
                     "wrong": self.dates_wrong},
            "actions": self.actions.to_json(),
            "policy_documents": self.policy_documents,
            "policy_false_transfers": self.policy_false_transfers,
            "reliability": [{"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": n, "real": real,
                             "share_real": round(real / n, 3) if n else None}
                            for (lo, hi), (n, real) in self.bands.items()],
        }


class Matcher:
    """Whether a predicted value agrees with a gold one."""

    def __init__(self, kb: KnowledgeBase):
        self.key_of: dict[str, str] = {}
        for name in kb.names():
            self.key_of.setdefault(normalise(name.text), name.key)

    def agree(self, role: str, gold: str, predicted: str, predicted_key: str | None = None) -> bool:
        g, p = normalise(gold), normalise(predicted)
        if not g or not p:
            return False
        if g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} ":
            return True
        if role in KEYED_ROLES:
            gold_key = self.key_of.get(g)
            return gold_key is not None and gold_key in (predicted_key, self.key_of.get(p))
        return False

    def role_score(self, role: str, gold: dict[str, Any] | None, predicted: dict[str, Any] | None) -> Score:
        return matched([v for v in (gold or {}).get(role) or [] if v], (predicted or {}).get(role) or [],
                       lambda g, a: self.agree(role, g, a["text"], a.get("key")))

    def matches(self, gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
        items = self.role_score("items", gold, predicted).tp > 0 or (not gold.get("items") and bool(gold.get("quantity")))
        if not any(gold.get(role) for role in PARTY_ROLES):
            # a gold transfer naming no party ("the export of 50 missiles") is matched on its items,
            # or nothing could ever match it, not even the gold itself
            return items
        return items and any(self.role_score(role, gold, predicted).tp for role in PARTY_ROLES)

    def agreement(self, gold: dict[str, Any], predicted: dict[str, Any]) -> int:
        return sum(self.role_score(role, gold, predicted).tp for role in ARGUMENT_ROLES)


def score_document(gold: dict[str, Any], predicted: list[dict[str, Any]], matcher: Matcher,
                   report: EventsReport) -> None:
    """Add one cable's figures to ``report``; ``predicted`` are events as ``Event.to_json`` gives them."""
    report.documents += 1
    transfers = [e for e in predicted if e["type"] == "transfer"]
    actions = [e for e in predicted if e["type"] == "diplomatic_action"]
    if gold.get("policy_only"):
        report.policy_documents += 1
        report.policy_false_transfers += len(transfers)
    pairs = _pair_transfers(gold.get("transfers", []), transfers, matcher)
    matched_predicted = {id(p) for _, p in pairs}
    for g in gold.get("transfers", []):
        p = next((p for gg, p in pairs if gg is g), None)
        if p is None:
            report.transfers.fn += 1
            report.misses.append({"document": gold["id"], **g})
        else:
            report.transfers.tp += 1
            report.status_scored += 1
            report.status_right += p.get("status") == g.get("status")
            report.status_confusion[(g.get("status"), p.get("status"))] += 1
            if not _score_date(g.get("date"), p.get("date"), report):
                report.date_errors.append({"document": gold["id"], "paragraph": g["paragraph"], "gold": g.get("date"),
                                           "predicted": p.get("date"), "evidence": p["evidence"].get("text")})
        for role in ARGUMENT_ROLES:
            report.arguments.setdefault(role, Score()).add(matcher.role_score(role, g, p))
    for p in transfers:
        band = next(b for b in BANDS if b[0] <= p.get("confidence", 0.5) < b[1])
        report.bands[band][0] += 1
        if id(p) in matched_predicted:
            report.bands[band][1] += 1
            continue
        report.transfers.fp += 1
        report.false.append({"document": gold["id"], **p})
        for role in ARGUMENT_ROLES:
            report.arguments.setdefault(role, Score()).add(matcher.role_score(role, None, p))
    _score_actions(gold.get("diplomatic_actions", []), actions, matcher, report)


def date_agrees(gold: str, predicted: str | None) -> bool:
    """Whether ``predicted`` says ``gold``'s date at the gold's precision ("2008-05-20" and
    "2008-05" say "2008-05"; "2008" does not).  A window "A/B" agrees when both its ends do:
    a gold window only with a window."""
    if not predicted:
        return False
    gold_ends, predicted_ends = gold.split("/"), predicted.split("/")
    if len(gold_ends) == 2:
        return len(predicted_ends) == 2 and all(map(_within, gold_ends, predicted_ends))
    return all(_within(gold, p) for p in predicted_ends)


def _within(gold: str, predicted: str) -> bool:
    return predicted == gold or predicted.startswith(gold + "-")


def _score_date(gold: str | None, predicted: str | None, report: EventsReport) -> bool:
    """Count a matched pair's dates; whether they agree (both none is agreement)."""
    if not gold:
        report.dates.fp += bool(predicted)
        return not predicted
    if date_agrees(gold, predicted):
        report.dates.tp += 1
        return True
    report.dates.fn += 1
    if predicted:
        report.dates.fp += 1
        report.dates_wrong += 1
    return False


def _pair_transfers(gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
                    matcher: Matcher) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p["evidence"]["paragraph"] == g["paragraph"] and matcher.matches(g, p):
                candidates.append((-matcher.agreement(g, p), gi, pi))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def _score_actions(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], matcher: Matcher,
                   report: EventsReport) -> None:
    remaining = list(predicted)
    for g in gold:
        def agrees(p: dict[str, Any]) -> bool:
            if p["evidence"]["paragraph"] != g["paragraph"] or p.get("kind") != g.get("kind"):
                return False
            if not (g.get("actor") or g.get("counterpart")):
                return True
            return any(matcher.role_score(role, g, p).tp for role in ("actor", "counterpart"))

        match = next((p for p in remaining if agrees(p)), None)
        if match is None:
            report.actions.fn += 1
        else:
            report.actions.tp += 1
            remaining.remove(match)
    report.actions.fp += len(remaining)


def score_split(gold_dir, split: str, extractor, on_document=None) -> EventsReport:
    """Score ``extractor`` on the cables of ``split`` (dev, test or all) whose gold file exists.
    Raises ``FileNotFoundError`` naming a cable file that cannot be read."""
    from pathlib import Path

    from ..pipeline import parse_paths
    from .events_gold import load, read_split

    gold_dir = Path(gold_dir)
    matcher = Matcher(extractor.kb)
    report = EventsReport()
    for row in read_split(gold_dir / "split.tsv"):
        path = gold_dir / f"{row['id']}.json"
        if split not in ("all", row["split"]) or not path.exists():
            continue
        gold = load(path)
        doc = next((d for d in parse_paths([row["path"]]) if not hasattr(d, "reason") and d.id == row["id"]), None)
        if doc is None:
            raise FileNotFoundError(f"{row['path']}: no cable {row['id']} could be read (split.tsv names it)")
        score_document(gold, [e.to_json() for e in extractor(doc).events], matcher, report)
        if on_document:
            on_document(row["id"])
    return report
