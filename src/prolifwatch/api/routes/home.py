"""``/``: what the collection holds."""
from __future__ import annotations

from fastapi import FastAPI

from ...query.home import Home, home
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/home", "/", "home.html", tags=["collection"])
    def home_page(reader: ReaderDep) -> Home:
        """What the collection holds: kinds, classifications, years, latest documents, busiest entities, top cases."""
        return home(reader)
