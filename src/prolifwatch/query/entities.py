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


def entity_members(store, entity_id: str) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT em.key, em.score, em.reason, (SELECT COUNT(*) FROM mentions m WHERE m.key = em.key) "
        "FROM entity_members em WHERE em.entity_id = ? ORDER BY em.reason != 'anchor', em.key",
        (entity_id,),
    )
    return [{"key": k, "score": s, "reason": r, "mentions": n} for k, s, r, n in rows]


def entity_documents(store, entity_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents mentioning the entity, most recent first."""
    rows = store.db.execute(
        f"""SELECT d.id, d.date, d.title, COUNT(*) FROM mentions m JOIN documents d ON d.pk = m.pk
            WHERE m.key IN {_MEMBERS} GROUP BY d.pk ORDER BY d.date DESC, d.id LIMIT ?""",
        (entity_id, limit),
    )
    return [{"id": i, "date": d, "title": t, "mentions": n} for i, d, t, n in rows]


def entity_events(store, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
    """Events where a member key is an argument, with the role it plays, newest first."""
    rows = store.db.execute(
        f"""SELECT e.event_pk, group_concat(DISTINCT a.role), e.type, e.kind, e.status, e.date, d.id, d.date,
                   e.record, e.paragraph, p.number
            FROM event_arguments a JOIN live_events e ON e.event_pk = a.event_pk JOIN documents d ON d.pk = e.pk
            LEFT JOIN paragraphs p ON p.pk = e.pk AND p.idx = e.paragraph
            WHERE a.key IN {_MEMBERS}
            GROUP BY e.event_pk ORDER BY COALESCE(e.date, d.date) DESC, d.id, e.idx LIMIT ?""",
        (entity_id, limit),
    )
    found = []
    for event_pk, roles, type_, kind, status, date, doc_id, doc_date, record, paragraph, number in rows:
        evidence = (json.loads(record).get("evidence") or {}).get("text", "")
        found.append({"event": event_pk, "roles": sorted(roles.split(",")), "type": type_, "kind": kind,
                      "status": status, "date": date or doc_date, "document": doc_id, "paragraph": paragraph,
                      "paragraph_number": number, "evidence": evidence})
    return found


def entity_counterparts(store, entity_id: str, limit: int = 30) -> list[dict[str, Any]]:
    """Other entities that are arguments of the same events: by entity, their role, and in how many events."""
    rows = store.db.execute(
        f"""SELECT COALESCE(em.entity_id, b.key) AS other, b.role, COUNT(DISTINCT b.event_pk) AS events,
                   (SELECT name FROM entities WHERE id = COALESCE(em.entity_id, b.key)), min(b.text)
            FROM event_arguments a
            JOIN event_arguments b ON b.event_pk = a.event_pk
            LEFT JOIN entity_members em ON em.key = b.key
            WHERE a.key IN {_MEMBERS} AND b.key IS NOT NULL AND b.key NOT LIKE 'quantity:%'
              AND b.key NOT IN {_MEMBERS}
            GROUP BY other, b.role ORDER BY events DESC, other, b.role LIMIT ?""",
        (entity_id, entity_id, limit),
    )
    return [{"entity": other, "name": name or text, "role": role, "events": n}
            for other, role, n, name, text in rows]


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


def entity_profile(store, name: str, *, limit: int = 20) -> dict[str, Any] | None:
    """Everything about the entity ``name`` names: aliases, type, attributes, member keys,
    documents (most recent first, at most ``limit``), events, counterparts and listings."""
    entity = find_entity(store, name)
    if entity is None:
        return None
    id_ = entity["id"]
    return {**entity, "members": entity_members(store, id_), "document_list": entity_documents(store, id_, limit),
            "events": entity_events(store, id_, limit), "counterparts": entity_counterparts(store, id_, limit),
            "listings": entity_listings(store, id_)}


# --- the analyst's decisions -----------------------------------------------------------------

def list_judgements(store) -> list[dict[str, str]]:
    """The analyst's judgements, oldest first."""
    columns = ("left_key", "right_key", "judgement", "user", "created_at")
    rows = store.db.execute(f"SELECT {', '.join(columns)} FROM judgements ORDER BY created_at, left_key, right_key")
    return [dict(zip(columns, row)) for row in rows]
