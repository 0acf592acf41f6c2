"""Which transfer a diplomatic action concerns.

An action concerns the transfer its sentence tells of (the transfer's evidence is that
sentence) or names (one of the transfer's goods, parties or carriers is in it: "urge China
to investigate this shipment of graphite").  A reply, assurance or denial that names none
concerns what the démarche or request it answers concerned: the last act of the other side
before it in the paragraph.  An action that names no transfer and answers none concerns the
paragraph's transfer when the paragraph tells of only one, else none is said.
"""
from __future__ import annotations

import re

from .event import Event

ANSWERS = ("response", "assurance", "denial")
_NAMING_ROLES = ("items", "supplier", "recipient", "end_user", "carrier", "broker")
_WEIGHT = {"items": 2}


def link_actions(actions: list[Event], transfers: list[Event], first_index: int | None) -> None:
    """Set each action's ``transfer``: the index (in the document's events) of the transfer it
    concerns, or None; ``transfers`` are the paragraph's, the first at ``first_index``."""
    asked: list[Event] = []  # the démarches and requests of the paragraph so far
    for action in actions:
        named = _named(action, transfers)
        if named is None and action.kind in ANSWERS:
            answered = next((a for a in reversed(asked) if a.transfer is not None
                             and not _same_side(a, action)), None)
            action.transfer = answered.transfer if answered else _only(transfers, first_index)
        else:
            action.transfer = first_index + named if named is not None else _only(transfers, first_index)
        if action.kind not in ANSWERS:
            asked.append(action)


def _named(action: Event, transfers: list[Event]) -> int | None:
    """The position of the transfer the action's sentence tells of, or names most: goods count
    twice a party, as one party often has several transfers in a paragraph."""
    ev = action.evidence
    best, best_score = None, 0
    for n, t in enumerate(transfers):
        if t.evidence.paragraph == ev.paragraph and t.evidence.start < ev.end and ev.start < t.evidence.end:
            return n  # the same sentence tells of both
        score = sum(_WEIGHT.get(role, 1) for role in _NAMING_ROLES for arg in t.values(role)
                    if _says(ev.text, arg.text))
        if score > best_score:
            best, best_score = n, score
    return best


def _says(text: str, name: str) -> bool:
    """Whether ``text`` holds ``name`` as whole words ("Iran" is not in "Iranian")."""
    return len(name) > 2 and re.search(r"\b" + re.escape(name) + r"\b", text, re.I) is not None


def _only(transfers: list[Event], first_index: int | None) -> int | None:
    return first_index if len(transfers) == 1 else None


def _same_side(a: Event, b: Event) -> bool:
    """Whether two acts share an actor (then the second does not answer the first)."""
    return bool({x.text for x in a.values("actor")} & {x.text for x in b.values("actor")})
