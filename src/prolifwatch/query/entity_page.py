"""The entity pages: a list of entities (search by name), and one entity in full
(``GET /api/v1/entities`` and ``/api/v1/entities/{id}``).

One entity: what ``entities.profile_of`` knows (aliases, attributes,
member keys with their reasons, documents, events, counterparts, listings),
the events grouped by the role the entity plays, each with its sentence, and
the analyst's decisions that touch it (judgements on its member keys, reviews
of its events), each of which can be undone.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from ..errors import BadParameter, NotFound
from .cache import cached
from .cases import event_reviews
from .context import Reader
from .entities import find_entity, profile_of
from .lookup import nearest_entities, not_found
from .page_sources import Source, source_of

PER_PAGE = 50
DOCUMENTS = 30      # documents and events shown on an entity page (most recent first)
EVENTS = 60
COUNTERPARTS = 30


class EntityLine(BaseModel):
    id: str                     # the entity id; a mention key on a store not linked yet
    type: str
    name: str
    aliases: list[str]
    mentions: int
    documents: int
    members: int = 0            # member keys (0: a mention key, no entity yet)


class EntityList(BaseModel):
    q: str | None
    type: str | None
    page: int
    per_page: int
    has_next: bool
    entities: list[EntityLine]
    types: list[str]                       # the entity types there are, for the filter
    did_you_mean: list[EntityLine] = []    # when a search finds nothing


class Member(BaseModel):
    key: str
    score: float
    reason: str
    mentions: int
    mentions_capped: bool = False   # counting stopped at ``mentions`` (entities.COUNT_LIMIT): there are more


class EntityDocument(BaseModel):
    id: str
    date: str | None
    title: str | None
    mentions: int
    link: str


class EntityEvent(BaseModel):
    event_id: str | None        # what review actions name
    type: str
    kind: str | None
    status: str | None
    date: str | None
    roles: list[str]
    confidence: float | None
    review: str | None          # accepted, or None (rejected events are not shown)
    source: Source


class EventsInRole(BaseModel):
    role: str
    events: list[EntityEvent]


class Counterpart(BaseModel):
    entity: str
    name: str | None
    role: str
    events: int


class Listing(BaseModel):
    key: str
    list: str
    entry_id: str
    score: float
    entry_name: str | None


class Cut(BaseModel):
    """What a busy entity's page left out of one part: it read at most ``read`` rows."""
    part: str                   # documents | events | counterparts
    read: int
    note: str


class Judgement(BaseModel):
    left_key: str
    right_key: str
    judgement: str              # positive | negative
    user: str
    created_at: str


class EntityPage(BaseModel):
    id: str
    type: str
    name: str
    aliases: list[str]
    attributes: dict[str, Any]
    mentions: int
    documents: int
    members: list[Member]
    document_list: list[EntityDocument]
    events: list[EntityEvent]
    events_by_role: list[EventsInRole]
    counterparts: list[Counterpart]
    listings: list[Listing]
    judgements: list[Judgement]             # the analyst's judgements on its member keys
    timeline_url: str
    graph_url: str                          # its depth-1 neighbourhood (JSON), for the small graph
    correctable_roles: dict[str, list[str]]  # event type -> the roles a review may correct
    truncated: list[Cut] = []               # what was cut for a busy entity (empty: every part is complete)
    ledger_links: dict[str, str] = {}       # role -> the ledger filtered to this entity in that role (has them all)


_LINE = "SELECT id, type, name, aliases, mentions, documents FROM entities"


