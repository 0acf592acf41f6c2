"""``/cases`` and ``/cases/{id}``: transfers as several documents report them."""
from __future__ import annotations

from fastapi import FastAPI, Query

from ...query.case_page import CaseList, CasePage, case_list, case_page
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/cases", "/cases", "cases/list.html", tags=["cases"])
    def cases(reader: ReaderDep,
              entity: str | None = Query(None, description="only cases this entity takes part in"),
              min_documents: int = Query(1, ge=1, le=1_000_000, description="reported by at least this many documents"),
              min_confidence: float | None = Query(None, description="with a transfer at least this confident"),
              limit: int = Query(50, description="at most this many cases (1-500)")) -> CaseList:
        """Cases, most documents first."""
        return case_list(reader, entity or None, min_documents, min_confidence, limit)

    @twins.page("/cases/{id}", "/cases/{id}", "cases/case.html", tags=["cases"])
    def case(reader: ReaderDep, id: str) -> CasePage:
        """One case: parties, items, route, carrier and dates with their sources, conflicts, documents."""
        return case_page(reader, id)
