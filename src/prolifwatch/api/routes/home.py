"""``/``: what the collection holds."""
from __future__ import annotations

from fastapi import FastAPI

from ...query.context import Reader
from ...query.home import Home, home, linked_summary
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
