"""How far a found transfer is to be trusted: a logistic regression over what
the finder itself saw (which arguments it found and how, the status it read,
whether the frame came from a verb or a noun, the types of the parties, how
crowded the paragraph is, whether the goods are tangible, what the cable is
about), learned on the dev splits of the events gold sets by
``bench/train_confidence.py``.  The weights are data
(``data/confidence.json``), so each score can be explained feature by feature.

The same file holds the listing ``floor``: a transfer scored below it is not
emitted at all (``listed``) (chosen out of fold on dev by the training script, where most
candidates under it were false).
"""
from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

from .event import Event

DATA = resources.files(__package__) / "data"
_GENERIC_GOODS = {"items", "goods", "products", "materials", "material", "commodities", "equipment", "technology",
                  "components", "parts", "cargo", "supplies", "arms", "weapons"}
STATUSES = ("completed", "ongoing", "planned", "impending", "offered", "attempted", "blocked", "interdicted",
            "alleged", "denied")
PARTY_ROLES = ("supplier", "recipient", "end_user", "broker")
# talking points and lists of requests are bulleted: what to say, not what happened
_BULLET = re.compile(r"^\s*(?:--|-\s|\(?[a-z]\)\s|\u2022)")
# a sum of money in the sentence: trade figures and prices, rarely a particular shipment
_MONEY = re.compile(r"(?:\$|\bUSD\b|\beuros?\b|\bdollars?\b|\b(?:m|b)illion\b)", re.I)
# the embassy's own voice: requests, policy and plans of the USG more often than shipments
_OUR_VOICE = re.compile(r"\b(?:we|our|us|USG|Embassy|Post|Department)\b")
_floor_on = True
# a cable that names a transfer word this often or less speaks of other things
_FEW_TRANSFER_WORDS = 3


@lru_cache(maxsize=1)
def proliferation_tags() -> frozenset[str]:
    lines = (DATA / "proliferation_tags.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().upper() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def goods_heads() -> frozenset[str]:
    lines = (DATA / "goods_heads.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _tangible(item: str) -> bool:
    """Whether an item's text ends in the head noun of tangible goods ("60 tons of steel plates", "F-16s")."""
    words = re.findall(r"[a-z][a-z-]*", item.lower())
    if not words:
        return False
    heads = goods_heads()
    last, two = words[-1], " ".join(words[-2:])
    return any(form in heads for form in (last, two, last[:-1] if last.endswith("s") else "",
                                          last[:-2] if last.endswith("es") else ""))


def cable_features(tags: list[str], text: str, trigger) -> dict[str, float]:
    """What the whole cable says of its subject, the same for each of its transfers: a transfer told in
    a cable about visas or tariffs, with no arms TAG and hardly a transfer word, is rarely one of goods.
    ``trigger``: the transfer words (``Cues.trigger``); counting stops once there are more than a few."""
    return {"proliferation_tag": float(bool({t.upper() for t in tags} & proliferation_tags())),
            "few_transfer_words": float(sum(1 for _ in zip(range(_FEW_TRANSFER_WORDS + 1), trigger.finditer(text)))
                                        <= _FEW_TRANSFER_WORDS)}


def features(event: Event) -> dict[str, float]:
    """The named features of a transfer, each 0/1 or a small count."""
    def keyed(role: str) -> bool:
        return any(a.key for a in event.values(role))

    def named(role: str) -> bool:
        return bool(event.values(role))

    parties = [a for role in PARTY_ROLES for a in event.values(role)]
    seen = event.features or {}
    text = event.evidence.text
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
        "long_evidence": float(len(text.split()) > 45),
        "rules_only": seen.get("rules_only", 0.0),
        "rules_agree": seen.get("rules_agree", 0.0),
        "modal": seen.get("modal", 0.0),
        "tangible_items": float(any(a.key or _tangible(a.text) for a in event.values("items"))),
        "generic_items": float(bool(event.values("items")) and all(
            a.text.lower().strip() in _GENERIC_GOODS for a in event.values("items"))),
        # what the parse saw: a buying frame, an actor in subject place, a non-goods object beside the goods
        "buy_frame": float(bool(seen) and not seen.get("rules_only") and seen.get("give", 1.0) == 0.0),
        "actor_is_subject": seen.get("subject", 0.0),
        "not_goods_nearby": seen.get("not_goods", 0.0),
        # who the parties are: states and firms ship; persons and offices more often speak
        "party_country": float(any(a.type == "Country" for a in parties)),
        "party_person": float(any(a.type == "Person" for a in parties)),
        "party_office": float(any(a.type in ("GovernmentBody", "Resolution", "Program", "Regime") for a in parties)),
        # how many other transfers the finder gave in the paragraph (``listed`` counts them): crowds are noise
        "crowded_paragraph": float(min(max(seen.get("in_paragraph", 1.0) - 1, 0), 4)),
        "bulleted": float(bool(_BULLET.search(text))),
        "money": float(bool(_MONEY.search(text))),
        "our_voice": float(bool(_OUR_VOICE.search(text))),
        # the cable's subject (``cable_features``), 0 when the finder was run without it
        "proliferation_tag": seen.get("proliferation_tag", 0.0),
        "few_transfer_words": seen.get("few_transfer_words", 0.0),
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


def floor(weights: dict | None = None) -> float:
    """The confidence under which a transfer is not listed (0 when the model names none)."""
    return float((weights or model()).get("floor", 0.0)) if _floor_on else 0.0


def listed(transfers: list[Event], cable: dict[str, float] | None = None) -> list[Event]:
    """A paragraph's transfers scored, those under the floor left out, and those that name no goods
    (no item, no quantity) left out before: a transfer moves goods (the gold guideline), and on dev
    not one of the 103 found without them was real.  ``cable``: the cable's ``cable_features``."""
    transfers = [t for t in transfers if t.values("items") or t.values("quantity")]
    for transfer in transfers:
        transfer.features = {**(transfer.features or {}), **(cable or {}), "in_paragraph": float(len(transfers))}
        transfer.confidence = confidence(transfer)
    return [t for t in transfers if t.confidence >= floor()]


@contextmanager
def unfloored():
    """Every candidate listed, whatever its score: the training script must see the ones a floor
    would hide, or the next model could never learn to raise them."""
    global _floor_on
    before, _floor_on = _floor_on, False
    try:
        yield
    finally:
        _floor_on = before


def explain(event: Event, weights: dict | None = None) -> list[tuple[str, float]]:
    """Each feature's share of the score (weight × value), largest first."""
    weights = weights or model()
    shares = [(name, weights["weights"].get(name, 0.0) * value) for name, value in features(event).items() if value]
    return sorted(shares, key=lambda x: -abs(x[1]))
