"""``/``: what the collection holds."""
from __future__ import annotations

from fastapi import FastAPI

from ...query.context import Reader
from ...query.home import Home, StoreStats, home, linked_summary, store_stats
from ..twins import ReaderDep, Twins


def _count_at_start(app: FastAPI) -> None:
    """The home page's slow counts, made before the first visitor asks."""
    with Reader.open(app.state.db_path) as reader:
        linked_summary(reader)


def register(twins: Twins, app: FastAPI) -> None:
    app.state.warmers["home"] = _count_at_start

    @twins.page("/home", "/", "home.html", tags=["collection"])
    def home_page(reader: ReaderDep) -> Home:
        """What the collection holds: kinds, classifications, years, latest documents, busiest entities, top cases."""
        return home(reader)

    @twins.api.get("/stats", tags=["collection"], response_model=StoreStats)
    def stats(reader: ReaderDep) -> StoreStats:
        """What the store holds, as `prolifwatch stats` prints it: documents by kind, classification, origin
        and how their dates are known, sources by layout, paragraphs, the store's size and schema."""
        return store_stats(reader, with_path=False)
