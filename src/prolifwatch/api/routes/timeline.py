"""``/timeline/{entity-or-case}``: what is known, by day, each item with its source."""
from __future__ import annotations

from fastapi import FastAPI, Query

from ...query.timeline_page import LIMIT, TimelinePage, timeline_page
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/timeline/{id:path}", "/timeline/{id:path}", "timeline/timeline.html", tags=["timeline"])
    def timeline(reader: ReaderDep, id: str,
                 limit: int = Query(LIMIT, description="at most this many items (1-5000)")) -> TimelinePage:
        """An entity's (or a case's, ``case-...``) transfers, actions, listings and documents by day."""
        return timeline_page(reader, id, limit)
