"""Resolved entities: finding the one a user names, its profile, and the analyst's
merge / split / judge decisions (stored as judgements, then the entities rebuilt)."""
from __future__ import annotations

import json
from typing import Any

_COLUMNS = "id, type, name, aliases, attributes, mentions, documents"
_MEMBERS = "(SELECT key FROM entity_members WHERE entity_id = ?)"


def _entity(row) -> dict[str, Any]:
    id_, type_, name, aliases, attributes, mentions, documents = row
    return {
        "id": id_, "type": type_, "name": name, "aliases": json.loads(aliases),
        "attributes": json.loads(attributes), "mentions": mentions, "documents": documents,
    }


def find_entity(store, name: str) -> dict[str, Any] | None:
    """The entity a user means by ``name``: an entity id, a member mention key,
    or a name or alias (case-insensitive); among several, the one in most documents."""
    db = store.db
    row = db.execute(f"SELECT {_COLUMNS} FROM entities WHERE id = ?", (name,)).fetchone()
    if row is None:
        row = db.execute(
            f"SELECT {_COLUMNS} FROM entities WHERE id = (SELECT entity_id FROM entity_members WHERE key = ?)",
            (name,),
        ).fetchone()
    if row is None:
        row = db.execute(
            f"SELECT {_COLUMNS} FROM entities WHERE name = ? COLLATE NOCASE ORDER BY documents DESC LIMIT 1",
            (name,),
        ).fetchone()
    if row is None:
        row = db.execute(
            f"SELECT {_COLUMNS} FROM entities e WHERE EXISTS "
            "(SELECT 1 FROM json_each(e.aliases) a WHERE a.value = ? COLLATE NOCASE) "
            "ORDER BY documents DESC LIMIT 1",
            (name,),
        ).fetchone()
    return _entity(row) if row else None


# Busy entities (a country is named in most documents) are read within fixed bounds:
# the page says what was cut (``truncated``), and the ledger filtered to the entity has it all.
EXACT_MENTIONS = 10000   # up to this many mentions, an entity's documents are found from all its mentions
WALK_EXPECTED = 500      # else, when its latest documents should be among this many of the store's latest,
WALK_LIMIT = 2000        # the store's documents are walked by date (at most this many)
SAMPLE_MENTIONS = 4000   # else, the documents of this many mentions stored last (shared among member keys)
SCAN_LIMIT = 2000        # event arguments read per member key, the most recently stored first
COUNT_LIMIT = 10000      # mentions counted per member key


def member_keys(db, entity_id: str) -> list[str]:
    return [k for (k,) in db.execute("SELECT key FROM entity_members WHERE entity_id = ? ORDER BY key", (entity_id,))]


def entity_members(store, entity_id: str) -> list[dict[str, Any]]:
    """Member keys with all their mentions counted (what a split weighs)."""
    return _members(store.db, entity_id, None)


def _members(db, entity_id: str, cap: int | None) -> list[dict[str, Any]]:
    """Member keys with their mentions, counted up to ``cap`` (``mentions_capped`` when there are more)."""
    limit = -1 if cap is None else cap + 1
    rows = db.execute(
        "SELECT em.key, em.score, em.reason, (SELECT COUNT(*) FROM (SELECT 1 FROM mentions m WHERE m.key = em.key"
        " LIMIT ?)) FROM entity_members em WHERE em.entity_id = ? ORDER BY em.reason != 'anchor', em.key",
        (limit, entity_id),
    )
    return [{"key": k, "score": s, "reason": r, "mentions": n if cap is None else min(n, cap),
             "mentions_capped": cap is not None and n > cap} for k, s, r, n in rows]


