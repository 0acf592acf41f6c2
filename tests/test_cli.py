"""The command line, end to end on the seeds, through Typer's runner."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from tests.conftest import CORPUS, SEED_CABLE_EXPORT, SEED_CABLE_PAGE, SEEDS

CABLE_KEYS = [
    "id", "kind", "subject", "created", "created_precision", "created_source", "released", "origin",
    "classification", "caveats", "warnings", "precedence",
    "dtg", "from", "recipients", "info_recipients", "tags", "references", "other_references",
    "classified_by", "reasons", "declassify_on", "signers", "summary", "paragraphs", "sources",
]
ARTICLE_KEYS = ["id", "kind", "title", "published", "author", "publisher", "dateline", "paragraphs", "sources"]
PARAGRAPH_KEYS = ["index", "number", "marking", "classification", "caveats", "text", "start", "end"]


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def db(tmp_path):
    return str(tmp_path / "store.sqlite")


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_parse_json_has_the_documented_keys(runner):
    result = runner.invoke(app, ["parse", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    records = _json_lines(result.stdout)
    assert len(records) == 5
    for record in records:
        expected = CABLE_KEYS if record["kind"] == "cable" else ARTICLE_KEYS
        assert list(record) == expected
        for para in record["paragraphs"]:
            assert list(para) == PARAGRAPH_KEYS
        assert [list(s) for s in record["sources"]] == [["path", "format", "sha256"]]


def test_ingest_twice_changes_nothing(runner, db):
    first = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    first_report = _json_lines(first.stdout)[0]
    assert set(first_report.pop("resolved")) == {"entities", "links", "cases"}
    assert first_report == {"read": 5, "new": 5, "unchanged": 0, "merged": 0, "failed": []}
    second = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--json"])
    # Nothing new was stored, so nothing is linked again.
    assert _json_lines(second.stdout)[0] == {
        "read": 5, "new": 0, "unchanged": 5, "merged": 0, "failed": [], "resolved": {}
    }


def test_db_comes_from_the_environment(runner, db, monkeypatch):
    monkeypatch.setenv("PROLIFWATCH_DB", db)
    assert runner.invoke(app, ["ingest", str(SEED_CABLE_EXPORT)]).exit_code == 0
    result = runner.invoke(app, ["show", "09BEIJING724", "--json"])
    assert result.exit_code == 0, result.output
    assert _json_lines(result.stdout)[0]["subject"].startswith("CHINA URGED TO HALT LIMMT")


def test_ingest_reports_failures_and_exits_1(runner, db, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["ingest", str(SEED_CABLE_PAGE), str(junk), "--db", db])
    assert result.exit_code == 1
    assert "read 1 · new 1 · unchanged 0 · merged 0 · failed 1" in result.stdout
    assert f"{junk}: binary data" in result.stderr


def test_show_prints_fields_and_paragraphs(runner, db):
    runner.invoke(app, ["ingest", str(SEED_CABLE_PAGE), "--db", db])
    result = runner.invoke(app, ["show", "07STATE159388", "--db", db])
    assert result.exit_code == 0, result.output
    assert "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER" in result.stdout
    assert "(S/REL CHINA)" in result.stdout
    assert "Iran Matin" in result.stdout


def test_show_unknown_id_exits_1(runner, db):
    runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--ner-scope", "off", "--no-resolve"])
    result = runner.invoke(app, ["show", "99NOWHERE1", "--db", db])
    assert result.exit_code == 1
    assert "no document '99NOWHERE1'" in result.stderr


def test_search_json_and_filters(runner, db):
    runner.invoke(app, ["ingest", str(SEEDS), "--db", db])
    result = runner.invoke(app, ["search", "jet vanes", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    payload = _json_lines(result.stdout)[0]
    assert [hit["id"] for hit in payload["hits"]][:1] and payload["hits"][0]["kind"] == "article"
    only_cables = _json_lines(runner.invoke(app, ["search", "China", "--kind", "cable", "--db", db, "--json"]).stdout)[0]
    assert {hit["kind"] for hit in only_cables["hits"]} == {"cable"}
    assert only_cables["total"] == 3


def test_stats_counts_what_was_stored(runner, db):
    runner.invoke(app, ["ingest", str(SEEDS), "--db", db])
    figures = _json_lines(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)[0]
    assert figures["documents"] == 5


def test_help_explains_every_command(runner):
    result = runner.invoke(app, ["--help"])
    for command in ("ingest", "parse", "show", "search", "stats"):
        assert command in result.stdout


def test_extract_json_has_the_documented_keys(runner):
    result = runner.invoke(app, ["extract", str(SEED_CABLE_EXPORT), "--json", "--no-ner"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["id"] == "09BEIJING724"
    assert set(record) == {"id", "mentions", "events"}
    mention = record["mentions"][0]
    assert {"type", "text", "key", "start", "end", "paragraph", "confidence", "source"} <= set(mention)
    event = next(e for e in record["events"] if e["type"] == "diplomatic_action")
    assert {"kind", "actor", "counterpart", "status", "date", "evidence", "confidence"} <= set(event)
    assert {"paragraph", "paragraph_number", "start", "end", "text"} == set(event["evidence"])


def test_ingest_stores_events_and_entities_for_the_query_commands(runner, db):
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db]).exit_code == 0
    found = runner.invoke(app, ["events", "--type", "transfer", "--item-code", "3.B.3", "--db", db, "--json"])
    assert found.exit_code == 0, found.output
    events = [json.loads(line) for line in found.stdout.splitlines()]
    assert {e["document"] for e in events} == {"09BEIJING724"}
    carried = runner.invoke(app, ["events", "--recipient", "Iran", "--status", "impending", "--db", db, "--json"])
    assert any(e["document"].startswith("article-03c5") for e in map(json.loads, carried.stdout.splitlines()))
    vessels = runner.invoke(app, ["entities", "--type", "Vessel", "--db", db, "--json"])
    names = {json.loads(line)["name"] for line in vessels.stdout.splitlines()}
    assert {"Iran Matin", "Harmony Wish"} <= names


def test_ingest_without_extraction_stores_no_mentions(runner, db):
    assert runner.invoke(app, ["ingest", str(SEED_CABLE_EXPORT), "--db", db, "--no-extract"]).exit_code == 0
    listed = runner.invoke(app, ["entities", "--db", db, "--json"])
    assert listed.exit_code == 0 and listed.stdout.strip() == ""
    # a later run with extraction fills them in even though the document is unchanged,
    # and links them (the new mentions leave linking pending): LIMMT is its entity
    assert runner.invoke(app, ["ingest", str(SEED_CABLE_EXPORT), "--db", db]).exit_code == 0
    listed = runner.invoke(app, ["entities", "--db", db, "--json"])
    assert "LIMMT Economic and Trade Company" in {json.loads(line)["name"] for line in listed.stdout.splitlines()}


def test_show_says_how_the_date_is_known_and_warns_of_a_page_holding_another_cable(runner, db):
    # The WikiLeaks page 88BAGHDAD28 holds the text of 09STATE68250 (its serial
    # line reads "S e c r e t state 068250", its E.O. line "DECL: 07/01/2034").
    page = CORPUS / "wikileaks-html" / "1988" / "01" / "88BAGHDAD28.html"
    assert runner.invoke(app, ["ingest", str(page), "--db", db, "--no-extract"]).exit_code == 0
    result = runner.invoke(app, ["show", "09STATE68250", "--db", db])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "created 2009-07-01 (estimated)" in text
    assert "date from estimated from the declassification date" in text
    assert "warning the layout names 88BAGHDAD28 but the cable text is 09STATE68250's" in text
    record = _json_lines(runner.invoke(app, ["show", "09STATE68250", "--db", db, "--json"]).stdout)[0]
    assert record["created_source"] == "declassify-estimate"
    assert [w["layout"] for w in record["warnings"]] == ["88BAGHDAD28"]


def test_search_carries_the_warning_of_a_page_holding_another_cable(runner, db):
    # 88BAGHDAD28's page holds 09STATE68250, a cable about a German test
    # chamber sold by a Chinese subsidiary to Iran's DIO.
    page = CORPUS / "wikileaks-html" / "1988" / "01" / "88BAGHDAD28.html"
    assert runner.invoke(app, ["ingest", str(page), SEED_CABLE_PAGE.as_posix(), "--db", db,
                               "--no-extract"]).exit_code == 0
    result = _json_lines(runner.invoke(app, ["search", "chamber", "--db", db, "--json"]).stdout)[0]
    hits = {h["id"]: h for h in result["hits"]}
    assert [w["layout"] for w in hits["09STATE68250"]["warnings"]] == ["88BAGHDAD28"]
    text = runner.invoke(app, ["search", "chamber", "--db", db]).stdout
    assert "warning: the layout names 88BAGHDAD28" in " ".join(text.split())
