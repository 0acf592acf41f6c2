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
from ..store.listings import (
    entity_hits,
    iter_list_entries,
    lists_signature,
    lists_summary,
    replace_list,
    save_entity_hits,
    screened_entities,
)

# Mention types that can be listed parties, and the party type each is screened as.
SCREENED_TYPES = {"Organization": "organization", "GovernmentBody": "organization", "Person": "person",
                  "Vessel": "vessel"}


class NoListsLoaded(RuntimeError):
    pass


@dataclass(frozen=True)
class StoredEntity:
    type: str
    key: str
    name: str
    country: str | None


def load_list_file(store, path: str | Path, format: str, *, name: str | None = None,
                   aliases: str | Path | None = None, addresses: str | Path | None = None) -> dict[str, Any]:
    """Read a list file and store it, replacing the edition of the same name."""
    loaded = load_list(path, format, name=name, aliases=aliases, addresses=addresses)
    sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    count = replace_list(store.db, name=loaded.name, format=loaded.format, path=str(path), sha256=sha256,
                         as_of=loaded.as_of, entries=(e.to_json() for e in loaded.entries))
    return {"name": loaded.name, "format": loaded.format, "path": str(path), "as_of": loaded.as_of, "entries": count}


def loaded_lists(store) -> list[dict[str, Any]]:
    return lists_summary(store.db)


def build_screener(store, **options) -> Screener:
    entries = [IndexedEntry(name, ListEntry.from_json(record), as_of)
               for name, as_of, record in iter_list_entries(store.db)]
    if not entries:
        raise NoListsLoaded("no sanctions lists are loaded: run `prolifwatch lists load FILE --format un|ofac|ftm`")
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
    signature = lists_signature(store.db)
    done = set() if restart else screened_entities(store.db, signature)
    todo = [e for e in stored_entities(store) if (e.type, e.key) not in done]
    figures = {"entities": len(todo) + len(done), "skipped": len(done), "screened": 0, "with_hits": 0}
    for number, entity in enumerate(todo, 1):
        hits = screener.screen(make_query(entity.name, SCREENED_TYPES[entity.type], entity.country))
        save_entity_hits(store.db, entity.type, entity.key, entity.name, [h.to_json() for h in hits], signature)
        figures["screened"] += 1
        figures["with_hits"] += bool(hits)
        if on_progress:
            on_progress(number, len(todo))
    return figures


def hits_for(store, entity_key: str | None = None) -> list[dict[str, Any]]:
    return entity_hits(store.db, entity_key)
