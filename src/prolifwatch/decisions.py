"""The analyst's decisions: ``merge``, ``split`` and ``judge``.

Each stores judgements between mention keys (never touched by ingest or
resolution) and rebuilds entities and cases at once, so the result shows in
the next command.  Reads go through the query layer; writes happen here.
"""
from __future__ import annotations

from typing import Any

from .query.entities import entity_members, find_entity
from .store.cases import rebuild_cases
from .store.entities import add_judgement, rebuild_entities, remove_judgement


class JudgementError(ValueError):
    """A merge, split or judgement that cannot be stored as asked (the message says why)."""


def judged_key(store, name: str) -> str:
    """The key a judgement about ``name`` is stored on: ``name`` itself when it is a mention
    key or entity id, else the id (anchor key) of the entity it names."""
    db = store.db
    if db.execute("SELECT 1 FROM entity_members WHERE key = ?", (name,)).fetchone():
        return name
    if db.execute("SELECT 1 FROM entities LIMIT 1").fetchone() is None:
        raise JudgementError("the store has no entities yet: run 'prolifwatch resolve' first")
    entity = find_entity(store, name)
    if entity is None:
        raise JudgementError(f"no entity or key named {name!r}")
    return entity["id"]


def _store_and_rebuild(store, pairs: list[tuple[str, str, bool]], user: str) -> dict[str, Any]:
    """Store the judgements and rebuild what depends on entities (entities, then
    cases, which compare parties through them) in one transaction."""
    with store.transaction():
        stored = [add_judgement(store.db, a, b, positive, user) for a, b, positive in pairs]
        counts = rebuild_entities(store.db)
        cases = rebuild_cases(store.db)
    return {"judgements": stored, "entities": counts, "cases": cases}


def judge(store, a: str, b: str, same: bool, *, user: str = "analyst") -> dict[str, Any]:
    """Store that ``a`` and ``b`` are (``same``) or are not the same actor, and rebuild."""
    left, right = judged_key(store, a), judged_key(store, b)
    if left == right:
        raise JudgementError(f"{a!r} and {b!r} name the same key {left}; name member keys to tell them apart")
    return _store_and_rebuild(store, [(left, right, same)], user)


def merge_entities(store, a: str, b: str, *, user: str = "analyst") -> dict[str, Any]:
    """``prolifwatch merge A B``: a positive judgement between what A and B name."""
    return judge(store, a, b, True, user=user)


def split_entity(store, name: str, keys: list[str], *, user: str = "analyst") -> dict[str, Any]:
    """``prolifwatch split ENTITY KEY...``: the keys leave the entity (negative judgements
    with its anchor, or with its most-mentioned remaining key when the anchor is one of
    them) and, when several, stay together (positive judgements between them)."""
    entity = find_entity(store, name)
    if entity is None:
        raise JudgementError(f"no entity named {name!r}")
    keys = list(dict.fromkeys(keys))
    members = entity_members(store, entity["id"])  # anchor first, then by key
    for key in keys:
        if key not in {m["key"] for m in members}:
            raise JudgementError(f"{key} is not a member of {entity['id']}")
    # The keys part from the anchor; if the anchor itself leaves, from the most-mentioned key that stays.
    staying = [m for m in members if m["key"] not in keys]
    if not staying:
        raise JudgementError(f"splitting off every key of {entity['id']} leaves nothing to split from")
    anchor = entity["id"] if entity["id"] not in keys else max(staying, key=lambda m: (m["mentions"], m["key"]))["key"]
    pairs = [(key, anchor, False) for key in keys] + [(keys[0], key, True) for key in keys[1:]]
    return _store_and_rebuild(store, pairs, user)


def forget(store, a: str, b: str) -> dict[str, Any]:
    """``prolifwatch forget A B``: drop the judgement stored between A and B (keys as
    ``judgements`` lists them) and rebuild, so the matcher decides again."""
    with store.transaction():
        if not remove_judgement(store.db, a, b):
            raise JudgementError(f"no judgement stored between {a!r} and {b!r} (see 'prolifwatch judgements')")
        counts = rebuild_entities(store.db)
        cases = rebuild_cases(store.db)
    return {"forgotten": sorted((a, b)), "entities": counts, "cases": cases}
