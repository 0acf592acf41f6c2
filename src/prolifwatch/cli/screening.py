"""Screening commands: ``lists`` (and ``lists load``), ``screen``, ``classify-goods`` and ``xref``."""
from __future__ import annotations

import datetime as dt
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BadParameter
from .app import app
from .options import DbOption, JsonOption, open_reader, open_store
from .output import emit_json, err, out

lists_app = typer.Typer(help="Sanctions lists loaded for screening.", invoke_without_command=True)
app.add_typer(lists_app, name="lists")

ThresholdOption = Annotated[
    Optional[float], typer.Option("--threshold", help="Lowest score reported as a hit (default 0.7).")]
AsOfOption = Annotated[
    Optional[str], typer.Option("--as-of", help="Say whether each hit was listed on this date (YYYY-MM-DD).")]


def _fail(message: str, code: int = 2) -> NoReturn:
    """Refuse what the user gave (a date, a file, a party, lists not loaded yet): exit 2, said by cli/failures.py."""
    # A message about an option starts with it ("--as-of 'x' is not a date"): that is the parameter named.
    raise BadParameter(message.split(" ", 1)[0] if message.startswith("--") else "screening", message)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        _fail(f"--as-of {value!r} is not a date (YYYY-MM-DD)")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def _screener(store, threshold: float | None):
    from ..errors import Unavailable
    from ..query.context import Reader
    from ..query.screen_parties import build

    try:
        return build(Reader(store), threshold)
    except Unavailable as exc:
        _fail(exc.message)


