"""Entity commands: ``entity`` (profile), and the analyst's ``merge``, ``split``, ``judge``,
``judgements`` (list) and ``forget`` (undo).

Decisions are stored as judgements between mention keys; they survive
re-ingest and ``prolifwatch resolve``, which honours them every time.
"""
from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from .citations import paragraph_citation
from .cli import DbOption, JsonOption, _emit_json, _open_store, app, err, not_found, out
from .terminal import Text

UserOption = Annotated[str, typer.Option("--user", help="Who decided (stored with the judgement).")]


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity name, alias, id (entity:limmt) or mention key (org:dio).")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Documents, events and counterparts to show.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Everything about one entity: aliases, type, attributes, member keys, documents
    (most recent first), events, counterparts and listings."""
    from .query.entities import entity_profile

    from .query.lookup import linking_missing, nearest_entities

    with _open_store(db, linked=True) as store:
        profile = entity_profile(store, name, limit=limit)
        if profile is None:
            not_found("entity", name, nearest_entities(store, name), linking_missing=linking_missing(store))
    if as_json:
        _emit_json(profile)
    else:
        print_profile(out, profile)


@app.command()
def merge(
    a: Annotated[str, typer.Argument(help="An entity (name, id) or mention key.")],
    b: Annotated[str, typer.Argument(help="Another entity or mention key: the same actor as A.")],
    user: UserOption = "analyst",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that A and B are the same actor, and rebuild entities and cases."""
    from .decisions import merge_entities

    _decide(db, as_json, lambda store: merge_entities(store, a, b, user=user))


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
    from .decisions import split_entity

    _decide(db, as_json, lambda store: split_entity(store, name, keys, user=user))


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
    from .decisions import judge as store_judgement

    _decide(db, as_json, lambda store: store_judgement(store, a, b, same, user=user))


@app.command()
def judgements(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The analyst's merge, split and judge decisions, oldest first (undo one with 'forget')."""
    from .query.entities import list_judgements

    with _open_store(db) as store:
        found = list_judgements(store)
    if as_json:
        for row in found:
            _emit_json(row)
        return
    if not found:
        out.print("no judgements stored")
        return
    _table(out, "judgements", ("left key", "right key", "judgement", "user", "when"),
           [(j["left_key"], j["right_key"], j["judgement"], j["user"], j["created_at"]) for j in found])


@app.command()
def forget(
    a: Annotated[str, typer.Argument(help="One key of a stored judgement (as 'judgements' lists it).")],
    b: Annotated[str, typer.Argument(help="The other key.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Drop a stored judgement between two keys, and rebuild entities and cases."""
    from .decisions import JudgementError
    from .decisions import forget as forget_judgement

    with _open_store(db) as store:
        try:
            result = forget_judgement(store, a, b)
        except JudgementError as exc:
            err.print(Text(f"error: {exc}"))
            raise typer.Exit(1) from exc
    if as_json:
        _emit_json(result)
        return
    out.print(Text(f"forgotten: {result['forgotten'][0]} / {result['forgotten'][1]}"))
    counts = result["entities"]
    out.print(Text(f"entities rebuilt: {counts['entities']} entities from {counts['keys']} keys"))


def _decide(db: str | None, as_json: bool, action) -> None:
    from .decisions import JudgementError
    from .query.entities import find_entity

    with _open_store(db) as store:
        try:
            result = action(store)
        except JudgementError as exc:
            err.print(Text(f"error: {exc}"))
            raise typer.Exit(1) from exc
        keys = {j[k] for j in result["judgements"] for k in ("left_key", "right_key")}
        result["now"] = {key: (find_entity(store, key) or {}).get("id") for key in sorted(keys)}
    if as_json:
        _emit_json(result)
        return
    for j in result["judgements"]:
        verb = "same as" if j["judgement"] == "positive" else "different from"
        out.print(Text(f"stored: {j['left_key']} {verb} {j['right_key']} ({j['user']}, {j['created_at']})"))
    for key, entity_id in result["now"].items():
        out.print(Text(f"  {key} is now in {entity_id}"))
    counts = result["entities"]
    out.print(Text(f"entities rebuilt: {counts['entities']} entities from {counts['keys']} keys"))


def print_profile(console: Console, p: dict[str, Any]) -> None:
    console.print(Text.assemble((p["name"], "bold"), f"  {p['type']}  {p['id']}"))
    console.print(Text(f"{p['documents']} documents, {p['mentions']} mentions"))
    if len(p["aliases"]) > 1:
        console.print(Text("aliases: " + "; ".join(p["aliases"][1:])))
    for key, value in p["attributes"].items():
        console.print(Text(f"{key}: {value}"))
    _table(console, "member keys", ("key", "reason", "score", "mentions"),
           [(m["key"], m["reason"], f"{m['score']:.2f}", str(m["mentions"])) for m in p["members"]])
    _table(console, "documents (most recent first)", ("id", "date", "title", "mentions"),
           [(d["id"], d["date"] or "", d["title"] or "", str(d["mentions"])) for d in p["document_list"]])
    _table(console, "events", ("date", "type", "status", "role", "document", "evidence"),
           [(e["date"] or "", e["type"], e["status"] or "", ", ".join(e["roles"]),
             f"{e['document']} {paragraph_citation(e['paragraph_number'], e['paragraph'])}", e["evidence"])
            for e in p["events"]])
    _table(console, "counterparts", ("entity", "name", "role", "events"),
           [(c["entity"], c["name"] or "", c["role"], str(c["events"])) for c in p["counterparts"]])
    _table(console, "listings", ("key", "list", "entry", "score"),
           [(h["key"], h["list"], f"{h['entry_id']} {h['entry_name'] or ''}", f"{h['score']:.2f}")
            for h in p["listings"]])


def _table(console: Console, title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    if not rows:
        return
    table = Table(title=title, show_header=True, header_style="bold", title_justify="left")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # Text: document content is never markup
    console.print(table)
