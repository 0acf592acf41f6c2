"""What the collection holds: the home page of the web app and ``GET /api/v1/home``."""
from __future__ import annotations

from pydantic import BaseModel

from .context import Reader

LATEST = 10
BUSIEST = 12
CASES = 10


class Count(BaseModel):
    value: str
    count: int


class DocumentLine(BaseModel):
    id: str
    kind: str
    date: str | None
    origin: str | None
    classification: str | None
    title: str | None


class EntityLine(BaseModel):
    id: str
    type: str
    name: str
    documents: int


class CaseLine(BaseModel):
    id: str
    title: str
    first_date: str | None
    last_date: str | None
    documents: int


class Home(BaseModel):
    documents: int
    linking_pending: bool
    kinds: list[Count]
    classifications: list[Count]
    years: list[Count]
    latest: list[DocumentLine]
    busiest_entities: list[EntityLine]
    top_cases: list[CaseLine]
    transfers_by_category: list[Count]


def _counts(db, sql: str) -> list[Count]:
    return [Count(value=str(v), count=n) for v, n in db.execute(sql)]


def home(reader: Reader) -> Home:
    db = reader.db
    return Home(
        documents=db.execute("SELECT count(*) FROM documents").fetchone()[0],
        linking_pending=reader.store.linking_pending(),
        kinds=_counts(db, "SELECT kind, count(*) FROM documents GROUP BY kind ORDER BY 2 DESC"),
        classifications=_counts(db, "SELECT coalesce(classification, '(unknown)'), count(*) FROM documents "
                                    "GROUP BY 1 ORDER BY 2 DESC"),
        years=_counts(db, "SELECT coalesce(substr(date, 1, 4), '(undated)'), count(*) FROM documents "
                          "GROUP BY 1 ORDER BY 1"),
        latest=[DocumentLine(id=r[0], kind=r[1], date=r[2], origin=r[3], classification=r[4], title=r[5])
                for r in db.execute("SELECT id, kind, date, origin, classification, title FROM documents "
                                    "WHERE date IS NOT NULL ORDER BY date DESC, id LIMIT ?", (LATEST,))],
        busiest_entities=[EntityLine(id=r[0], type=r[1], name=r[2], documents=r[3])
                          for r in db.execute("SELECT id, type, name, documents FROM entities "
                                              "ORDER BY documents DESC, id LIMIT ?", (BUSIEST,))],
        top_cases=[CaseLine(id=r[0], title=r[1], first_date=r[2], last_date=r[3], documents=r[4])
                   for r in db.execute(
                       "SELECT c.id, c.title, c.first_date, c.last_date, count(DISTINCT e.pk) FROM cases c "
                       "JOIN case_events ce ON ce.case_id = c.id JOIN events e ON e.event_pk = ce.event_pk "
                       "GROUP BY c.id ORDER BY 5 DESC, c.id LIMIT ?", (CASES,))],
        # a transfer counts once under each control list its items fall under (no code: under none)
        transfers_by_category=_counts(
            db, "SELECT coalesce(substr(a.key, 1, instr(a.key, ' ') - 1), '(no control code)'), "
                "count(DISTINCT ev.event_pk) FROM events ev LEFT JOIN event_arguments a "
                "ON a.event_pk = ev.event_pk AND a.role = 'item_code' "
                "WHERE ev.type = 'transfer' GROUP BY 1 ORDER BY 2 DESC"),
    )
