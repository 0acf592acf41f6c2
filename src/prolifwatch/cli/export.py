"""``prolifwatch graph`` (an entity's neighbourhood as JSON, GraphML or GEXF) and
``prolifwatch export`` (the whole store as FollowTheMoney, JSONL, CSV or GraphML)."""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional, TextIO

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import BadParameter
from .app import app
from .options import DbOption, open_reader, open_store
from .output import err


class GraphFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


class ExportFormat(str, Enum):
    ftm = "ftm"
    jsonl = "jsonl"
    csv = "csv"
    graphml = "graphml"


OutOption = Annotated[
    Optional[Path], typer.Option("--out", "-o", help="Write here instead of stdout.", show_default=False)
]


@contextmanager
def _text_out(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            yield fh


@app.command()
def graph(
    entity: Annotated[str, typer.Argument(help="Entity id, mention key, name or alias, e.g. LIMMT or country:IR.")],
    depth: Annotated[int, typer.Option(help="Steps from the entity (1 to 3).", min=1, max=3)] = 1,
    limit: Annotated[
        int, typer.Option(help="At most this many new neighbours per node (1 to 200); what is cut is reported.",
                          min=1, max=200)  # query.graph_page.MAX_LIMIT, as the graph page allows
    ] = 25,
    format: Annotated[GraphFormat, typer.Option("--format", "-f", help="json, graphml (yEd, Neo4j) or gexf (Gephi).")]
    = GraphFormat.json,
    out_path: OutOption = None,
    db: DbOption = None,
) -> None:
    """The neighbourhood of an entity: documents that mention it, parties it
    supplies, ships via or acts on, cases it is in, and so on to --depth steps."""
    from ..query.graph_page import graph as neighbourhood

    with open_reader(db, linked=True) as reader:
        found = neighbourhood(reader, entity, depth=depth, limit=limit)
    # what the graph reader found, as it found it (fields it did not set are left out, not null)
    graph_ = found.model_dump(mode="json", exclude_unset=True)
    if format is GraphFormat.gexf:
        from ..export.gexf import write_gexf

        if out_path is None:
            counts = write_gexf(graph_, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with open(out_path, "wb") as fh:
                counts = write_gexf(graph_, fh)
    else:
        with _text_out(out_path) as fh:
            if format is GraphFormat.graphml:
                from ..export.graphml import write_graphml

                counts = write_graphml(graph_, fh)
            else:
                fh.write(json.dumps(graph_, ensure_ascii=False) + "\n")
                counts = {"nodes": len(found.nodes), "edges": len(found.edges)}
    cut = sum(t.omitted for t in found.truncated.values())
    err.print(f"{counts['nodes']} nodes · {counts['edges']} edges · {cut} neighbours left out "
              f"around {len(found.truncated)} nodes", highlight=False)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="ftm, jsonl, csv or graphml.")],
    out_path: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", show_default=False,
                     help="ftm: a folder for entities.ftm.json + records.jsonl (stdout: the entities only). "
                          "csv: a folder, or a file ending in .zip (required). jsonl, graphml: a file."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export the whole store as FollowTheMoney, JSONL, CSV or GraphML.

    FollowTheMoney entities validate against the model and load into Aleph and the
    OpenSanctions tools; the full event and case records FtM has no schema for go to
    records.jsonl beside them.  A summary line (JSON) goes to stderr at the end."""
    if format is ExportFormat.csv and out_path is None:
        raise BadParameter("--out", "csv writes several files: give --out FOLDER or --out FILE.zip")
    started = time.perf_counter()
    with open_store(db, linked=True) as store, _progress(format.value) as tick:
        counts = _run_export(store.db, format, out_path, tick)
    summary = {"format": format.value, "out": str(out_path) if out_path else "-", "counts": counts,
               "seconds": round(time.perf_counter() - started, 2)}
    err.print(json.dumps(summary), highlight=False, markup=False, soft_wrap=True)


def _run_export(db, format: ExportFormat, out_path: Path | None, tick) -> dict[str, Any]:
    if format is ExportFormat.csv:
        from ..export.csv import write_csv

        return write_csv(db, out_path, tick)
    if format is ExportFormat.ftm:
        from ..export.ftm import write_ftm

        if out_path is None:
            err.print("note: event and case records go to records.jsonl only with --out FOLDER", highlight=False)
            counts = write_ftm(db, sys.stdout, None, tick)
            sys.stdout.flush()
            return counts
        out_path.mkdir(parents=True, exist_ok=True)
        with open(out_path / "entities.ftm.json", "w", encoding="utf-8") as entities, \
                open(out_path / "records.jsonl", "w", encoding="utf-8") as records:
            return write_ftm(db, entities, records, tick)
    with _text_out(out_path) as fh:
        if format is ExportFormat.jsonl:
            from ..export.jsonl import write_jsonl

            return write_jsonl(db, fh, tick)
        from ..export.store_graph import write_store_graphml

        return write_store_graphml(db, fh, tick)


@contextmanager
def _progress(label: str):
    """A spinner with a running count on stderr (only on a terminal); yields the tick function."""
    progress = Progress(SpinnerColumn(), TextColumn(f"[bold]export {label}"),
                        TextColumn("{task.completed:,} records"), TimeElapsedColumn(),
                        console=err, disable=not err.is_terminal)
    with progress:
        task = progress.add_task(label, total=None)
        done = [0]

        def tick() -> None:
            done[0] += 1
            if done[0] % 1000 == 0:
                progress.update(task, completed=done[0])

        yield tick
