"""Formula injection (issue 19): every CSV the project writes starts a formula-like
text cell with an apostrophe; the JSONL and FtM exports keep the text exact."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.export.cells import InertDictWriter, inert_cell, inert_writer
from prolifwatch.export.ftm import write_ftm
from prolifwatch.export.jsonl import write_jsonl
from prolifwatch.store import open_store
from tests.screen.conftest import FTM_JSON

TITLE = '=HYPERLINK("http://example.invalid","x")'
PUBLISHER = "=cmd|' /C calc'!A0"
PAGE = f"""<html><head><title>{TITLE}</title><meta property="og:site_name" content="{PUBLISHER}"></head>
<body><article><h1>{TITLE}</h1>
<p>The shipment of aluminium tubes from Dalian to Bandar Abbas was reported by officials in 2009, who said
the cargo had been declared as machine parts and was held at the port for inspection by the customs service.</p>
<p>Officials in both capitals declined to comment on the seizure, and the shipping line said it had not known
what the containers held when they were loaded at the port of Dalian earlier in the year.</p>
</article></body></html>
""".replace('"http://example.invalid","x"', '&quot;http://example.invalid&quot;,&quot;x&quot;')


@pytest.mark.parametrize("value, written", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("a=1", "a=1"), (" =1", " =1"), ("", ""), ("'=x", "'=x"),
    (-5, -5), (-0.25, -0.25), (3, 3), (None, None),
])
def test_inert_cell_follows_the_owasp_rule_for_text_and_keeps_our_numbers(value, written):
    assert inert_cell(value) == written


def test_both_writers_apply_it_to_every_cell_and_rows_read_back():
    plain, keyed = io.StringIO(), io.StringIO()
    inert_writer(plain).writerows([["=a", -1, "b"]])
    writer = InertDictWriter(keyed, fieldnames=["x", "y"])
    writer.writeheader()
    writer.writerows([{"x": "@a", "y": 2.5}])
    assert list(csv.reader(io.StringIO(plain.getvalue()))) == [["'=a", "-1", "b"]]
    assert list(csv.DictReader(io.StringIO(keyed.getvalue()))) == [{"x": "'@a", "y": "2.5"}]


@pytest.fixture(scope="module")
def page_store(tmp_path_factory):
    from prolifwatch.pipeline import ingest

    folder = tmp_path_factory.mktemp("formula")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    db = folder / "store.sqlite"
    with open_store(db) as store:
        report = ingest([folder / "page.html"], store, workers=1, extract=False)
    assert report.new == 1, report.to_json()
    return db


def test_export_csv_writes_formula_titles_and_origins_as_text(page_store, tmp_path):
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "out"),
                                      "--db", str(page_store)])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "out" / "documents.csv", encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["title"] == "'" + TITLE
    assert row["origin"] == "'" + PUBLISHER


def test_jsonl_and_ftm_exports_keep_the_text_exact(page_store):
    jsonl, entities, records = io.StringIO(), io.StringIO(), io.StringIO()
    with open_store(page_store) as store:
        write_jsonl(store.db, jsonl)
        write_ftm(store.db, entities, records)
    [document] = [r for r in map(json.loads, jsonl.getvalue().splitlines()) if r["kind"] == "document"]
    assert document["title"] == TITLE and document["origin"] == PUBLISHER
    [article] = [e for e in map(json.loads, entities.getvalue().splitlines()) if e["schema"] == "Article"]
    assert article["properties"]["title"] == [TITLE]
    assert article["properties"]["publisher"] == [PUBLISHER]


def test_screen_file_csv_writes_a_formula_party_name_as_text(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "lists.sqlite")
    assert runner.invoke(app, ["lists", "load", str(FTM_JSON), "--format", "ftm", "--db", db]).exit_code == 0
    parties = tmp_path / "parties.csv"
    parties.write_text(f'name,type,country,identifier\n"{TITLE.replace(chr(34), chr(34) * 2)}",company,,\n'
                       "-Tiz Pars,company,IR,\n", encoding="utf-8")
    result = runner.invoke(app, ["screen", "--file", str(parties), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["name"] for r in rows] == ["'" + TITLE, "'-Tiz Pars"]
    assert [r["line"] for r in rows] == ["2", "3"]
