"""``/decisions``: every decision the analyst made, each with its undo."""
from __future__ import annotations

from fastapi import FastAPI

from ...query.decisions_page import Decisions, decisions
from ..twins import ReaderDep, Twins


def register(twins: Twins, app: FastAPI) -> None:
    @twins.page("/decisions", "/decisions", "decisions/decisions.html", tags=["actions"])
    def decisions_page(reader: ReaderDep) -> Decisions:
        """Judgements (merge, split, same / different), event reviews and screening verdicts."""
        return decisions(reader)
