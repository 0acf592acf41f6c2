"""Browsing like the WikiLeaks cable viewer: by creation date (year, month),
origin, tag (with its meaning) and classification.  ``/browse`` and
``GET /api/v1/browse/...``.

Counts come from the doc values (one ``bincount`` per field, no table scan);
a date listing reads a range of the ``documents_date`` index, oldest first as
the viewer has it; the other listings take their pks from the doc values and
their page newest first as search does (``search._newest_page``).
"""
from __future__ import annotations

import re
from typing import Literal

import numpy as np
from pydantic import BaseModel

from ..errors import BadParameter, NotFound, Suggestion
from .context import Reader
from .home import DocumentLine
from .labels import tag_meaning
from .lookup import nearest
from .search import UNKNOWN, _newest_page

PAGE_SIZE = 50
MAX_PAGE = 2000
UNDATED = "(undated)"
Dimension = Literal["date", "origin", "tag", "classification"]
_YEAR, _MONTH = re.compile(r"\d{4}"), re.compile(r"(\d{4})-(\d{2})")


class BrowseCount(BaseModel):
    value: str
    count: int
    meaning: str | None = None   # a tag's


class BrowseIndex(BaseModel):
    documents: int
    years: list[BrowseCount]
    origins: list[BrowseCount]
    tags: list[BrowseCount]
    classifications: list[BrowseCount]
    kinds: list[BrowseCount]


class BrowseListing(BaseModel):
    by: Dimension
    value: str
    meaning: str | None = None   # the tag's meaning
    total: int
    page: int
    pages: int
    page_size: int
    documents: list[DocumentLine]
    months: list[BrowseCount] = []   # browsing a year: its months ("2008" alone: dated to the year only)


def browse_index(reader: Reader) -> BrowseIndex:
    values = reader.store.doc_values()
    everything = np.flatnonzero(values.present)

    def counts(name: str, by_count: bool = True) -> list[BrowseCount]:
        found = values.counts(name, everything)
        unknown = found.pop(None, 0)
        items = sorted(found.items(), key=(lambda kv: (-kv[1], kv[0])) if by_count else (lambda kv: kv[0]))
        out = [BrowseCount(value=v, count=n, meaning=tag_meaning(v) if name == "tag" else None) for v, n in items]
        return out + ([BrowseCount(value=UNDATED if name == "year" else UNKNOWN, count=unknown)] if unknown else [])

    return BrowseIndex(documents=len(everything), years=counts("year", by_count=False), origins=counts("origin"),
                       tags=counts("tag"), classifications=counts("classification"), kinds=counts("kind"))


def browse(reader: Reader, by: str, value: str, page: int = 1, page_size: int = PAGE_SIZE) -> BrowseListing:
    if not 1 <= page <= MAX_PAGE:
        raise BadParameter("page", f"between 1 and {MAX_PAGE}")
    offset = (page - 1) * page_size
    if by == "date":
        total, documents, months = _by_date(reader.db, value, page_size, offset)
    elif by in ("origin", "tag", "classification"):
        pks = _pks_of(reader, by, value)
        total, months = len(pks), []
        documents = _lines(reader.db, [pk for pk, _ in _newest_page(reader.db, reader.store.doc_values(), pks,
                                                                    page_size, offset)])
    else:
        raise BadParameter("by", "browse by date, origin, tag or classification")
    return BrowseListing(by=by, value=value, meaning=tag_meaning(value) if by == "tag" else None, total=total,
                         page=page, pages=max(1, -(-total // page_size)), page_size=page_size, documents=documents,
                         months=months)


def _by_date(db, value: str, limit: int, offset: int) -> tuple[int, list[DocumentLine], list[BrowseCount]]:
    """A year or a month, as a range of the date index ("2008" <= date < "2009")."""
    if value == UNDATED:
        where, args = "date IS NULL", ()
    elif _YEAR.fullmatch(value):
        where, args = "date >= ? AND date < ?", (value, str(int(value) + 1))
    elif (m := _MONTH.fullmatch(value)) and 1 <= int(m[2]) <= 12:
        where, args = "date >= ? AND date < ?", (value, f"{m[1]}-{int(m[2]) + 1:02d}" if m[2] != "12" else
                                                 str(int(m[1]) + 1))
    else:
        raise BadParameter("date", f"{value!r}: a year (2008) or a month (2008-03)")
    total = db.execute(f"SELECT count(*) FROM documents WHERE {where}", args).fetchone()[0]
    # ties in pk order: the date index holds the pk, so no sort of the whole year per page
    rows = db.execute(f"SELECT pk FROM documents WHERE {where} ORDER BY date, pk LIMIT ? OFFSET ?",
                      (*args, limit, offset)).fetchall()
    months = [BrowseCount(value=v, count=n) for v, n in db.execute(
        f"SELECT substr(date, 1, 7), count(*) FROM documents WHERE {where} GROUP BY 1 ORDER BY 1", args)] \
        if _YEAR.fullmatch(value) else []
    return total, _lines(db, [pk for (pk,) in rows]), months


def _pks_of(reader: Reader, by: str, value: str) -> np.ndarray:
    """The pks with this origin (any ASCII case), tag or classification level; NotFound with the nearest
    values when none has it."""
    values = reader.store.doc_values()
    field = "tag" if by == "tag" else by
    if value == UNKNOWN and by != "tag":
        mask = values.present & (values.codes[field] < 0)
    elif by == "tag":
        mask = values.has_tag(value.upper())
    elif by == "origin":
        mask = values.origin_is(value)
    else:
        mask = values.classification_starts(value.upper())
    pks = np.flatnonzero(mask & values.present)
    if len(pks) == 0:
        choices = {v: Suggestion(v) for v in values.vocab[field]}
        raise NotFound(by, value, nearest(value, choices), where="in the collection",
                       hint=f"/browse lists every {by}")
    return pks


def _lines(db, pks: list[int]) -> list[DocumentLine]:
    """The documents of ``pks``, in that order."""
    if not pks:
        return []
    rows = {r[0]: r[1:] for r in db.execute(
        "SELECT pk, id, kind, date, origin, classification, title FROM documents WHERE pk IN "
        f"({','.join('?' * len(pks))})", pks)}
    return [DocumentLine(id=r[0], kind=r[1], date=r[2], origin=r[3], classification=r[4], title=r[5])
            for r in (rows[pk] for pk in pks)]
