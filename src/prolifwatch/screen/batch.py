"""Batch screening: a CSV of parties in, one result per party out (CSV or JSON lines).

Input columns: name, type, country, identifier, and optionally goods (a goods
description classified against the control lists).  Only ``name`` is
required.  A bad row is an error naming the file and line, raised before any
screening, so a half-screened file is never mistaken for a whole one.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..export.cells import InertDictWriter
from .query import Query, make_query

if TYPE_CHECKING:  # the matcher's import costs seconds (nomenklatura, scikit-learn): not for reading a CSV
    from .goods import GoodsClassifier
    from .score import Screener

COLUMNS = ("name", "type", "country", "identifier", "goods")
CSV_OUTPUT = ("line", "name", "type", "country", "identifier", "hit", "list", "entry_id", "listed_name", "score",
              "programmes", "listed_on", "status", "reasons", "goods_items")


class BatchError(ValueError):
    pass


@dataclass(frozen=True)
class Party:
    line: int
    query: Query
    row: dict[str, str]


def read_parties(path: Path, as_of: dt.date | None = None) -> list[Party]:
    parties = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader, [])]
        if "name" not in header:
            raise BatchError(f"{path}: line 1: the header needs a 'name' column (columns: {', '.join(COLUMNS)})")
        try:
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) < len(header):
                    raise BatchError(f"{path}: line {reader.line_num}: expected {len(header)} columns, found "
                                     f"{len(row)} (truncated row?)")
                values = {column: cell.strip() for column, cell in zip(header, row)}
                if not values["name"]:
                    raise BatchError(f"{path}: line {reader.line_num}: empty name")
                try:
                    query = make_query(values["name"], values.get("type") or None, values.get("country") or None,
                                       values.get("identifier") or None, as_of)
                except ValueError as exc:
                    raise BatchError(f"{path}: line {reader.line_num}: {exc}") from exc
                parties.append(Party(reader.line_num, query, values))
        except csv.Error as exc:
            raise BatchError(f"{path}: line {reader.line_num}: {exc}") from exc
    return parties


def screen_party(screener: Screener, goods: GoodsClassifier | None, party: Party, *, limit: int = 3) -> dict[str, Any]:
    hits = screener.screen(party.query, limit=limit)
    description = party.row.get("goods", "")
    items = goods.classify(description) if goods and description else []
    return {"line": party.line, **party.row, "hits": [h.to_json() for h in hits],
            "goods_items": [i.to_json() for i in items]}


def write_jsonl(result: dict[str, Any], out: IO[str]) -> None:
    out.write(json.dumps(result, ensure_ascii=False) + "\n")


def csv_rows(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The best hit on the party's row ("hit" = yes/no), so a spreadsheet reads one party a line."""
    best = result["hits"][0] if result["hits"] else None
    row = {k: result.get(k, "") for k in ("line", "name", "type", "country", "identifier")}
    row["goods_items"] = "; ".join(f"{i['item']} ({i['confidence']})" for i in result["goods_items"])
    row["hit"] = "yes" if best else "no"
    if best:
        row.update(list=best["list"], entry_id=best["entry_id"], listed_name=best["name"], score=best["score"],
                   programmes="; ".join(best["programmes"]), listed_on=best["listed_on"] or "",
                   status=best["status"] or "",
                   reasons="; ".join(f"{f['name']} {f['score']}" for f in best["explanation"]))
    yield row


def csv_writer(out: IO[str]) -> csv.DictWriter:
    """The CSV of results: a party's name or a listed name is never a live formula (export/cells.py)."""
    writer = InertDictWriter(out, fieldnames=CSV_OUTPUT, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    return writer
