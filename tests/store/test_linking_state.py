"""Linking as a recorded state: the store knows whether its entities, links and
cases are current, ingest finishes a linking left pending, and the commands
that answer from links say when they are not current."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.formats import read_file
from prolifwatch.pipeline import parse_raw, resolve_store
from prolifwatch.store import open_store
from prolifwatch.store.entities import rebuild_entities
from tests.conftest import SEED_CABLE_PREAMBLE, SEEDS
from tests.store.old_schemas import as_schema_8

STALE = "warning: linking has not finished on this store"


def parse_raw_seed():
    return parse_raw(next(iter(read_file(str(SEED_CABLE_PREAMBLE)))))


def test_storing_marks_linking_pending_and_linking_clears_it(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        assert not store.linking_pending()  # an empty store has nothing to link
        store.put(parse_raw_seed())
        assert store.linking_pending()
        resolve_store(store)
        assert not store.linking_pending()
        assert store.put(parse_raw_seed()) == "unchanged"
        assert not store.linking_pending()  # nothing changed, nothing to link


def test_a_batch_rolled_back_leaves_no_mark(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        with pytest.raises(RuntimeError), store.batch():
            store.put(parse_raw_seed())
            raise RuntimeError("crash before the batch commits")
        assert store.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
        assert not store.linking_pending()


@pytest.mark.parametrize("linked, pending", [(False, True), (True, False)])
def test_a_store_from_before_the_mark_is_pending_when_it_has_documents_and_no_entities(tmp_path, linked, pending):
    path = tmp_path / "old.sqlite"
    with open_store(path) as store:
        store.put(parse_raw_seed())
        if linked:  # what linking wrote, as an older version would have
            store.db.execute("INSERT INTO entities VALUES ('country:ir', 'Country', 'Iran', '[]', '{}', 1, 1)")
    as_schema_8(path)
    with open_store(path) as store:
        assert store.linking_pending() is pending


def test_ingest_links_what_an_earlier_run_left_unlinked_and_read_commands_warn_meanwhile(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "s.sqlite")
    first = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--no-resolve", "--ner-scope", "gaps"])
    assert first.exit_code == 0, first.output
    assert "not linked yet" in first.output and "entities:" not in first.output

    for command in (["cases"], ["entity", "LIMMT"], ["refs", "08STATE93558"], ["timeline", "LIMMT"]):
        assert STALE in runner.invoke(app, [*command, "--db", db]).output, command
    assert STALE not in runner.invoke(app, ["search", "Iran", "--db", db]).output  # no links behind it

    second = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--ner-scope", "gaps"])
    assert second.exit_code == 0, second.output
    assert "new 0 " in second.output and "entities:" in second.output  # nothing new, and it linked
    cases = runner.invoke(app, ["cases", "--db", db, "--json"])
    assert STALE not in cases.output and "LIMMT" in cases.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] > 0


def test_entities_do_not_depend_on_the_order_mentions_were_stored_in(corpus_copy):
    """After a crash a resumed ingest stores the rest of the documents later, and
    ties between equally common names or types used to fall to whichever came
    first: the mentions, stored again in reverse, must give the same entities."""
    def entities(conn) -> list[tuple]:
        rebuild_entities(conn)
        return conn.execute("SELECT * FROM entities ORDER BY id").fetchall() + conn.execute(
            "SELECT * FROM entity_members ORDER BY key").fetchall()

    with sqlite3.connect(corpus_copy) as conn:
        before = entities(conn)
        conn.executescript(
            "CREATE TEMP TABLE reversed AS SELECT * FROM mentions ORDER BY rowid DESC;"
            "DELETE FROM mentions; INSERT INTO mentions SELECT * FROM reversed;")
        assert entities(conn) == before
