"""Case and timeline commands: ``case``, ``cases`` and ``timeline``."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from .app import app
from .options import DbOption, JsonOption, open_reader
from .output import emit_json, err, out

LimitOption = Annotated[int, typer.Option(help="Number of items to show (0 for all).")]


@app.command()
def case(
    case_id: Annotated[str, typer.Argument(help="A case id, e.g. case-97ecd6898461 (see `prolifwatch cases`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One case: title, dates, parties, items, carrier and route with their sources,
    conflicts between sources, related diplomatic actions and documents."""
    from ..query.case_page import case_page
    from .render.cases import print_case

    with open_reader(db, linked=True) as reader:
        found = case_page(reader, _case_id(case_id) or case_id.strip())
    if as_json:
        emit_json(found.model_dump(mode="json"))
    else:
        print_case(out, found)


@app.command()
def cases(
    entity: Annotated[Optional[str], typer.Option(help="Only cases this entity takes part in (name, alias or key).")] = None,
    min_documents: Annotated[int, typer.Option(help="Only cases reported by at least this many documents.")] = 1,
    min_confidence: Annotated[
        Optional[float], typer.Option(min=0.0, max=1.0, help="Only cases with a transfer at least this confident "
                                      "(0..1; one an analyst accepted counts as 1.0).")
    ] = None,
    limit: LimitOption = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cases (transfers merged across documents), most documents first, with their best
    transfer confidence; transfers an analyst rejected are in no case."""
    from ..query.case_page import case_list
    from .render.cases import no_cases_line, print_cases

    with open_reader(db, linked=True) as reader:
        found = case_list(reader, entity=entity, min_documents=min_documents, min_confidence=min_confidence,
                          limit=limit or None)
    if as_json:
        for line in found.cases:
            emit_json(line.model_dump())
    elif not found.cases:
        err.print(no_cases_line(found), markup=False, highlight=False)
    else:
        print_cases(out, found.cases)


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="An entity (name, alias or key) or a case id (case-…).")],
    limit: LimitOption = 100,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Everything about an entity or a case in date order: transfers, diplomatic
    actions, listings and documents, each with its source."""
    from ..query.timeline_page import timeline_page
    from .render.cases import print_timeline

    with open_reader(db, linked=True) as reader:
        found = timeline_page(reader, _case_id(name) or name, limit=limit or None)
    if as_json:
        emit_json(found.model_dump(mode="json"))
    else:
        print_timeline(out, found)


def _case_id(name: str) -> str | None:
    """``name`` as a case id (ids are lower case: "Case-97ECD…" is one too), or None."""
    cleaned = name.strip().lower()
    return cleaned if cleaned.startswith("case-") else None