def _lines(db, rows: list[tuple]) -> list[EntityLine]:
    """Entity rows as lines, with their member keys counted (for the rows shown only, after the sort)."""
    ids = [row[0] for row in rows]
    members = dict(db.execute(f"SELECT entity_id, COUNT(*) FROM entity_members WHERE entity_id IN"
                              f" ({','.join('?' * len(ids))}) GROUP BY entity_id", ids)) if ids else {}
    return [EntityLine(id=id_, type=type_, name=name, aliases=json.loads(aliases), mentions=mentions,
                       documents=documents, members=members.get(id_, 0))
            for id_, type_, name, aliases, mentions, documents in rows]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def entity_list(reader: Reader, q: str | None = None, type: str | None = None, page: int = 1,
                per_page: int = PER_PAGE) -> EntityList:
    """Entities whose name or an alias contains ``q`` (any case), busiest first.  On a store not
    linked yet (no entities), the mention keys instead, each named by its commonest surface form."""
    if page < 1:
        raise BadParameter("page", "must be 1 or more")
    if not 1 <= per_page <= 500:
        raise BadParameter("per_page", "must be between 1 and 500")
    db = reader.db
    if not db.execute("SELECT 1 FROM entities LIMIT 1").fetchone():
        return _mention_keys(reader, q, type, page, per_page)
    where, params = [], []
    if type:
        where.append("type = ?")
        params.append(type)
    if q and q.strip():
        where.append("(name LIKE ? ESCAPE '\\' OR id = ? OR aliases LIKE ? ESCAPE '\\')")
        params += [_like(q.strip()), q.strip(), _like(json.dumps(q.strip())[1:-1])]
    rows = db.execute(
        _LINE + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY documents DESC, mentions DESC, id LIMIT ? OFFSET ?",
        (*params, per_page + 1, (page - 1) * per_page)).fetchall()
    types = [t for (t,) in db.execute("SELECT DISTINCT type FROM entities ORDER BY type")]
    found = EntityList(q=q, type=type, page=page, per_page=per_page, has_next=len(rows) > per_page,
                       entities=_lines(db, rows[:per_page]), types=types)
    if not rows and q and q.strip():
        ids = [s.id for s in nearest_entities(reader.store, q.strip())]
        found.did_you_mean = _lines(db, db.execute(
            f"{_LINE} WHERE id IN ({','.join('?' * len(ids))}) ORDER BY documents DESC", ids).fetchall()) if ids else []
    return found


def _mention_keys(reader: Reader, q: str | None, type: str | None, page: int, per_page: int) -> EntityList:
    """``entity_list`` before linking: mention keys (``q`` a part of the key), dates and quantities left out."""
    where, params = ["m.type = ?" if type else "m.type NOT IN ('Quantity', 'Date')"], [type] if type else []
    if q and q.strip():
        where.append("m.key LIKE ? ESCAPE '\\'")
        params.append(_like(q.strip()))
    rows = reader.db.execute(
        f"""SELECT m.key, m.type, COUNT(*) AS mentions, COUNT(DISTINCT m.pk) AS documents,
                   (SELECT text FROM mentions x WHERE x.key = m.key GROUP BY text ORDER BY COUNT(*) DESC LIMIT 1)
            FROM mentions m WHERE {" AND ".join(where)} GROUP BY m.key, m.type
            ORDER BY documents DESC, mentions DESC, m.key LIMIT ? OFFSET ?""",
        (*params, per_page + 1, (page - 1) * per_page)).fetchall()
    lines = [EntityLine(id=key, type=type_, name=" ".join(name.split()), aliases=[], mentions=mentions,
                        documents=documents) for key, type_, mentions, documents, name in rows[:per_page]]
    types = sorted({line.type for line in lines} | ({type} if type else set()))  # not a scan of every mention
    return EntityList(q=q, type=type, page=page, per_page=per_page, has_next=len(rows) > per_page, entities=lines,
                      types=types)


def entity_not_found(reader: Reader, name: str) -> NotFound:
    return not_found(reader.store, "entity", name)


def entity_page(reader: Reader, name: str, limit: int | None = None) -> EntityPage:
    """Everything about one entity (by id, member key, name or alias); kept until the store
    changes (``query.cache``), so a merge, a judgement or a review shows at once.  ``limit``: at
    most this many documents, events and counterparts each (``prolifwatch entity --limit``);
    None: the page's own bounds (``DOCUMENTS``, ``EVENTS``, ``COUNTERPARTS``)."""
    if limit is not None and limit < 1:
        raise BadParameter("limit", "must be 1 or more")
    return cached(reader, "entity", (name, limit), lambda: _entity_page(reader, name, limit))


