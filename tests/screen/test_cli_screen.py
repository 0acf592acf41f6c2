"""The screening commands end to end: lists, screen (one party and a file), classify-goods, xref."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.screening import build_screener, xref
from prolifwatch.store import open_store
from tests.screen.conftest import FTM_JSON, OFAC_XML, UN_XML


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, runner) -> str:
    path = str(tmp_path_factory.mktemp("screen") / "store.sqlite")
    for file, fmt in ((UN_XML, "un"), (OFAC_XML, "ofac"), (FTM_JSON, "ftm")):
        result = runner.invoke(app, ["lists", "load", str(file), "--format", fmt, "--db", path])
        assert result.exit_code == 0, result.output
    return path


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_lists_shows_what_is_loaded(runner, db):
    result = runner.invoke(app, ["lists", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    found = {item["name"]: item for item in _lines(result.stdout)}
    assert {n: (i["entries"], i["as_of"]) for n, i in found.items()} == {
        "un": (124, "2015-12-31"), "ofac": (27, "2024-03-01"), "ftm": (4, "2024-02-28")}


def test_loading_a_list_again_replaces_it(runner, db):
    result = runner.invoke(app, ["lists", "load", str(FTM_JSON), "--format", "ftm", "--db", db, "--json"])
    assert result.exit_code == 0 and _lines(result.stdout)[0]["entries"] == 4
    with open_store(db) as store:
        assert store.db.execute("SELECT COUNT(*) FROM list_entries").fetchone()[0] == 124 + 27 + 4


def test_malformed_list_is_an_error_naming_file_and_line(runner, db, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<sdnList>\n<sdnEntry>\n</sdnList>\n")
    result = runner.invoke(app, ["lists", "load", str(bad), "--format", "ofac", "--db", db])
    assert result.exit_code == 2
    assert "broken.xml: line 3" in result.stderr


def test_screen_json_with_as_of(runner, db):
    result = runner.invoke(app, ["screen", "IRISL", "--as-of", "2017-01-01", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    hits = {h["list"]: h for h in _lines(result.stdout)[0]["hits"]}
    assert hits["ftm"]["status"] == "delisted" and hits["ftm"]["listed_on"] == "2008-09-10"
    assert hits["ofac"]["status"] == "unknown" and "NPWMD" in hits["ofac"]["programmes"]
    assert any(f["name"] == "name" for f in hits["ofac"]["explanation"])


def test_screen_vessel_by_imo_in_text_output(runner, db):
    result = runner.invoke(app, ["screen", "Renamed Ship", "--type", "vessel", "--id", "IMO 7937317", "--db", db])
    assert result.exit_code == 0, result.output
    assert "CHONG CHON GANG" in result.stdout and "IMO 7937317 matches the listed IMO" in result.stdout


def test_screen_rejects_a_bad_date(runner, db):
    result = runner.invoke(app, ["screen", "IRISL", "--as-of", "2017-13-01", "--db", db])
    assert result.exit_code == 2 and "not a date" in result.stderr


def test_screen_without_lists_says_how_to_load_them(runner, tmp_path):
    empty = tmp_path / "empty.sqlite"
    open_store(empty).close()  # a store, without lists (screen on no store at all says to make one)
    result = runner.invoke(app, ["screen", "IRISL", "--db", str(empty)])
    assert result.exit_code == 2 and "lists load" in result.stderr


def _parties(tmp_path, rows: str):
    path = tmp_path / "parties.csv"
    path.write_text("name,type,country,identifier,goods\n" + rows)
    return path


def test_screen_file_to_csv(runner, db, tmp_path):
    parties = _parties(tmp_path, "Shahid Bagheri Industries Group,company,IR,,cold flow forming machine 3GFF-700\n"
                                 "Great Wall Motor Company,company,CN,,\n"
                                 "Some Ship,vessel,,IMO 9080011,\n")
    result = runner.invoke(app, ["screen", "--file", str(parties), "--db", db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["hit"], r["entry_id"]) for r in rows] == [
        ("Shahid Bagheri Industries Group", "yes", "IRe.003"), ("Great Wall Motor Company", "no", ""),
        ("Some Ship", "yes", "ofac-9580")]
    assert rows[0]["goods_items"].startswith("MTCR 3.B.3")
    assert rows[0]["programmes"] == "Iran" and rows[0]["listed_on"] == "2006-12-23"


def test_screen_file_to_jsonl(runner, db, tmp_path):
    parties = _parties(tmp_path, "Korea Ryonbong General Corp,company,KP,,\n")
    out = tmp_path / "hits.jsonl"
    result = runner.invoke(app, ["screen", "--file", str(parties), "--output-format", "jsonl", "-o", str(out),
                                 "--db", db])
    assert result.exit_code == 0, result.output
    [record] = _lines(out.read_text())
    assert record["line"] == 2 and record["hits"][0]["entry_id"] == "KPe.002"


def test_screen_file_truncated_row_names_the_line(runner, db, tmp_path):
    parties = _parties(tmp_path, "Tiz Pars,company,IR,,\nKOMID,company\n")
    result = runner.invoke(app, ["screen", "--file", str(parties), "--db", db])
    assert result.exit_code == 2
    assert "parties.csv: line 3: expected 5 columns, found 2" in result.stderr


def test_classify_goods_json(runner):
    result = runner.invoke(app, ["classify-goods", "cold flow forming machine 3GFF-700", "--json"])
    assert result.exit_code == 0, result.output
    best = _lines(result.stdout)[0]["items"][0]
    assert best["item"] == "MTCR 3.B.3" and best["confidence"] >= 0.9
    assert "cold flow forming machine" in best["keywords"]


def _store_with_mentions(path: str, lists_from: str):
    store = open_store(path)
    store.db.execute("ATTACH DATABASE ? AS src", (lists_from,))
    store.db.executescript("INSERT INTO lists SELECT * FROM src.lists; INSERT INTO list_entries SELECT * FROM "
                           "src.list_entries;")
    store.db.execute("DETACH DATABASE src")
    store.db.execute("INSERT INTO documents (pk, id, kind, preference, record, body) VALUES (1, 'D1', 'cable', "
                     "'a', '{}', 'text')")
    mentions = [("Organization", "entity:shahid-bakeri-industrial-group", "Shahid Bakeri Industrial Group"),
                ("Organization", "entity:limmt", "LIMMT Economic and Trade Company"),
                ("Vessel", None, "Iran Deyanat"), ("Organization", None, "Harmony Wish Shipping"),
                ("Country", "country:IR", "Iran")]
    store.db.executemany("INSERT INTO mentions (pk, paragraph, start, \"end\", type, key, text, confidence, source)"
                         " VALUES (1, 0, 0, 1, ?, ?, ?, 1.0, 'test')", mentions)
    return store


def test_xref_stores_hits_and_resumes_after_interruption(db, tmp_path):
    store = _store_with_mentions(str(tmp_path / "xref.sqlite"), db)
    screener = build_screener(store)

    def interrupt_after_two(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        xref(store, screener, on_progress=interrupt_after_two)
    # the two screened before the interruption are kept; countries are not parties to screen
    assert xref(store, screener) == {"entities": 4, "skipped": 2, "screened": 2, "with_hits": 2}
    hits = set(store.db.execute("SELECT entity_name, list_name, entry_id FROM screening_hits").fetchall())
    assert ("Shahid Bakeri Industrial Group", "un", "IRe.003") in hits
    assert ("LIMMT Economic and Trade Company", "ofac", "ofac-9561") in hits
    assert ("Iran Deyanat", "ofac", "ofac-9581") in hits
    assert not any(name == "Harmony Wish Shipping" for name, _, _ in hits)
    assert xref(store, screener)["screened"] == 0  # nothing left to do
    store.close()


def test_xref_cli(runner, db, tmp_path):
    path = str(tmp_path / "cli.sqlite")
    _store_with_mentions(path, db).close()
    result = runner.invoke(app, ["xref", "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    assert _lines(result.stdout)[0]["screened"] == 4
    shown = runner.invoke(app, ["xref", "--show", "--db", path, "--json"])
    assert {h["entity_key"] for h in _lines(shown.stdout)} >= {"entity:limmt", "Iran Deyanat"}
