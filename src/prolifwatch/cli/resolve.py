"""``prolifwatch resolve``: the linking stage over the whole store."""
from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .options import DbOption, JsonOption, open_store, processes
from .output import emit_json, err, out


@app.command()
def resolve(
    db: DbOption = None,
    as_json: JsonOption = False,
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Processes reading documents for the links step (0: one per core).")
    ] = 0,
) -> None:
    """Link the store: mentions into entities, references and descriptions into document links, transfers into cases.

    Rebuilds those tables from scratch in one transaction, honouring the merge, split and
    judge decisions; ingest runs it when anything new was stored, unless given --no-resolve.
    """
    from ..pipeline import resolve_store
    from .render.documents import counts_line

    with open_store(db) as store:
        with err.status("resolving ...") as status:
            figures = resolve_store(store, on_step=lambda step: status.update(f"resolving {step} ..."),
                                    workers=processes(workers))
    if as_json:
        emit_json(figures)
        return
    for step, counts in figures.items():
        out.print(f"{step}: {counts_line(counts)}")
