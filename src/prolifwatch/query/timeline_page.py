"""The timeline page (``/timeline/{entity-or-case}``): an entity's or a case's
transfers, diplomatic actions, listings and documents, grouped by day, each
with its source (``query.timeline``).  A case id (``case-...``) names a case;
anything else an entity (id, key, name or alias)."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from ..citations import paragraph_citation
from ..errors import BadParameter
from .context import Reader
from .entity_page import entity_not_found
from .lookup import not_found
from .page_sources import Source, document_link, folded
from .timeline import case_timeline, entity_timeline

LIMIT = 300
UNDATED = "undated"


class TimelineSource(Source):
    title: str | None = None
    document_date: str | None = None
    document_date_precision: str | None = None   # day, month, year ... (store.doc_dates): "2008" is not 2008-01-01
    document_date_source: str | None = None      # where the date was read, or that it is estimated


class ListingSource(BaseModel):
    list: str
    entry_id: str
    list_as_of: str | None = None


class TimelineItem(BaseModel):
    date: str | None                   # as known: a day, a month, a year, or "start/end"
    type: str                          # transfer | diplomatic_action | listing | document
    kind: str | None = None
    status: str | None = None
    roles: list[str] = []              # the entity's roles in the event
    parties: dict[str, list[str]] = {}
    case: str | None = None
    name: str | None = None            # a listing: the listed name
    score: float | None = None
    mentions: int | None = None        # a document: how often it names the entity
    programmes: list[str] = []         # a listing: the list's programmes (NPWMD ...)
    source: TimelineSource | None = None
    listing: ListingSource | None = None


class Day(BaseModel):
    day: str                           # the day (or month, year) items sort under; "undated"
    items: list[TimelineItem]


class TimelinePage(BaseModel):
    kind: str                          # entity | case
    id: str
    name: str
    link: str
    total: int
    shown: int
    days: list[Day]
    conflicts: list[dict[str, Any]] = []


def _source(source: dict[str, Any]) -> TimelineSource:
    doc = source["document"]
    index, number = source.get("paragraph"), source.get("paragraph_number")
    return TimelineSource(document=doc, paragraph=index, paragraph_number=number,
                          citation=paragraph_citation(number, index), link=document_link(doc, number, index),
                          evidence=folded(source.get("evidence") or source.get("text")), title=source.get("title"),
                          document_date=source.get("document_date"),
                          document_date_precision=source.get("document_date_precision"),
                          document_date_source=source.get("document_date_source"))


def _item(item: dict[str, Any]) -> TimelineItem:
    source = item.get("source") or {}
    return TimelineItem(
        date=item.get("date"), type=item["type"], kind=item.get("kind"), status=item.get("status"),
        roles=item.get("roles", []), parties=item.get("parties", {}), case=item.get("case"), name=item.get("name"),
        score=item.get("score"), mentions=item.get("mentions"), programmes=item.get("programmes", []),
        source=_source(source) if "document" in source else None,
        listing=ListingSource(**source) if "list" in source else None)


def _days(items: list[dict[str, Any]]) -> list[Day]:
    days: dict[str, list[TimelineItem]] = {}
    for item in items:
        sort = item.get("sort") or ""
        day = UNDATED if sort.startswith("9999") or not sort else sort[:10]
        days.setdefault(day, []).append(_item(item))
    return [Day(day=d, items=i) for d, i in days.items()]


def timeline_page(reader: Reader, subject: str, limit: int | None = LIMIT) -> TimelinePage:
    """The timeline of a case (``case-...``) or an entity, its first ``limit`` items (None: all of them,
    the CLI's ``--limit 0``; the API asks for at most 5000)."""
    if limit is not None and not 1 <= limit <= 5000:
        raise BadParameter("limit", "must be between 1 and 5000")
    if subject.startswith("case-"):
        found = case_timeline(reader.store, subject, limit=limit)
        if found is None:
            raise not_found(reader.store, "case", subject)
        case = found["case"]
        return TimelinePage(kind="case", id=case["id"], name=case["title"],
                            link=f"/cases/{quote(case['id'], safe='')}", total=found["total"],
                            shown=len(found["items"]), days=_days(found["items"]), conflicts=found["conflicts"])
    found = entity_timeline(reader.store, subject, limit=limit)
    if found is None:
        raise entity_not_found(reader, subject)
    entity = found["entity"]
    return TimelinePage(kind="entity", id=entity["id"], name=entity.get("name") or entity["id"],
                        link=f"/entities/{quote(entity['id'], safe='')}", total=found["total"],
                        shown=len(found["items"]), days=_days(found["items"]))
