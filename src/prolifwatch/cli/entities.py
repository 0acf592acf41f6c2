"""Entity commands: ``entity`` (profile), ``entities`` (list), and the analyst's ``merge``,
``split``, ``judge``, ``judgements`` (list) and ``forget`` (undo).

Decisions are stored as judgements between mention keys; they survive
re-ingest and ``prolifwatch resolve``, which honours them every time.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Callable, Optional

import typer

from ..terminal import Text
from .app import app
from .options import DbOption, JsonOption, UserOption, open_reader
from .output import emit_json, out
from .render.entities import print_entity_lines, print_profile, table

if TYPE_CHECKING:
    from ..query.context import Reader


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name, alias, id (entity:limmt) or mention key (org:dio).")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Documents, events and counterparts to show.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Everything about one entity: aliases, type, attributes, member keys, documents
    (most recent first), events, counterparts and listings."""
    from ..query.entity_page import entity_page

    with open_reader(db, linked=True) as reader:
        profile = entity_page(reader, name, limit=limit)
    if as_json:
        emit_json(profile.model_dump(mode="json"))
    else:
        print_profile(out, profile)


@app.command()
def entities(
    type: Annotated[Optional[str], typer.Option("--type", help="Country, Organization, Person, Vessel, Item ...")] = None,
    limit: Annotated[int, typer.Option(help="Number of entities to show (1 to 500).", min=1, max=500)] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Entities mentioned in the stored documents, by number of documents (resolved
    entities once 'prolifwatch resolve' has run: KEY is then the entity id)."""
    from ..query.entity_page import entity_list

    with open_reader(db, linked=True) as reader:
        found = entity_list(reader, type=type, per_page=limit)
    if as_json:
        for line in found.entities:
            emit_json(line.model_dump(mode="json"))
    else:
        print_entity_lines(out, found.entities)


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="An entity (name, id) or mention key.")],
    b: Annotated[str, typer.Argument(help="Another entity or mention key: the same actor as A.")],
    user: UserOption = "analyst",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that A and B are the same actor, and rebuild entities and cases."""
    _decide(db, user, as_json, lambda actions, reader: actions.merge(reader, a, b))


@app.command()
def split(
    name: Annotated[str, typer.Argument(metavar="ENTITY", help="The entity to split (name, id or member key).")],
    keys: Annotated[list[str], typer.Argument(metavar="KEY...", help="Member keys that leave it (together).")],
    user: UserOption = "analyst",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Take member keys out of an entity: they become an entity of their own, and stay apart
    from it on every rebuild."""
    _decide(db, user, as_json, lambda actions, reader: actions.split(reader, name, keys))


@app.command()
def judge(
    a: Annotated[str, typer.Argument(help="An entity (name, id) or mention key.")],
    b: Annotated[str, typer.Argument(help="Another entity or mention key.")],
    same: Annotated[
        bool, typer.Option("--same/--different", help="Whether A and B are the same actor.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    user: UserOption = "analyst",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record whether A and B are the same actor (--same) or not (--different), and rebuild entities and cases."""
    _decide(db, user, as_json, lambda actions, reader: actions.judge(reader, a, b, same=same))


@app.command()
def judgements(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The analyst's merge, split and judge decisions, oldest first (undo one with 'forget')."""
    from ..query.decisions_page import decisions

    with open_reader(db) as reader:
        found = decisions(reader).judgements
    if as_json:
        for j in found:
            emit_json({"left_key": j.left.key, "right_key": j.right.key, "judgement": j.judgement, "user": j.user,
                       "created_at": j.created_at})
        return
    if not found:
        out.print("no judgements stored")
        return
    table(out, "judgements", ("left key", "right key", "judgement", "user", "when"),
          [(j.left.key, j.right.key, j.judgement, j.user, j.created_at) for j in found])


@app.command()
def forget(
    a: Annotated[str, typer.Argument(help="One key of a stored judgement (as 'judgements' lists it).")],
    b: Annotated[str, typer.Argument(help="The other key.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Drop a stored judgement between two keys, and rebuild entities and cases."""
    from .. import actions

    with open_reader(db) as reader:
        result = actions.forget(reader, a, b)
    if as_json:
        emit_json(result)
        return
    out.print(Text(f"forgotten: {result['forgotten'][0]} / {result['forgotten'][1]}"))
    counts = result["entities"]
    out.print(Text(f"entities rebuilt: {counts['entities']} entities from {counts['keys']} keys"))


def _decide(db: str | None, user: str, as_json: bool, decide: Callable[[Any, Reader], dict[str, Any]]) -> None:
    """Store a decision through ``actions`` and say where each key it names now belongs."""
    from ..query.entities import find_entity

    from .. import actions  # here, not at the top: it loads the query layer, which --help needs not

    with open_reader(db, user=user) as reader:
        result = decide(actions, reader)
        keys = {j[k] for j in result["judgements"] for k in ("left_key", "right_key")}
        result["now"] = {key: (find_entity(reader.store, key) or {}).get("id") for key in sorted(keys)}
    if as_json:
        emit_json(result)
        return
    for j in result["judgements"]:
        verb = "same as" if j["judgement"] == "positive" else "different from"
        out.print(Text(f"stored: {j['left_key']} {verb} {j['right_key']} ({j['user']}, {j['created_at']})"))
    for key, entity_id in result["now"].items():
        out.print(Text(f"  {key} is now in {entity_id}"))
    counts = result["entities"]
    out.print(Text(f"entities rebuilt: {counts['entities']} entities from {counts['keys']} keys"))
