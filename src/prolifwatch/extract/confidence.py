"""How far a found transfer is to be trusted: a logistic regression over what
the finder itself saw (which arguments it found and how, the status it read,
whether the frame came from a verb or a noun), learned on the dev split of
the corpus events gold by ``bench/train_confidence.py``.  The weights are data
(``data/confidence.json``), so each score can be explained feature by feature.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

from .event import Event

DATA = resources.files(__package__) / "data"
_GENERIC_GOODS = {"items", "goods", "products", "materials", "material", "commodities", "equipment", "technology",
                  "components", "parts", "cargo", "supplies", "arms", "weapons"}
STATUSES = ("completed", "ongoing", "planned", "impending", "offered", "attempted", "blocked", "interdicted",
            "alleged", "denied")


def features(event: Event) -> dict[str, float]:
    """The named features of a transfer, each 0/1 or a small count."""
    def keyed(role: str) -> bool:
        return any(a.key for a in event.values(role))

    def named(role: str) -> bool:
        return bool(event.values(role))

    seen = event.features or {}
    out = {
        "supplier": float(named("supplier")),
        "recipient": float(named("recipient")),
        "both_parties": float(named("supplier") and named("recipient")),
        "supplier_known": float(keyed("supplier")),
        "recipient_known": float(keyed("recipient")),
        "end_user": float(named("end_user")),
        "broker": float(named("broker")),
        "carrier": float(named("carrier")),
        "route": float(named("via") or named("origin") or named("destination")),
        "item_on_control_list": float(any((a.key or "").startswith("item:") for a in event.values("items"))),
        "item_known": float(keyed("items")),
        "items": float(min(len(event.values("items")), 3)),
        "quantity": float(named("quantity")),
        "date": float(bool(event.date)),
        "hedged": float(bool(event.hedging)),
        "noun_frame": seen.get("noun", 0.0),
        "governed": seen.get("governed", 0.0),
        "frame": float(bool(seen)),
        "long_evidence": float(len(event.evidence.text.split()) > 45),
        "rules_only": seen.get("rules_only", 0.0),
        "rules_agree": seen.get("rules_agree", 0.0),
        "modal": seen.get("modal", 0.0),
        "generic_items": float(bool(event.values("items")) and all(
            a.text.lower().strip() in _GENERIC_GOODS for a in event.values("items"))),
    }
    for status in STATUSES:
        out[f"status_{status}"] = float(event.status == status)
    return out


@lru_cache(maxsize=1)
def model() -> dict:
    return json.loads((DATA / "confidence.json").read_text(encoding="utf-8"))


def confidence(event: Event, weights: dict | None = None) -> float:
    weights = weights or model()
    total = weights["intercept"] + sum(weights["weights"].get(name, 0.0) * value
                                       for name, value in features(event).items())
    return 1.0 / (1.0 + math.exp(-total))


def explain(event: Event, weights: dict | None = None) -> list[tuple[str, float]]:
    """Each feature's share of the score (weight × value), largest first."""
    weights = weights or model()
    shares = [(name, weights["weights"].get(name, 0.0) * value) for name, value in features(event).items() if value]
    return sorted(shares, key=lambda x: -abs(x[1]))
