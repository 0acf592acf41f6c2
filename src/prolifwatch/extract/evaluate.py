"""Score extraction against gold annotations written by reading the documents.

A gold file names its document and lists mentions paragraph by paragraph in
reading order (each found by searching the paragraph from just after the
previous one), and the transfers and diplomatic actions with their arguments
as printed.  Mentions score strictly (same type and span) and leniently (same
type, overlapping span); transfer arguments score by role, a predicted value
matching a gold value when one contains the other once case, articles and
possessives are set aside.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Document
from .mention import ENTITY_TYPES, Mention
from .pipeline import Extraction

TRANSFER_ARGUMENTS = ("supplier", "recipient", "items", "via", "carrier", "status")


class GoldError(ValueError):
    pass


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    mentions_strict: dict[str, Score] = field(default_factory=dict)
    mentions_lenient: dict[str, Score] = field(default_factory=dict)
    transfer_arguments: dict[str, Score] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)

    def total(self, table: dict[str, Score]) -> Score:
        out = Score()
        for score in table.values():
            out.add(score)
        return out

    def to_json(self) -> dict[str, Any]:
        def table(t: dict[str, Score]) -> dict[str, Any]:
            return {**{k: v.to_json() for k, v in sorted(t.items())}, "all": self.total(t).to_json()}

        return {"documents": self.documents, "mentions_strict": table(self.mentions_strict),
                "mentions_lenient": table(self.mentions_lenient),
                "transfer_arguments": table(self.transfer_arguments)}


def load_gold(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        try:
            return json.load(handle)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}: line {exc.lineno}: {exc.msg}") from exc


def gold_mentions(gold: dict[str, Any], doc: Document, where: str = "gold") -> list[Mention]:
    """Gold mentions placed in the document: paragraph order, sequential search."""
    by_index = {p.index: p for p in doc.paragraphs}
    placed, cursor = [], {}
    for number, entry in enumerate(gold.get("mentions", []), 1):
        paragraph = by_index.get(entry["paragraph"])
        if paragraph is None:
            raise GoldError(f"{where}: mention {number}: no paragraph {entry['paragraph']}")
        at = paragraph.text.find(entry["text"], cursor.get(paragraph.index, 0))
        if at < 0:
            raise GoldError(f"{where}: mention {number} {entry['text']!r} not found in paragraph {paragraph.index} "
                            "after the previous one")
        cursor[paragraph.index] = at + 1
        start = paragraph.start + at
        placed.append(Mention(entry["type"], entry["text"], start, start + len(entry["text"]),
                              paragraph=paragraph.index, source="gold"))
    return placed


def score_mentions(gold: list[Mention], predicted: list[Mention], report: Report) -> None:
    predicted = [m for m in predicted if m.type in ENTITY_TYPES]
    for table, same in ((report.mentions_strict, _same_span), (report.mentions_lenient, Mention.overlaps)):
        unmatched = list(predicted)
        for g in gold:
            score = table.setdefault(g.type, Score())
            match = next((p for p in unmatched if p.type == g.type and same(g, p)), None)
            if match is None:
                score.fn += 1
            else:
                score.tp += 1
                unmatched.remove(match)
        for p in unmatched:
            table.setdefault(p.type, Score()).fp += 1


def _same_span(a: Mention, b: Mention) -> bool:
    return a.start == b.start and a.end == b.end


def normalise(text: str) -> str:
    text = re.sub(r"[’']s\b", "", text.lower())
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _values_match(gold: str, predicted: str) -> bool:
    g, p = normalise(gold), normalise(predicted)
    return bool(g and p) and (g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} ")


def score_transfers(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], report: Report) -> None:
    remaining = list(predicted)
    for g in gold:
        candidates = [p for p in remaining if p["evidence"]["paragraph"] == g["paragraph"]]
        best = max(candidates, key=lambda p: _agreement(g, p), default=None)
        if best is not None and _agreement(g, best) == 0:
            best = None
        if best is not None:
            remaining.remove(best)
        for role in TRANSFER_ARGUMENTS:
            report.transfer_arguments.setdefault(role, Score()).add(_score_role(role, g, best))
    for p in remaining:
        for role in TRANSFER_ARGUMENTS:
            report.transfer_arguments.setdefault(role, Score()).add(_score_role(role, {}, p))


def _gold_values(role: str, event: dict[str, Any]) -> list[str]:
    value = event.get(role)
    if role == "status":
        return [value] if value else []
    return [v for v in value or [] if v]


def _predicted_values(role: str, event: dict[str, Any] | None) -> list[str]:
    if not event:
        return []
    if role == "status":
        return [event["status"]] if event.get("status") else []
    return [a["text"] for a in event.get(role, [])]


def matched(gold_values: list, predicted_values: list, agree) -> Score:
    """Each gold value paired with the first predicted one ``agree(gold, predicted)`` accepts,
    each predicted value used once; the rest count as missed and as wrong."""
    score = Score()
    unmatched = list(predicted_values)
    for g in gold_values:
        match = next((p for p in unmatched if agree(g, p)), None)
        if match is None:
            score.fn += 1
        else:
            score.tp += 1
            unmatched.remove(match)
    score.fp += len(unmatched)
    return score


def _score_role(role: str, gold: dict[str, Any], predicted: dict[str, Any] | None) -> Score:
    return matched(_gold_values(role, gold), _predicted_values(role, predicted), _values_match)


def _agreement(gold: dict[str, Any], predicted: dict[str, Any]) -> int:
    return sum(_score_role(role, gold, predicted).tp for role in TRANSFER_ARGUMENTS if role != "status")


def evaluate(pairs: list[tuple[dict[str, Any], Document, Extraction]]) -> Report:
    report = Report()
    for gold, doc, extraction in pairs:
        report.documents.append(doc.id or "?")
        score_mentions(gold_mentions(gold, doc, gold.get("document", "gold")), extraction.mentions, report)
        predicted = [e.to_json() for e in extraction.events if e.type == "transfer"]
        score_transfers(gold.get("transfers", []), predicted, report)
    return report


def counts_by_type(mentions: list[Mention]) -> Counter:
    return Counter(m.type for m in mentions)
