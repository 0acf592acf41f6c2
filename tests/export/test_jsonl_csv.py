"""JSONL and CSV exports of the small store: every kind, every row, the columns analysts read."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter

import pytest

from prolifwatch.export.csv import write_csv
from prolifwatch.export.jsonl import write_jsonl
from prolifwatch.store import open_store
from tests.export.small_store import CABLE_A, LIMMT, MENTIONS, MISSING, SBIG, build_small_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_small_store(tmp_path_factory.mktemp("exports") / "small.sqlite")


def test_jsonl_has_one_line_per_record_with_its_kind(store_path):
    buffer = io.StringIO()
    with open_store(store_path) as store:
        counts = write_jsonl(store.db, buffer)
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    assert Counter(line["kind"] for line in lines) == counts
    # entities: 3 resolved; SBIG, country:US, the item and the vessel by key
    assert counts == {"document": 3, "missing_document": 1, "entity": 7, "mention": len(MENTIONS),
                      "event": 3, "document_link": 3, "case": 1}
    limmt = next(line for line in lines if line["kind"] == "entity" and line["id"] == LIMMT)
    assert limmt["members"] == [LIMMT, "org:limmt-economic"] and limmt["resolved"] is True
    sbig = next(line for line in lines if line["kind"] == "entity" and line["id"] == SBIG)
    assert sbig["resolved"] is False and sbig["mentions"] == 1
    alias_mention = next(line for line in lines if line["kind"] == "mention" and line["key"] == "org:limmt-economic")
    assert alias_mention["entity"] == LIMMT and alias_mention["document"] == CABLE_A
    document = next(line for line in lines if line["kind"] == "document" and line["id"] == CABLE_A)
    assert document["body"] == f"Text of {CABLE_A}." and document["tags"] == ["PARM", "IR", "CH"]
    link = next(line for line in lines if line["kind"] == "document_link" and line["dst"] == MISSING)
    assert link["dst_in_collection"] is False


def _read(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name])))


@pytest.mark.parametrize("target", ["folder", "export.zip"])
def test_csv_writes_one_file_per_kind(store_path, tmp_path, target):
    out = tmp_path / target
    with open_store(store_path) as store:
        counts = write_csv(store.db, out)
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as archive:
            files = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert set(files) == {"documents.csv", "entities.csv", "mentions.csv", "events.csv", "links.csv", "cases.csv"}
    assert counts == {"documents.csv": 3, "entities.csv": 7, "mentions.csv": len(MENTIONS), "events.csv": 3,
                      "links.csv": 3, "cases.csv": 1}
    events = {row["id"]: row for row in _read(files, "events.csv")}
    assert events[f"{CABLE_A}#0"]["supplier"] == f"LIMMT [{LIMMT}]"
    assert events[f"{CABLE_A}#0"]["carrier"] == "Iran Matin [vessel:iran-matin]"
    assert events[f"{CABLE_A}#0"]["evidence"] == "Evidence for event 0."
    assert json.loads(events[f"{CABLE_A}#1"]["record"])["kind"] == "demarche"
    entities = {row["id"]: row for row in _read(files, "entities.csv")}
    assert entities[LIMMT]["aliases"] == "LIMMT | LIMMT Economic and Trade Co."
    sbig_name = entities[SBIG]["name"]
    assert sbig_name == "Shahid Bakeri\nIndustrial Group"   # quoted, the line break kept