@lists_app.callback()
def lists(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """What is loaded: each list, its number of entries and the date it is as of."""
    if ctx.invoked_subcommand:
        return
    from ..query.screen_parties import loaded
    from .render.screening import print_lists

    with open_reader(db) as reader:
        found = loaded(reader).lists
    if as_json:
        for item in found:
            emit_json(item.model_dump())
    else:
        print_lists(out, found)


@lists_app.command("load")
def lists_load(
    file: Annotated[Path, typer.Argument(help="The list file as published (XML, CSV or JSON lines).")],
    format: Annotated[Optional[str], typer.Option("--format", help="un, ofac (SDN.XML or SDN.CSV) or ftm "
                                                  "(OpenSanctions); default: told by the file's content.")] = None,
    name: Annotated[Optional[str], typer.Option(help="Name to keep it under (default: the format).")] = None,
    aliases: Annotated[Optional[Path], typer.Option(help="OFAC CSV only: the ALT.CSV file.")] = None,
    addresses: Annotated[Optional[Path], typer.Option(help="OFAC CSV only: the ADD.CSV file.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Load a sanctions list from a file, replacing the list of the same name."""
    from .. import actions

    with open_reader(db, create=True) as reader:
        summary = actions.load_list(reader, file, format, name=name, aliases=aliases, addresses=addresses)
    if as_json:
        emit_json(summary)
    else:
        out.print(f"loaded {summary['entries']} entries into list '{summary['name']}' "
                  f"(as of {summary['as_of'] or 'date not stated'})", markup=False)


@app.command()
def screen(
    name: Annotated[Optional[str], typer.Argument(help="The party's name.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="company, person or vessel.")] = None,
    country: Annotated[Optional[str], typer.Option(help="Country code or name (a vessel's flag).")] = None,
    identifier: Annotated[Optional[str], typer.Option("--id", help="IMO, MMSI or registration number.")] = None,
    as_of: AsOfOption = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="CSV of parties: name, type, country, identifier"
                                                 " [, goods].")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="With --file: write here (default "
                                                   "stdout).")] = None,
    output_format: Annotated[str, typer.Option("--output-format", help="With --file: csv or jsonl.")] = "csv",
    threshold: ThresholdOption = None,
    limit: Annotated[int, typer.Option(help="Hits to show per party.")] = 5,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Screen a party (or a CSV of parties) against the loaded sanctions lists."""
    day = _date(as_of)
    if file is not None:
        return _screen_file(file, output, output_format, day, threshold, db)
    if not name:
        _fail("give a NAME to screen, or --file parties.csv")
    hits, country_code = _screen_one(name, type, country, identifier, day, threshold, limit, db)
    if as_json:
        emit_json({"query": name, "type": type, "country": country_code, "as_of": as_of, "hits": hits})
    else:
        from .render.screening import print_hits

        print_hits(out, name, hits, as_of=as_of)


def _screen_one(name: str, type: str | None, country: str | None, identifier: str | None, day, threshold,
                limit: int, db) -> tuple[list[dict], str | None]:
    """Hits for one party, and its country code: from the store's warm screener when one runs
    (screen/server.py), else screened here, and a warm screener started for the next call.  Asking the
    server imports no matcher; it checks the party's type, country and identifier itself."""
    from ..screen import server
    from ..screen.rules import screening_signature
    from ..store.listings import lists_signature

    with open_store(db) as store:
        location = str(store.path)
        request = {"signature": screening_signature(lists_signature(store.db)), "name": name, "type": type,
                   "country": country, "identifier": identifier, "as_of": day.isoformat() if day else None,
                   "threshold": threshold, "limit": limit}
        reply = server.ask(location, request)
        if reply is not None and "invalid" in reply:
            _fail(reply["invalid"])
        if reply is not None and "hits" in reply:
            return reply["hits"], reply.get("country")
        from ..errors import ProlifwatchError
        from ..query.context import Reader
        from ..query.screen_parties import screen_one

        try:
            result = screen_one(Reader(store), name, type, country, identifier, day, threshold, limit=limit)
        except ProlifwatchError as exc:
            _fail(exc.message)
    if reply is not None:  # a server built for other lists or rules: replace it
        server.stop(location)
    server.start(location)
    return [h.model_dump(by_alias=True) for h in result.hits], result.country


def _screen_file(path: Path, output: Path | None, output_format: str, day, threshold, db) -> None:
    from ..errors import ProlifwatchError
    from ..query.context import Reader
    from ..query.screen_parties import read_batch, screen_batch
    from ..screen.batch import csv_rows, csv_writer, write_jsonl

    if output_format not in ("csv", "jsonl"):
        _fail("--output-format must be csv or jsonl")
    try:
        parties = read_batch(path, day)
    except ProlifwatchError as exc:
        _fail(exc.message.removeprefix("file: "))
    with open_store(db) as store:
        try:  # the screener is built here, before the output file is made
            results = screen_batch(Reader(store), parties, threshold)
        except ProlifwatchError as exc:
            _fail(exc.message)
    with (open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)) as sink:
        writer = csv_writer(sink) if output_format == "csv" else None
        with _progress() as progress:
            task = progress.add_task("screening", total=len(parties))
            for result in results:
                if writer:
                    writer.writerows(csv_rows(result.record()))
                else:
                    write_jsonl(result.record(), sink)
                progress.advance(task)
    err.print(f"screened {len(parties)} parties", highlight=False)


@app.command("classify-goods")
def classify_goods(
    description: Annotated[str, typer.Argument(help='A goods description, e.g. "cold flow forming machine".')],
    as_json: JsonOption = False,
) -> None:
    """Control-list items (MTCR, NSG, Wassenaar, Australia Group, CWC) a goods description points to."""
    from ..query.screen_parties import classify_goods as classify
    from .render.screening import print_goods

    matches = [m.model_dump() for m in classify(description).items]
    if as_json:
        emit_json({"description": description, "items": matches})
    else:
        print_goods(out, description, matches)


xref_app = typer.Typer(help="Stored entities screened against the loaded lists, and the analyst's verdicts on "
                       "the hits.", invoke_without_command=True)
app.add_typer(xref_app, name="xref")
UserOption = Annotated[str, typer.Option("--user", help="Who decided (stored with the verdict).")]
NoteOption = Annotated[Optional[str], typer.Option("--note", help="Why (stored with the verdict).")]


@xref_app.callback()
def xref(
    ctx: typer.Context,
    restart: Annotated[bool, typer.Option("--restart", help="Screen every entity again, not only new ones.")] = False,
    show: Annotated[bool, typer.Option("--show", help="Only show the stored hits, with their evidence.")] = False,
    threshold: ThresholdOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Screen every stored entity against the loaded lists and keep the hits for the entity profiles.
    Interrupt it at will: the next run resumes where it stopped.  `xref confirm|dismiss ENTITY LISTING`
    records a verdict on a hit."""
    if ctx.invoked_subcommand:
        return
    from ..query.screening import xref as run_xref

    if show:
        _show_hits(db, as_json)
        return
    with open_store(db, linked=True) as store:
        screener = _screener(store, threshold)
        with _progress() as progress:
            task = progress.add_task("screening entities", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            try:
                figures = run_xref(store, screener, on_progress=advance, restart=restart)
            except KeyboardInterrupt:
                err.print("interrupted: the entities screened so far are saved; run xref again to resume")
                raise typer.Exit(130)
    if as_json:
        emit_json(figures)
    else:
        out.print(f"{figures['screened']} entities screened ({figures['skipped']} already done), "
                  f"{figures['with_hits']} with hits", markup=False)


def _show_hits(db: str | None, as_json: bool) -> None:
    """``xref --show``: every stored hit, best first, read as the xref page reads them."""
    from ..query.xref_page import xref_hits
    from .render.screening import print_xref_hits, xref_hit_json

    with open_reader(db, linked=True) as reader:
        hits = xref_hits(reader, limit=None).hits
    if as_json:
        for hit in hits:
            emit_json(xref_hit_json(hit))
    else:
        print_xref_hits(out, hits)


def _decide(entity: str, listing: str, verdict: str, user: str, note: str | None, db, as_json: bool) -> None:
    from .. import actions

    with open_reader(db, user=user) as reader:
        decided = actions.xref_decide(reader, entity, listing, verdict, note)
    if as_json:
        emit_json(decided)
    else:
        out.print(f"{verdict}: {decided['entity_type']}:{decided['entity_key']} -> "
                  f"{decided['list']}:{decided['entry_id']}", markup=False)


EntityArgument = Annotated[str, typer.Argument(help="The entity as xref --show names it (name or key).")]
ListingArgument = Annotated[str, typer.Argument(help="The listing: LIST:ENTRY_ID, the entry id, or the listed name.")]


@xref_app.command("confirm")
def xref_confirm(entity: EntityArgument, listing: ListingArgument, user: UserOption = "analyst",
                 note: NoteOption = None, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Confirm a hit: the entity is the listed party.  Kept across re-ingest, linking and xref."""
    _decide(entity, listing, "confirmed", user, note, db, as_json)


@xref_app.command("dismiss")
def xref_dismiss(entity: EntityArgument, listing: ListingArgument, user: UserOption = "analyst",
                 note: NoteOption = None, db: DbOption = None, as_json: JsonOption = False) -> None:
    """Dismiss a hit: the entity is not the listed party.  It leaves xref and the entity's profile for good."""
    _decide(entity, listing, "dismissed", user, note, db, as_json)