def recent_documents(store, entity_id: str, limit: int = 20) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The ``limit`` documents mentioning the entity, most recent first, and what was cut (None: nothing).

    An entity with few mentions: from all its mentions (exact).  One in a good share of the
    store's documents: the documents are walked by the date index, each probed for a member
    mention by its pk, and reading stops at the ``limit``-th found (exact, unless the ``WALK_LIMIT``
    most recent documents hold fewer: an entity of an earlier period).  Else, and to fill such a
    walk's page: the most recent among the documents of the ``SAMPLE_MENTIONS`` mentions stored last."""
    db = store.db
    keys = member_keys(db, entity_id)
    size = db.execute("SELECT mentions, documents FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if not keys or size is None or size[0] <= EXACT_MENTIONS:
        return _documents_by_mentions(db, keys, limit), None
    store_documents = db.execute("SELECT max(pk) FROM documents").fetchone()[0] or 0
    walks = limit * store_documents <= WALK_EXPECTED * max(size[1], 1)
    found, whole_store = _walked(db, keys, limit) if walks else ([], False)
    if len(found) == limit or whole_store or (walks and store_documents <= WALK_LIMIT):
        return _with_counts(db, keys, found), None
    # the newest documents held too few of its mentions (an entity of an earlier period), or it
    # is in too few documents for a walk to pay: the documents of its last-stored mentions fill
    # the page, so a busy entity never shows an empty list
    sampled, read = _sampled(db, keys, limit)
    merged = sorted({row[0]: row for row in (*found, *sampled)}.values(), key=lambda r: r[1])
    merged.sort(key=lambda r: r[2] or "", reverse=True)  # newest first, then by id, as the queries order
    walked = f"the {WALK_LIMIT} most recent documents of the store and " if walks else ""
    return _with_counts(db, keys, merged[:limit]), {"read": read, "note": (
        f"the most recent among {walked}the documents of the {read} mentions stored last; "
        f"the entity is in {size[1]} documents")}


def _sampled(db, keys: list[str], limit: int) -> tuple[list[tuple], int]:
    """The ``limit`` most recent (pk, id, date, title) among the documents of the mentions stored
    last, and how many mentions were read."""
    per_key = max(SAMPLE_MENTIONS // len(keys), 1)
    # pks of the mentions stored last, per key (each read from its own stretch of the key index);
    # DISTINCT: a document holds many of them, and one key's select is no UNION to fold them
    sampled = " UNION ".join(["SELECT * FROM (SELECT pk FROM mentions WHERE key = ? ORDER BY rowid DESC LIMIT ?)"]
                             * len(keys))
    rows = db.execute(
        f"""SELECT d.pk, d.id, d.date, d.title FROM (SELECT DISTINCT pk FROM ({sampled})) s JOIN documents d ON d.pk = s.pk
            ORDER BY d.date DESC, d.id LIMIT ?""", (*[v for k in keys for v in (k, per_key)], limit))
    return rows.fetchall(), per_key * len(keys)


def _walked(db, keys: list[str], limit: int) -> tuple[list[tuple], bool]:
    """The documents met walking the ``WALK_LIMIT`` most recent of the store by date, each probed
    for a member mention, stopping at the ``limit``-th found; and whether the walk met the whole store."""
    marks = ",".join("?" * len(keys))
    found, walked = [], 0
    # +m.key: the mentions are probed by pk (mentions_pk), not by walking the key's index
    rows = db.execute(
        f"""SELECT d.pk, d.id, d.date, d.title, EXISTS (SELECT 1 FROM mentions m WHERE m.pk = d.pk AND +m.key IN ({marks}))
            FROM documents d ORDER BY d.date DESC, d.id LIMIT ?""", (*keys, WALK_LIMIT))
    for pk, id_, date, title, mentioned in rows:
        walked += 1
        if mentioned:
            found.append((pk, id_, date, title))
            if len(found) == limit:
                break
    return found, walked < WALK_LIMIT


def _with_counts(db, keys: list[str], found: list[tuple]) -> list[dict[str, Any]]:
    """(pk, id, date, title) rows with the entity's mentions in each (read by pk)."""
    marks = ",".join("?" * len(keys))
    counts = dict(db.execute(
        f"SELECT pk, COUNT(*) FROM mentions WHERE pk IN ({','.join('?' * len(found))}) AND +key IN ({marks})"
        " GROUP BY pk", (*[f[0] for f in found], *keys))) if found else {}
    return [{"id": i, "date": d, "title": t, "mentions": counts.get(pk, 0)} for pk, i, d, t in found]


def _documents_by_mentions(db, keys: list[str], limit: int) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(keys)) or "NULL"
    rows = db.execute(
        f"""SELECT d.id, d.date, d.title, COUNT(*) FROM mentions m JOIN documents d ON d.pk = m.pk
            WHERE m.key IN ({marks}) GROUP BY d.pk ORDER BY d.date DESC, d.id LIMIT ?""", (*keys, limit))
    return [{"id": i, "date": d, "title": t, "mentions": n} for i, d, t, n in rows]


def entity_documents(store, entity_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents mentioning the entity, most recent first."""
    return recent_documents(store, entity_id, limit)[0]


def event_sample(db, keys: list[str]) -> tuple[list[int], dict[str, Any] | None]:
    """The events with a member key as an argument: all of them, or, for a busy entity, those of
    the ``SCAN_LIMIT`` arguments per key stored last (the cut, else None)."""
    events: set[int] = set()
    cut = False
    for key in keys:
        pks = [pk for (pk,) in db.execute(
            "SELECT event_pk FROM event_arguments WHERE key = ? ORDER BY rowid DESC LIMIT ?", (key, SCAN_LIMIT + 1))]
        cut = cut or len(pks) > SCAN_LIMIT
        events.update(pks[:SCAN_LIMIT])
    return sorted(events), {"read": SCAN_LIMIT * len(keys), "note": (
        f"at most {SCAN_LIMIT} event arguments read per member key, the most recently stored; "
        "the ledger filtered to this entity has them all")} if cut else None


def _sampled_events(db, keys: list[str], events: list[int], limit: int) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(keys)) or "NULL"
    # ordered first, on the events' and documents' small columns; the records read for the kept ones only
    rows = db.execute(
        f"""WITH kept AS (
                SELECT e.event_pk, group_concat(DISTINCT a.role) AS roles, COALESCE(e.date, d.date) AS sort_date,
                       d.id AS document, d.date AS document_date, e.idx
                FROM json_each(?) s CROSS JOIN event_arguments a ON a.event_pk = s.value
                JOIN live_events e ON e.event_pk = a.event_pk JOIN documents d ON d.pk = e.pk
                WHERE +a.key IN ({marks})
                GROUP BY e.event_pk ORDER BY sort_date DESC, d.id, e.idx LIMIT ?)
            SELECT k.event_pk, k.roles, e.type, e.kind, e.status, e.date, k.document, k.document_date,
                   e.record, e.paragraph, p.number
            FROM kept k JOIN events e ON e.event_pk = k.event_pk
            LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph
            ORDER BY k.sort_date DESC, k.document, k.idx""",
        (json.dumps(events), *keys, limit),
    )
    found = []
    for event_pk, roles, type_, kind, status, date, doc_id, doc_date, record, paragraph, number in rows:
        evidence = (json.loads(record).get("evidence") or {}).get("text", "")
        found.append({"event": event_pk, "roles": sorted(roles.split(",")), "type": type_, "kind": kind,
                      "status": status, "date": date or doc_date, "document": doc_id, "paragraph": paragraph,
                      "paragraph_number": number, "evidence": evidence})
    return found


def entity_events(store, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """Events where a member key is an argument, with the role it plays, newest first
    (for a busy entity, among those of ``event_sample``)."""
    keys = member_keys(store.db, entity_id)
    return _sampled_events(store.db, keys, event_sample(store.db, keys)[0], limit)


def _sampled_counterparts(db, keys: list[str], events: list[int], limit: int) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(keys)) or "NULL"
    rows = db.execute(
        f"""SELECT COALESCE(em.entity_id, b.key) AS other, b.role, COUNT(DISTINCT b.event_pk) AS events,
                   (SELECT name FROM entities WHERE id = COALESCE(em.entity_id, b.key)), min(b.text)
            FROM json_each(?) s CROSS JOIN event_arguments b ON b.event_pk = s.value
            LEFT JOIN entity_members em ON em.key = b.key
            WHERE b.key IS NOT NULL AND b.key NOT LIKE 'quantity:%' AND b.key NOT IN ({marks})
            GROUP BY other, b.role ORDER BY events DESC, other, b.role LIMIT ?""",
        (json.dumps(events), *keys, limit),
    )
    return [{"entity": other, "name": name or text, "role": role, "events": n}
            for other, role, n, name, text in rows]


def entity_counterparts(store, entity_id: str, limit: int = 30) -> list[dict[str, Any]]:
    """Other entities that are arguments of the same events: by entity, their role, and in how many events
    (for a busy entity, counted over ``event_sample``)."""
    keys = member_keys(store.db, entity_id)
    return _sampled_counterparts(store.db, keys, event_sample(store.db, keys)[0], limit)


def entity_listings(store, entity_id: str) -> list[dict[str, Any]]:
    """Screening hits on any member key."""
    rows = store.db.execute(
        f"""SELECT entity_key, list_name, entry_id, score, record FROM screening_hits
            WHERE entity_key IN {_MEMBERS} ORDER BY score DESC, list_name, entry_id""",
        (entity_id,),
    )
    found = []
    for key, list_name, entry_id, score, record in rows:
        data = json.loads(record or "{}")
        entry = data.get("entry") if isinstance(data.get("entry"), dict) else {}
        found.append({"key": key, "list": list_name, "entry_id": entry_id, "score": score,
                      "entry_name": entry.get("name") or data.get("name")})
    return found


def profile_of(store, entity: dict[str, Any], *, documents: int, events: int, counterparts: int) -> dict[str, Any]:
    """Everything about an entity ``find_entity`` found: aliases, type, attributes, member keys,
    documents (most recent first), events, counterparts and listings, at most the given number of
    each, and what was cut for a busy entity (``truncated``: part -> {"read", "note"}).
    ``entity_page.entity_page`` is the typed face of it, which the CLI and the API read."""
    db, id_ = store.db, entity["id"]
    keys = member_keys(db, id_)
    document_list, documents_cut = recent_documents(store, id_, documents)
    sample, events_cut = event_sample(db, keys)
    truncated = {part: cut for part, cut in (("documents", documents_cut), ("events", events_cut),
                                             ("counterparts", events_cut)) if cut}
    return {**entity, "members": _members(db, id_, COUNT_LIMIT), "document_list": document_list,
            "events": _sampled_events(db, keys, sample, events),
            "counterparts": _sampled_counterparts(db, keys, sample, counterparts),
            "listings": entity_listings(store, id_), "truncated": truncated}
