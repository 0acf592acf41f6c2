"""xref hits keep their evidence and take the analyst's verdicts, which outlive re-ingest and re-screening."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.store import open_store
from tests.screen.test_cli_screen import _store_with_mentions, db, runner  # noqa: F401  (fixtures)


def _shown(runner, path) -> dict[tuple[str, str], dict]:
    result = runner.invoke(app, ["xref", "--show", "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    return {(h["entity_key"], f"{h['list']}:{h['entry_id']}"): h
            for h in map(json.loads, filter(str.strip, result.stdout.splitlines()))}


def _reingest(path: str) -> None:
    """What a new ingest does to the rows behind the hits: documents and mentions written again."""
    store = open_store(path)
    rows = store.db.execute("SELECT paragraph, start, \"end\", type, key, text, confidence, source FROM mentions"
                            ).fetchall()
    store.db.execute("DELETE FROM documents")
    store.db.execute("INSERT INTO documents (pk, id, kind, preference, record, body) VALUES (7, 'D1', 'cable', 'a',"
                     " '{}', 'text')")
    store.db.executemany("INSERT INTO mentions (pk, paragraph, start, \"end\", type, key, text, confidence, source)"
                         " VALUES (7, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    store.close()


@pytest.fixture
def xref_db(runner, db, tmp_path) -> str:
    path = str(tmp_path / "review.sqlite")
    _store_with_mentions(path, db).close()
    assert runner.invoke(app, ["xref", "--db", path]).exit_code == 0
    return path


def test_each_hit_keeps_the_mentions_and_documents_behind_it(runner, xref_db):
    hit = _shown(runner, xref_db)[("entity:limmt", "ofac:ofac-9561")]
    assert hit["evidence"] == {"mentions": [{"text": "LIMMT Economic and Trade Company", "count": 1}],
                               "documents": ["D1"], "document_count": 1}
    text = runner.invoke(app, ["xref", "--show", "--db", xref_db]).stdout
    assert "in D1" in text and "as written: LIMMT Economic and Trade Company ×1" in text


def test_dismissed_and_confirmed_hits_outlive_reingest_and_rescreening(runner, xref_db):
    dismissed = runner.invoke(app, ["xref", "dismiss", "Shahid Bakeri Industrial Group", "un:IRe.003",
                                    "--note", "another party", "--db", xref_db])
    assert dismissed.exit_code == 0, dismissed.output
    confirmed = runner.invoke(app, ["xref", "confirm", "entity:limmt", "LIMMT ECONOMIC AND TRADE COMPANY, LTD.",
                                    "--db", xref_db])
    assert confirmed.exit_code == 0, confirmed.output
    for _ in range(2):  # as decided, then after a re-ingest and a full re-screening
        shown = _shown(runner, xref_db)
        assert ("entity:shahid-bakeri-industrial-group", "un:IRe.003") not in shown
        assert shown[("entity:limmt", "ofac:ofac-9561")]["review"] == "confirmed"
        assert shown[("Iran Deyanat", "ofac:ofac-9581")]["review"] is None
        _reingest(xref_db)
        assert runner.invoke(app, ["xref", "--restart", "--db", xref_db]).exit_code == 0


def test_a_dismissed_hit_leaves_the_tables_entity_profiles_read(runner, xref_db):
    runner.invoke(app, ["xref", "dismiss", "entity:limmt", "ofac:ofac-9561", "--db", xref_db])
    store = open_store(xref_db)
    rows = store.db.execute("SELECT entry_id FROM screening_hits WHERE entity_key = 'entity:limmt'").fetchall()
    assert rows == []
    store.close()


def test_a_verdict_on_no_hit_is_an_error_naming_the_hits(runner, xref_db):
    result = runner.invoke(app, ["xref", "confirm", "entity:limmt", "un:IRe.003", "--db", xref_db])
    assert result.exit_code == 1 and "ofac:ofac-9561" in result.stderr
    unknown = runner.invoke(app, ["xref", "dismiss", "Nobody Ltd", "un:IRe.003", "--db", xref_db])
    assert unknown.exit_code == 1 and "xref --show" in unknown.stderr
