"""``review``: the analyst's decisions on events -- accept, reject, correct, list, undo.

Decisions are data: stored apart from what extraction writes, applied again
after re-ingest and re-extraction, and undone by id.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Callable

import typer

from ..terminal import Text
from .app import app
from .options import DbOption, JsonOption, UserOption, open_reader
from .output import emit_json, out

if TYPE_CHECKING:
    from ..query.context import Reader

review_app = typer.Typer(help="Accept, reject or correct extracted events; list and undo those decisions.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

EventArgument = Annotated[str, typer.Argument(metavar="EVENT", help="An event id as 'events' shows it (ev-…).")]


def _run(db: str | None, user: str, as_json: bool, decide: Callable[[Any, Reader], dict[str, Any]]) -> None:
    """Store a decision through ``actions`` and show it with the cases it rebuilt."""
    from .. import actions  # here, not at the top: it loads the query layer, which --help needs not

    with open_reader(db, user=user) as reader:
        result = decide(actions, reader)
    if as_json:
        emit_json(result)
        return
    decision, counts = result["decision"], result["cases"]
    what = decision["action"] + (f" {decision['role']}" if decision.get("role") else "")
    out.print(Text(f"decision {decision['id']}: {what} {decision['event_id']}"
                   + (" undone" if decision.get("undone") else "")))
    out.print(Text(f"cases rebuilt: {counts.get('cases', 0)} cases from {counts.get('transfers', 0)} transfers"))


@review_app.command("accept")
def accept(
    event: EventArgument, user: UserOption = "analyst", db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Confirm an event: marked accepted, it ranks and filters as confidence 1.0 (its model confidence is kept)."""
    _run(db, user, as_json, lambda actions, reader: actions.review_accept(reader, event))


@review_app.command("reject")
def reject(
    event: EventArgument, user: UserOption = "analyst", db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Reject an event: it leaves events, cases, timelines, the graph and exports (undo brings it back)."""
    _run(db, user, as_json, lambda actions, reader: actions.review_reject(reader, event))


@review_app.command("correct")
def correct(
    event: EventArgument,
    role: Annotated[str, typer.Option("--role", help="supplier, recipient, end_user, items, quantity, origin, via, "
                                      "destination, carrier or status (transfers); actor, counterpart or kind "
                                      "(diplomatic actions).", show_default=False)] = ...,  # type: ignore[assignment]
    values: Annotated[list[str], typer.Option("--value", help="The right value; repeat for several; '' empties "
                                              "the role.", show_default=False)] = ...,  # type: ignore[assignment]
    user: UserOption = "analyst",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct one role of an event; the extracted value is kept beside the corrected one."""
    _run(db, user, as_json, lambda actions, reader: actions.review_correct(reader, event, role, values))


@review_app.command("undo")
def undo(
    decision: Annotated[int, typer.Argument(metavar="DECISION_ID", help="A decision id as 'review list' shows it.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Drop a decision and its effect (the event is as extracted again, or as its other decisions say)."""
    _run(db, "analyst", as_json, lambda actions, reader: actions.review_undo(reader, decision))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(" ".join(str(v.get("text", "")).split()) for v in value) or "(none)"
    return str(value)


@review_app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The decisions stored, oldest first: id, who, when, what, on which event."""
    from ..citations import paragraph_citation
    from ..query.decisions_page import decisions
    from .render.entities import table

    with open_reader(db) as reader:
        found = decisions(reader).reviews
    if as_json:
        for d in found:
            emit_json(_review_json(d))
    elif not found:
        out.print("no review decisions stored")
    else:
        table(out, "review decisions", ("id", "event", "decision", "was", "user", "when", "where"), [
            (str(d.id), d.event, d.action + (f" {d.role}: {_shown(d.value)}" if d.role else ""),
             _shown(d.original), d.user, d.created_at,
             f"{d.source.document} {paragraph_citation(d.source.paragraph_number, d.source.paragraph)}"
             + ("" if d.matched else " (event not in the store now)"))
            for d in found])


def _review_json(d) -> dict[str, Any]:
    """A review decision as ``review list --json`` has always given it (flat: the source's fields beside)."""
    return {"id": d.id, "event": d.event, "action": d.action, "role": d.role, "value": d.value,
            "original": d.original, "user": d.user, "created_at": d.created_at, "matched": d.matched,
            "document": d.source.document, "paragraph": d.source.paragraph,
            "paragraph_number": d.source.paragraph_number, "start": d.start, "end": d.end, "type": d.type,
            "evidence": d.source.evidence}
