"""Exports carry each document's date precision and source (the store of ``date_store.py``)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from prolifwatch.export.csv import write_csv
from prolifwatch.export.ftm import write_ftm
from prolifwatch.export.ftm_ids import document_id
from tests.query.date_store import build


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build(tmp_path_factory.mktemp("export-dates") / "dates.sqlite")
    yield s
    s.close()


def test_documents_csv_has_the_precision_and_source_of_each_date(store, tmp_path):
    write_csv(store.db, tmp_path / "csv")
    with open(tmp_path / "csv" / "documents.csv", encoding="utf-8", newline="") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    columns = ("date", "created_precision", "created_source")
    assert tuple(rows["08BRASILIA1477"][c] for c in columns) == ("2008", "year", "id-year")
    assert tuple(rows["08REYKJAVIK152"][c] for c in columns) == ("2008-01-01", "year", "id-year")
    assert tuple(rows["08BEIJING3039"][c] for c in columns) == ("2008-08-06", "day", "declassify-estimate")
    assert tuple(rows["08MADRID308"][c] for c in columns) == ("", "", "")
    assert rows["08BEIJING2322"]["date"].startswith("2008-06-13") and rows["08BEIJING2322"]["created_precision"] == "day"


def test_ftm_gives_a_year_precision_date_as_its_year(store):
    entities = io.StringIO()
    write_ftm(store.db, entities, None)
    by_id = {e["id"]: e for e in map(json.loads, entities.getvalue().splitlines())}
    # FtM dates may be partial: "2008", not the first day the store writes it as
    assert by_id[document_id("08REYKJAVIK152")]["properties"]["date"] == ["2008"]
    assert by_id[document_id("08BRASILIA1477")]["properties"]["date"] == ["2008"]
    assert by_id[document_id("08BEIJING3039")]["properties"]["date"] == ["2008-08-06"]
    assert "date" not in by_id[document_id("08MADRID308")]["properties"]
