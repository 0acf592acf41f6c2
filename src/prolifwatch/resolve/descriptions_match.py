"""Score stored cables against a description; link to the best, or to a not-in-collection node.

Features, each 0..1, weighted as ``data/links_descriptions.yaml`` says (a
feature the description lacks drops out of the weighting):

- date: same day 1.0, a day off 0.8 (cable dates are UTC), same month for a
  month-precise description 1.0, same year for a year-precise one 0.5;
- signer: the surname is among the cable's signers;
- origin: the station in the cable id (07STATE152317 → STATE);
- topic: the share of the description's topic words found in the cable's
  subject and text (compared on a crude stem: the first five letters after
  dropping a plural "s", so "Korean" meets "KOREA" and "vanes" "VANE").

A contradiction rules a cable out: a date outside the tolerance, another
signer, another station.  A cable with no date (or no signers) can neither
confirm nor contradict that feature.  The best cable that is not ruled out,
reaches the threshold and shares enough topic words is the described cable;
otherwise the link goes to the description's synthetic id (not in the
collection) and the closest stored cables are listed in its description with
their scores.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..cable.ids import station_of
from .descriptions import Description, settings
from .links import DESCRIBES, DocumentLink

__all__ = ["CableCandidate", "score_cable", "match_description"]

_WORDS = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class CableCandidate:
    id: str
    date: str | None
    origin: str | None
    title: str | None
    body: str
    signers: list[str]


def _stem(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("s"):
        w = w[:-1]
    return w[:5]


def _date_feature(description: Description, cable_date: str | None) -> tuple[float, bool]:
    """(feature value, ruled out?)."""
    if not description.date:
        return 0.0, False
    if not cable_date:
        return 0.0, False
    if len(cable_date) < 10:
        # A cable dated only by its year (no date line, DTG or usable DECL
        # date) can neither confirm nor contradict a day or a month in it.
        return (0.0, False) if cable_date[:4] == description.date[:4] else (0.0, True)
    if description.precision == "day":
        days = abs((date.fromisoformat(cable_date[:10]) - date.fromisoformat(description.date)).days)
        if days == 0:
            return 1.0, False
        if days <= settings()["date_tolerance_days"]:
            return 0.8, False
        return 0.0, True
    if description.precision == "month":
        return (1.0, False) if cable_date[:7] == description.date else (0.0, True)
    return (0.5, False) if cable_date[:4] == description.date[:4] else (0.0, True)


def score_cable(description: Description, cable: CableCandidate) -> dict[str, Any]:
    """{id, score, features, ruled_out} of one stored cable against a description."""
    weights = settings()["weights"]
    features: dict[str, float] = {}
    ruled_out: list[str] = []
    if description.date:
        features["date"], out = _date_feature(description, cable.date)
        if out:
            ruled_out.append("date")
    if description.signer:
        signers = {s.upper() for s in cable.signers}
        features["signer"] = 1.0 if description.signer in signers else 0.0
        if signers and description.signer not in signers:
            ruled_out.append("signer")
    if description.origin:
        cable_station = station_of(cable.id)
        features["origin"] = 1.0 if cable_station == description.origin else 0.0
        if cable_station and cable_station != description.origin:
            ruled_out.append("origin")
    if description.topic:
        # Stem each distinct word once: a long cable repeats its words many times.
        cable_words = {_stem(w) for w in set(_WORDS.findall(f"{cable.title or ''} {cable.body}".lower()))}
        topic = {_stem(w) for w in description.topic}
        features["topic"] = round(len(topic & cable_words) / len(topic), 3)
    total = sum(weights[k] for k in features)
    score = sum(weights[k] * v for k, v in features.items()) / total if total else 0.0
    return {"id": cable.id, "score": round(score, 3), "features": features, "ruled_out": ruled_out}


def _acceptable(scored: dict[str, Any], description: Description) -> bool:
    conf = settings()
    if scored["ruled_out"] or scored["score"] < conf["threshold"]:
        return False
    if len(description.topic) >= 3 and scored["features"].get("topic", 0.0) < conf["min_topic"]:
        return False
    return True


def match_description(article_id: str, description: Description, candidates: list[CableCandidate]) -> DocumentLink:
    """The ``describes`` link of one description: to the matched stored cable, else to its synthetic node."""
    scored = sorted((score_cable(description, c) for c in candidates), key=lambda s: (-s["score"], s["id"]))
    accepted = [s for s in scored if _acceptable(s, description)]
    record = description.to_json()
    record["described_as"] = description.synthetic_id()
    if accepted:
        best = accepted[0]
        record["matched"] = {"id": best["id"], "features": best["features"]}
        record["in_collection"] = True
        record["closest_stored"] = scored[1 : 1 + settings()["closest_listed"]]
        return DocumentLink(article_id, best["id"], DESCRIBES, best["score"], description.evidence(), record)
    record["matched"] = None
    record["in_collection"] = False
    record["closest_stored"] = scored[: settings()["closest_listed"]]
    # The score of a link to a described-only node says how specific the description is.
    specificity = sum(settings()["weights"][k] for k in ("date", "signer", "origin")
                      if getattr(description, k))
    return DocumentLink(article_id, description.synthetic_id(), DESCRIBES, round(specificity, 3),
                        description.evidence(), record)