def _entity_page(reader: Reader, name: str, limit: int | None) -> EntityPage:
    from ..event_decisions import ROLES as REVIEW_ROLES  # the writes' module; imported late, it imports query/

    entity = find_entity(reader.store, name)
    if entity is None:
        raise entity_not_found(reader, name)
    profile = profile_of(reader.store, entity, documents=limit or DOCUMENTS, events=limit or EVENTS,
                         counterparts=limit or COUNTERPARTS)
    id_ = profile["id"]
    events = _events(reader, profile["events"])
    by_role: dict[str, list[EntityEvent]] = {}
    for event in events:
        for role in event.roles:
            by_role.setdefault(role, []).append(event)
    keys = [m["key"] for m in profile["members"]]
    return EntityPage(
        id=id_, type=profile["type"], name=profile["name"], aliases=profile["aliases"],
        attributes=profile["attributes"], mentions=profile["mentions"], documents=profile["documents"],
        members=[Member(**m) for m in profile["members"]],
        document_list=[EntityDocument(**d, link=f"/documents/{quote(d['id'], safe='')}")
                       for d in profile["document_list"]],
        events=events,
        events_by_role=[EventsInRole(role=r, events=by_role[r]) for r in sorted(by_role, key=_role_order)],
        counterparts=[Counterpart(**c) for c in profile["counterparts"]],
        listings=[Listing(**hit) for hit in profile["listings"]],
        judgements=_judgements(reader.db, keys),
        timeline_url=f"/timeline/{quote(id_, safe='')}",
        graph_url=f"/api/v1/entities/{quote(id_, safe='')}/graph?depth=1&limit=15",
        correctable_roles={t: list(roles) for t, roles in REVIEW_ROLES.items()},
        truncated=[Cut(part=part, **cut) for part, cut in profile["truncated"].items()],
        ledger_links=_ledger_links(id_),
    )


def _ledger_links(entity_id: str) -> dict[str, str]:
    quoted = quote(entity_id, safe="")
    return {role: f"/events?type={type_}&{role}={quoted}"
            for role, type_ in (("supplier", "transfer"), ("recipient", "transfer"),
                                ("actor", "diplomatic_action"), ("counterpart", "diplomatic_action"))}


_ROLE_ORDER = ("supplier", "broker", "recipient", "end_user", "items", "origin", "via", "destination", "carrier",
               "actor", "counterpart")


def _role_order(role: str) -> tuple[int, str]:
    return (_ROLE_ORDER.index(role) if role in _ROLE_ORDER else len(_ROLE_ORDER), role)


def _events(reader: Reader, found: list[dict[str, Any]]) -> list[EntityEvent]:
    reviews = event_reviews(reader.db, [e["event"] for e in found])
    return [EntityEvent(
        event_id=reviews.get(e["event"], {}).get("event_id"), type=e["type"], kind=e["kind"], status=e["status"],
        date=e["date"], roles=[r for r in e["roles"] if r != "item_code"] or e["roles"],
        confidence=reviews.get(e["event"], {}).get("confidence"), review=reviews.get(e["event"], {}).get("review"),
        source=source_of({"paragraph": e["paragraph"], "paragraph_number": e["paragraph_number"],
                          "text": e["evidence"]}, e["document"]),
    ) for e in found]


def _judgements(db, keys: list[str]) -> list[Judgement]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        "SELECT left_key, right_key, judgement, user, created_at FROM judgements"
        f" WHERE left_key IN ({marks}) OR right_key IN ({marks}) ORDER BY created_at, left_key, right_key",
        (*keys, *keys))
    return [Judgement(left_key=a, right_key=b, judgement=j, user=u, created_at=c) for a, b, j, u, c in rows]
