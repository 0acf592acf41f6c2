"""Screening over the store: loading lists, building the screener, and ``xref``.

Stored entities are, for now, the distinct (type, key) of mentions, named by
their commonest surface form; a knowledge-base entity also lends its country
to the query, which lets the country feature confirm or count against a hit.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..knowledge import default_knowledge
from ..knowledge.lists import ListEntry, load_list
from ..screen import IndexedEntry, Screener, make_query
from ..screen import server
from ..screen.list_format import detect_list_format
from ..screen.rules import screening_signature as rules_signature
from ..store.listings import (
    decide_hit,
    entity_hits,
    hit_decisions,
    iter_list_entries,
    lists_signature,
    mention_evidence,
    replace_list,
    save_entity_hits,
    screened_entities,
)

# Mention types that can be listed parties, and the party type each is screened as.
SCREENED_TYPES = {"Organization": "organization", "GovernmentBody": "organization", "Person": "person",
                  "Vessel": "vessel"}


class NoListsLoaded(RuntimeError):
    pass


class HitNotFound(LookupError):
    pass


@dataclass(frozen=True)
class StoredEntity:
    type: str
    key: str
    name: str
    country: str | None


def load_list_file(store, path: str | Path, format: str | None = None, *, name: str | None = None,
                   aliases: str | Path | None = None, addresses: str | Path | None = None) -> dict[str, Any]:
    """Read a list file and store it, replacing the edition of the same name.  The format is told by the
    content unless ``format`` says it."""
    format = format or detect_list_format(path)
    loaded = load_list(path, format, name=name, aliases=aliases, addresses=addresses)
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    count = replace_list(store.db, name=loaded.name, format=loaded.format, path=str(path), sha256=sha256,
                         as_of=loaded.as_of, entries=(e.to_json() for e in loaded.entries))
    return {"name": loaded.name, "format": loaded.format, "path": str(path), "as_of": loaded.as_of, "entries": count}


def build_screener(store, **options) -> Screener:
    entries = [IndexedEntry(name, ListEntry.from_json(record), as_of)
               for name, as_of, record in iter_list_entries(store.db)]
    if not entries:
        raise NoListsLoaded("no sanctions lists are loaded: run `prolifwatch lists load FILE` (UN, OFAC or OpenSanctions)")
    return Screener(entries, **options)


def stored_entities(store) -> list[StoredEntity]:
    kb = default_knowledge()
    placeholders = ",".join("?" * len(SCREENED_TYPES))
    rows = store.db.execute(
        f"""SELECT type, COALESCE(key, text) AS k,
                   (SELECT text FROM mentions x WHERE x.type = m.type AND COALESCE(x.key, x.text) = COALESCE(m.key, m.text)
                    GROUP BY text ORDER BY COUNT(*) DESC, text LIMIT 1)
            FROM mentions m WHERE type IN ({placeholders}) GROUP BY type, k ORDER BY type, k""",
        tuple(SCREENED_TYPES),
    ).fetchall()
    found = []
    for type_, key, text in rows:
        known = kb.entity_by_id.get(key.split(":", 1)[1]) if key.startswith("entity:") else None
        found.append(StoredEntity(type_, key, " ".join(text.split()), known.country.lower() if known and known.country
                                  else None))
    return found


def xref(store, screener: Screener, *, on_progress: Callable[[int, int], None] | None = None,
         restart: bool = False) -> dict[str, int]:
    """Screen every stored entity not yet screened against the loaded lists; each is saved as it is done,
    so an interrupted run resumes where it stopped.  ``restart`` screens everything again."""
    signature = screening_signature(store.db)
    done = set() if restart else screened_entities(store.db, signature)
    todo = [e for e in stored_entities(store) if (e.type, e.key) not in done]
    figures = {"entities": len(todo) + len(done), "skipped": len(done), "screened": 0, "with_hits": 0}
    for number, entity in enumerate(todo, 1):
        hits = screener.screen(make_query(entity.name, SCREENED_TYPES[entity.type], entity.country))
        evidence = mention_evidence(store.db, entity.type, entity.key) if hits else None
        save_entity_hits(store.db, entity.type, entity.key, entity.name,
                         [{**h.to_json(), "evidence": evidence} for h in hits], signature)
        figures["screened"] += 1
        figures["with_hits"] += bool(hits)
        if on_progress:
            on_progress(number, len(todo))
    return figures


def hits_for(store, entity_key: str | None = None) -> list[dict[str, Any]]:
    return entity_hits(store.db, entity_key)


def find_hit(store, entity: str, listing: str) -> dict[str, Any]:
    """The stored hit (or, for a hit dismissed before, the decision) that ``entity`` (its name or key, any
    case) and ``listing`` ("list:entry_id", an entry id, or the listed name) name; HitNotFound when none or
    several do, with the candidates in the message."""
    wanted, listed = entity.casefold().strip(), listing.casefold().strip()

    def names_listing(list_name: str, entry_id: str, listed_name: str | None) -> bool:
        return listed in (f"{list_name}:{entry_id}".casefold(), entry_id.casefold(), (listed_name or "").casefold())

    found = [h for h in hits_for(store) if wanted in (h["entity_name"].casefold(), h["entity_key"].casefold())]
    matching = [h for h in found if names_listing(h["list"], h["entry_id"], h.get("name"))]
    if not matching:  # a dismissed hit is no longer stored: its decision still names it
        matching = [{"entity_type": d["entity_type"], "entity_key": d["entity_key"], "list": d["list"],
                     "entry_id": d["entry_id"]} for d in hit_decisions(store.db)
                    if d["entity_key"].casefold() == wanted and names_listing(d["list"], d["entry_id"], None)]
    if len(matching) == 1:
        return matching[0]
    if len(matching) > 1:
        choices = ", ".join(f"{h['entity_type']}:{h['entity_key']} -> {h['list']}:{h['entry_id']}" for h in matching)
        raise HitNotFound(f"{entity!r} and {listing!r} name {len(matching)} hits ({choices}): give the entity key")
    if found:
        listed_here = ", ".join(f"{h['list']}:{h['entry_id']} ({h.get('name')})" for h in found)
        raise HitNotFound(f"{entity!r} has no hit on {listing!r}; its hits: {listed_here}")
    raise HitNotFound(f"no xref hit for an entity named {entity!r}: `prolifwatch xref --show` lists them")


def decide(store, entity: str, listing: str, verdict: str, *, user: str, note: str | None = None) -> dict[str, Any]:
    hit = find_hit(store, entity, listing)
    decide_hit(store.db, entity_type=hit["entity_type"], entity_key=hit["entity_key"], list_name=hit["list"],
               entry_id=hit["entry_id"], verdict=verdict, user=user, note=note)
    return {**hit, "review": verdict}


def screening_signature(db) -> str:
    return rules_signature(lists_signature(db))


def serve(db_path: str) -> None:
    """The warm screener for the store at ``db_path`` (screen/server.py): built on the first request and
    again whenever the loaded lists change."""
    from ..store import open_store

    store = open_store(db_path)
    built: dict[str, Any] = {}

    def answer(request: dict[str, Any]) -> dict[str, Any]:
        signature = screening_signature(store.db)
        if request.get("signature") != signature:
            return {"error": "stale", "signature": signature}
        if built.get("signature") != signature:
            built.update(signature=signature, screener=build_screener(store))
        try:
            query = make_query(request["name"], request.get("type"), request.get("country"),
                               request.get("identifier"), request.get("as_of"))
        except ValueError as exc:
            return {"invalid": str(exc)}
        hits = built["screener"].screen(query, limit=request.get("limit", 5), threshold=request.get("threshold"))
        return {"hits": [h.to_json() for h in hits], "country": query.country}

    def warm_up() -> None:
        """Build the entries, the index and rigour's name taggers (made on a first comparison): screen a
        listed name, which the index cannot fail to offer to the matcher."""
        first = next(iter_list_entries(store.db), None)
        if first:
            answer({"signature": screening_signature(store.db), "name": ListEntry.from_json(first[2]).caption})

    server.serve(db_path, answer, warm_up=warm_up)


if __name__ == "__main__":  # python -m prolifwatch.query.screening serve STORE (started by screen/server.py)
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
