"""Batch search (Datashare's): many terms at once, each with its hit count and
best documents.  ``POST /api/v1/search/batch`` and the ``/search/batch`` page.

Each term is one ``search.search`` over the same filters; a term the query
language cannot use is reported on its line, not as an error for the batch.
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from ..errors import BadParameter, TooLarge
from .context import Reader
from .fts_query import QueryError
from .search import search

MAX_TERMS = 500
MAX_TERM_LENGTH = 500
FIRST_DOCUMENTS = 3


class BatchFilters(BaseModel):
    """The document fields a search filters on (search_page.Filters adds mentions)."""

    tag: str | None = None
    origin: str | None = None
    classification: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None


class BatchRequest(BaseModel):
    terms: list[str] = Field(description=f"One query per term (the search's language), at most {MAX_TERMS}.")
    filters: BatchFilters = Field(default_factory=BatchFilters)


class BatchDocument(BaseModel):
    id: str
    title: str | None
    date: str | None


class BatchLine(BaseModel):
    term: str
    hits: int
    documents: list[BatchDocument]
    error: str | None = None   # why the term could not be searched


class BatchResult(BaseModel):
    filters: BatchFilters
    terms: int
    terms_with_hits: int
    lines: list[BatchLine]


def terms_of(text: str) -> list[str]:
    """One term per line of pasted text or an uploaded file; a CSV line's first
    cell; blank lines and repeats dropped."""
    terms: list[str] = []
    for line in text.splitlines():
        term = line.split(",")[0].strip().strip('"').strip() if "," in line and '"' not in line else line.strip()
        if term and term not in terms:
            terms.append(term)
    return terms


def batch_search(reader: Reader, request: BatchRequest) -> BatchResult:
    terms = [t.strip() for t in request.terms if t and t.strip()]
    if not terms:
        raise BadParameter("terms", "no term to search for: give one per line")
    if len(terms) > MAX_TERMS:
        raise TooLarge(f"{len(terms)} terms: a batch takes at most {MAX_TERMS}", hint="split the list")
    if too_long := next((t for t in terms if len(t) > MAX_TERM_LENGTH), None):
        raise BadParameter("terms", f"a term of {len(too_long)} characters: at most {MAX_TERM_LENGTH}")
    filters = request.filters.model_dump()
    lines = []
    for term in terms:
        try:
            found = search(reader.store, term, limit=FIRST_DOCUMENTS, **filters)
        except QueryError as exc:
            lines.append(BatchLine(term=term, hits=0, documents=[], error=str(exc)))
            continue
        except ValueError as exc:  # a since/until the whole batch shares
            raise BadParameter("filters", str(exc)) from None
        lines.append(BatchLine(term=term, hits=found.total, documents=[
            BatchDocument(id=h.id, title=h.title, date=h.date) for h in found.hits]))
    return BatchResult(filters=request.filters, terms=len(lines), terms_with_hits=sum(1 for x in lines if x.hits),
                       lines=lines)


def csv_rows(result: BatchResult):
    """The batch as CSV rows (header first); cells go through ``export.cells``'s escaping."""
    yield ["term", "hits", "documents", "error"]
    for line in result.lines:
        yield [line.term, line.hits, " ".join(d.id for d in line.documents), line.error or ""]
