"""The analyst's decisions on events: ``review accept``, ``reject``, ``correct`` and ``undo``.

Each decision is stored in ``event_decisions`` (never touched by ingest,
extraction or resolution; re-applied to the events every extraction writes),
applied to its event, and the cases rebuilt in the same transaction, so a
rejected transfer leaves its case at once.  Reads go through the query layer
(``query/reviews.py``); writes happen here and in ``store/event_decisions.py``.
"""
from __future__ import annotations

from typing import Any

from .extract.event import ACTION_ROLES, TRANSFER_ROLES
from .query.entities import find_entity
from .query.reviews import find_event, similar_event_ids
from .store.cases import rebuild_cases
from .store.event_decisions import add_correction, add_verdict, remove_decision

STATUSES = ("planned", "impending", "completed", "interdicted", "alleged", "denied")
ACTION_KINDS = ("demarche", "request", "response", "assurance", "denial")
# What ``review correct`` may change, by event type; status and kind take one word of a fixed list.
ROLES = {"transfer": (*TRANSFER_ROLES, "status"), "diplomatic_action": (*ACTION_ROLES, "kind")}
ALL_ROLES = tuple(dict.fromkeys(ROLES["transfer"] + ROLES["diplomatic_action"]))
_CHOICES = {"status": STATUSES, "kind": ACTION_KINDS}


class ReviewError(ValueError):
    """A review decision that cannot be stored as asked; ``code`` is the exit code
    (1: the event or decision is not in the store, 2: a bad argument)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def _event(store, ref: str) -> dict[str, Any]:
    event = find_event(store, ref)
    if event is None:
        close = similar_event_ids(store, ref)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ReviewError(f"no event {ref}; 'prolifwatch events --json' lists ids{hint}", code=1)
    if event["id"] is None:
        raise ReviewError(f"event {ref} has no id: open the store with this version to migrate it", code=1)
    return event


def _apply(store, write) -> dict[str, Any]:
    with store.transaction():
        decision = write(store.db)
        cases = rebuild_cases(store.db)
    return {"decision": decision, "cases": cases}


def accept(store, ref: str, *, user: str = "analyst") -> dict[str, Any]:
    """Mark an event confirmed by an analyst (it ranks and filters as confidence 1.0)."""
    event = _event(store, ref)
    return _apply(store, lambda db: add_verdict(db, event, "accept", user))


def reject(store, ref: str, *, user: str = "analyst") -> dict[str, Any]:
    """Mark an event wrong: it leaves events, cases, timelines, the graph and exports."""
    event = _event(store, ref)
    return _apply(store, lambda db: add_verdict(db, event, "reject", user))


def correction_value(store, event_type: str, role: str, values: list[str]) -> Any:
    """What a correction stores: a word of the list for status and kind, else arguments
    (an entity the value names gives its id as key, so cases compare it like extracted ones)."""
    allowed = ROLES.get(event_type, ())
    if role not in allowed:
        raise ReviewError(f"role {role!r} is not one of a {event_type}'s: {', '.join(allowed)}")
    values = [" ".join(v.split()) for v in values if v.strip()]
    if role in _CHOICES:
        if len(values) != 1 or values[0].lower() not in _CHOICES[role]:
            raise ReviewError(f"{role} takes one of: {', '.join(_CHOICES[role])}")
        return values[0].lower()
    arguments = []
    for value in values:
        entity = find_entity(store, value)
        arguments.append({"text": value, "key": entity["id"] if entity else None,
                          "type": entity["type"] if entity else None})
    return arguments


def correct(store, ref: str, role: str, values: list[str], *, user: str = "analyst") -> dict[str, Any]:
    """Set one role of an event to ``values`` (none: the role is empty); the original is kept beside it."""
    if role not in ALL_ROLES:
        raise ReviewError(f"unknown role {role!r}; roles: {', '.join(ALL_ROLES)}")
    event = _event(store, ref)
    value = correction_value(store, event["type"], role, values)
    return _apply(store, lambda db: add_correction(db, event, role, value, user))


def undo(store, decision_id: int) -> dict[str, Any]:
    """Drop a decision (ids as ``review list`` shows them) and its effect."""
    def write(db):
        removed = remove_decision(db, decision_id)
        if removed is None:
            raise ReviewError(f"no decision {decision_id}; 'prolifwatch review list' shows them", code=1)
        return {**removed, "undone": True}

    return _apply(store, write)
