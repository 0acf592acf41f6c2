"""The party a user names in a filter, resolved to entities.

Every option that names a party (``events --supplier/--recipient/--actor/
--counterpart``, ``cases --entity``, ``timeline NAME``) goes through
``resolve_party``: the name is looked up as an entity id, a mention key, an
entity's name or alias, and in the knowledge base (country names, aliases and
ISO codes: "DPRK", "North Korea" and "KP" are one country).  Never by
substring: "US" is the United States, not every name containing "us".

What it resolves to is the set of mention keys of the entities found (so an
event argument keyed by any member matches) and their names, for arguments
that carry text but no key.  A name that resolves to nothing comes back with
the nearest names ("did you mean").
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from .lookup import Suggestion, nearest

# Names compared for suggestions: the entities in most documents, and those sharing the first letters.
SUGGESTION_POOL = 5000
SUGGESTION_PREFIX = 3


@dataclass
class PartyResolution:
    name: str                                   # as the user typed it
    entities: list[dict] = field(default_factory=list)   # id, name, type of each entity found
    keys: list[str] = field(default_factory=list)        # mention keys and entity ids that stand for it
    texts: list[str] = field(default_factory=list)       # casefolded names, for arguments without a key
    suggestions: list[str] = field(default_factory=list)
    as_written: bool = False    # no entity or key, but arguments without a key carry this very text

    @property
    def resolved(self) -> bool:
        return bool(self.keys) or self.as_written

    def described(self) -> str:
        """E.g. "China (country:CN)"; the keys themselves before entity resolution."""
        if self.entities:
            return ", ".join(f"{e['name']} ({e['id']})" for e in self.entities)
        return ", ".join(self.keys) or f"{self.name!r} as written in events"

    def to_json(self) -> dict:
        return {"name": self.name, "entities": self.entities, "keys": self.keys, "suggestions": self.suggestions}


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@lru_cache(maxsize=1)
def _knowledge_spellings() -> dict[str, str]:
    """Casefolded knowledge-base name or alias -> as the knowledge base spells it (for suggestions)."""
    from ..knowledge import default_knowledge

    return {_fold(n.text): n.text for n in default_knowledge().names() if n.role in ("name", "alias")}


@lru_cache(maxsize=1)
def _knowledge_names() -> dict[str, set[str]]:
    """Casefolded name, alias or ISO code -> knowledge-base keys (countries, regimes, known entities)."""
    from ..knowledge import default_knowledge

    kb = default_knowledge()
    names: dict[str, set[str]] = {}
    for name in kb.names():
        if name.role in ("name", "alias"):  # adjectives and capitals stand for a country only in running text
            names.setdefault(_fold(name.text), set()).add(name.key)
    for country in kb.countries:
        names.setdefault(_fold(country.id), set()).add(f"country:{country.id}")
    return names


def _entity_rows(db, where: str, params: tuple) -> list[tuple]:
    return db.execute(f"SELECT id, name, type, aliases FROM entities e WHERE {where}", params).fetchall()


def _candidate_keys(db, name: str) -> set[str]:
    """Keys the name stands for directly: itself as an id or key, and knowledge-base names and codes."""
    keys = set(_knowledge_names().get(_fold(name), ()))
    if db.execute("SELECT 1 FROM entities WHERE id = ?", (name,)).fetchone():
        keys.add(name)
    if db.execute("SELECT 1 FROM entity_members WHERE key = ?", (name,)).fetchone():
        keys.add(name)
    return keys


def resolve_party(store, name: str) -> PartyResolution:
    """The entities ``name`` stands for, with their mention keys; or suggestions when none."""
    db = store.db
    typed = " ".join(str(name).split())
    found = PartyResolution(name=typed)
    if not typed:
        return found
    direct = _candidate_keys(db, typed)
    rows = {}
    for key in direct:
        for row in _entity_rows(db, "e.id = ? OR e.id = (SELECT entity_id FROM entity_members WHERE key = ?)",
                                (key, key)):
            rows[row[0]] = row
    for row in _entity_rows(db, "e.name = ? COLLATE NOCASE OR EXISTS (SELECT 1 FROM json_each(e.aliases) a"
                                " WHERE a.value = ? COLLATE NOCASE)", (typed, typed)):
        rows.setdefault(row[0], row)
    keys = set(direct)
    texts = {_fold(typed)}
    for id_, entity_name, type_, aliases in sorted(rows.values(), key=lambda r: r[0]):
        found.entities.append({"id": id_, "name": entity_name, "type": type_})
        keys.add(id_)
        keys.update(k for (k,) in db.execute("SELECT key FROM entity_members WHERE entity_id = ?", (id_,)))
        texts.add(_fold(entity_name))
        texts.update(_fold(a) for a in json.loads(aliases or "[]"))
    if not rows:  # before entity resolution, or a name only arguments carry: keys used as they stand
        keys.update(k for (k,) in db.execute(
            "SELECT DISTINCT key FROM event_arguments WHERE key = ? OR (key IS NOT NULL AND text = ? COLLATE NOCASE)"
            " UNION SELECT DISTINCT key FROM mentions WHERE key = ?", (typed, typed, typed)))
        # an argument without a key (an analyst's corrected value) is found by its exact text
        found.as_written = db.execute("SELECT 1 FROM event_arguments WHERE key IS NULL AND text = ? COLLATE NOCASE"
                                      " LIMIT 1", (typed,)).fetchone() is not None
    found.keys = sorted(keys)
    found.texts = sorted(texts)
    if not found.resolved:
        found.suggestions = suggest_names(db, typed)
    return found


def suggest_names(db, name: str) -> list[str]:
    """The entity and knowledge-base names nearest to ``name``, closest first."""
    pool = {n for (n,) in db.execute("SELECT name FROM entities ORDER BY documents DESC LIMIT ?", (SUGGESTION_POOL,))}
    prefix = name[:SUGGESTION_PREFIX]
    pool.update(n for (n,) in db.execute(
        "SELECT name FROM entities WHERE name LIKE ? ESCAPE '\\' LIMIT ?",
        (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", SUGGESTION_POOL)))
    by_fold = {_fold(n): n for n in pool}
    by_fold.update({fold: text for fold, text in _knowledge_spellings().items() if len(fold) > 2 and fold not in by_fold})
    # the same closeness as every other "did you mean" (query/lookup.py)
    return [s.id for s in nearest(name, {text: Suggestion(text, None) for text in by_fold.values()})]


def argument_match_sql(role: str | None, party: PartyResolution) -> tuple[str, list]:
    """An EXISTS clause keeping events with an argument (in ``role``, or any role) standing for ``party``:
    its key among the party's keys, or, for an argument without a key, its text among the party's names."""
    condition, values = _argument_condition(role, party)
    return f"EXISTS (SELECT 1 FROM event_arguments a WHERE a.event_pk = e.event_pk AND {condition})", values


def argument_events_sql(role: str | None, party: PartyResolution) -> tuple[str, list]:
    """``argument_match_sql`` as ``e.event_pk IN (...)``: the events are found from the party's keys
    (the arguments' key and role indexes, one seek per key), not each event probed in turn, which
    over a busy store's every transfer takes seconds."""
    key_marks = ",".join("?" * len(party.keys)) or "NULL"
    text_marks = ",".join("?" * len(party.texts)) or "NULL"
    role_sql = "a.role = ? AND " if role else ""
    roles = [role] if role else []
    return (f"e.event_pk IN (SELECT a.event_pk FROM event_arguments a WHERE {role_sql}a.key IN ({key_marks})"
            f" UNION ALL SELECT a.event_pk FROM event_arguments a WHERE {role_sql}a.key IS NULL"
            f" AND lower(a.text) IN ({text_marks}))", [*roles, *party.keys, *roles, *party.texts])


def _argument_condition(role: str | None, party: PartyResolution) -> tuple[str, list]:
    key_marks = ",".join("?" * len(party.keys)) or "NULL"
    text_marks = ",".join("?" * len(party.texts)) or "NULL"
    role_sql = "a.role = ? AND " if role else ""
    return (f"{role_sql}(a.key IN ({key_marks}) OR (a.key IS NULL AND lower(a.text) IN ({text_marks})))",
            [*([role] if role else []), *party.keys, *party.texts])
