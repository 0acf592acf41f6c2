"""``review``: the analyst's decisions on events -- accept, reject, correct, list, undo.

Decisions are data: stored apart from what extraction writes, applied again
after re-ingest and re-extraction, and undone by id.
"""
from __future__ import annotations

from typing import Annotated, Any, NoReturn

import typer

from .cli import DbOption, JsonOption, _emit_json, _open_store, app, err, out
from .cli_entity import UserOption
from .terminal import Text

review_app = typer.Typer(help="Accept, reject or correct extracted events; list and undo those decisions.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

EventArgument = Annotated[str, typer.Argument(metavar="EVENT", help="An event id as 'events' shows it (ev-…).")]


def _fail(message: str, code: int) -> NoReturn:
    err.print(Text(f"error: {message}", style="red"))
    raise typer.Exit(code)


def _run(db: str | None, as_json: bool, action) -> None:
    from .event_decisions import ReviewError

    with _open_store(db) as store:
        try:
            result = action(store)
        except ReviewError as exc:
            _fail(str(exc), exc.code)
    if as_json:
        _emit_json(result)
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
    from .event_decisions import accept as store_accept

    _run(db, as_json, lambda store: store_accept(store, event, user=user))


@review_app.command("reject")
def reject(
    event: EventArgument, user: UserOption = "analyst", db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Reject an event: it leaves events, cases, timelines, the graph and exports (undo brings it back)."""
    from .event_decisions import reject as store_reject

    _run(db, as_json, lambda store: store_reject(store, event, user=user))


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
    from .event_decisions import correct as store_correct

    _run(db, as_json, lambda store: store_correct(store, event, role, values, user=user))


@review_app.command("undo")
def undo(
    decision: Annotated[int, typer.Argument(metavar="DECISION_ID", help="A decision id as 'review list' shows it.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Drop a decision and its effect (the event is as extracted again, or as its other decisions say)."""
    from .event_decisions import undo as store_undo

    _run(db, as_json, lambda store: store_undo(store, decision))


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(" ".join(str(v.get("text", "")).split()) for v in value) or "(none)"
    return str(value)


@review_app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The decisions stored, oldest first: id, who, when, what, on which event."""
    from .citations import paragraph_citation
    from .cli_entity import _table
    from .query.reviews import list_decisions

    with _open_store(db) as store:
        found = list_decisions(store)
    if as_json:
        for row in found:
            _emit_json(row)
    elif not found:
        out.print("no review decisions stored")
    else:
        _table(out, "review decisions", ("id", "event", "decision", "was", "user", "when", "where"), [
            (str(d["id"]), d["event"], d["action"] + (f" {d['role']}: {_shown(d['value'])}" if d["role"] else ""),
             _shown(d["original"]), d["user"], d["created_at"],
             f"{d['document']} {paragraph_citation(d['paragraph_number'], d['paragraph'])}"
             + ("" if d["matched"] else " (event not in the store now)"))
            for d in found])
