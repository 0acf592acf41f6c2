"""``eval-events``: the event finders scored on the corpus events gold (issue 17)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import BadParameter
from .app import app
from .options import JsonOption, NerScope, NerScopeOption
from .output import emit_json, out

SPLITS = ("dev", "test", "all")


@app.command("eval-events")
def eval_events(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of events gold files with its split.tsv.")] = Path(
        "tests/data/gold/events"),
    split: Annotated[str, typer.Option(help="dev (tune on it), test (report only) or all.")] = "dev",
    ner_scope: NerScopeOption = NerScope.worth,
    as_json: JsonOption = False,
) -> None:
    """Transfers (recall, precision, arguments by role, date, status), diplomatic actions, false transfers on
    policy-only cables and the confidence reliability table, against gold read by hand."""
    from ..extract import FULL, Extractor
    from ..extract.score_events import score_split

    if split not in SPLITS:
        raise BadParameter("--split", f"--split must be one of {', '.join(SPLITS)}, not {split!r}")
    if not (gold_dir / "split.tsv").is_file():
        raise BadParameter("GOLD_DIR", f"{gold_dir}/split.tsv not found: give the folder of the events gold "
                           "(tests/data/gold/events in a source checkout)")
    try:
        report = score_split(gold_dir, split, Extractor(FULL, ner_scope=ner_scope.value))
    except (OSError, ValueError, KeyError) as exc:
        raise BadParameter("GOLD_DIR", str(exc)) from exc
    data = report.to_json()
    if as_json:
        emit_json(data)
        return
    t = data["transfers"]
    out.print(f"{split}: {data['documents']} cables · transfers precision {t['precision']:.3f} recall "
              f"{t['recall']:.3f} F1 {t['f1']:.3f} (tp {t['tp']}, fp {t['fp']}, fn {t['fn']})", markup=False)
    table = Table(title="transfer arguments", header_style="bold")
    for column in ("role", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role, s in data["arguments"].items():
        table.add_row(role, str(s["tp"]), str(s["fp"]), str(s["fn"]), f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                      f"{s['f1']:.3f}")
    d = data["date"]
    table.add_row("date (matched)", str(d["tp"]), str(d["fp"]), str(d["fn"]), f"{d['precision']:.3f}",
                  f"{d['recall']:.3f}", f"{d['f1']:.3f}")
    out.print(table)
    a = data["actions"]
    out.print(f"status right on {data['status_accuracy']} of {data['status_scored']} matched transfers · "
              f"diplomatic actions precision {a['precision']:.3f} recall {a['recall']:.3f} · "
              f"{data['policy_false_transfers']} false transfers on {data['policy_documents']} policy-only cables",
              markup=False)
    reliability = Table(title="reliability (transfers by confidence)", header_style="bold")
    for column in ("confidence", "events", "real", "share real"):
        reliability.add_column(column, justify="right")
    for band in data["reliability"]:
        share = "" if band["share_real"] is None else f"{band['share_real']:.2f}"
        reliability.add_row(band["confidence"], str(band["events"]), str(band["real"]), share)
    out.print(reliability)
