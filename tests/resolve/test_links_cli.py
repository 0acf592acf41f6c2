"""``prolifwatch refs`` on a store of the seeds."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.cli import out as cli_out
from prolifwatch.pipeline import ingest
from prolifwatch.store import open_store
from prolifwatch.store.links import rebuild_document_links
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("refs-cli") / "seeds.sqlite"
    with open_store(path) as store:
        ingest([SEEDS], store, extract=False)
        with store.transaction():
            rebuild_document_links(store.db)
    return str(path)


def test_refs_json_lists_the_eight_references(seeds_db):
    result = runner.invoke(app, ["refs", "07 STATE 159388", "--db", seeds_db, "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["document"]["id"] == "07STATE159388"
    assert [e["dst"] for e in found["outgoing"]] == [
        "07STATE109649", "07BEIJING5237", "07STATE71143", "07STATE73601",
        "07STATE72896", "07BEIJING6361", "07STATE148514", "07BEIJING6848",
    ]
    assert {e["node"]["in_collection"] for e in found["outgoing"]} == {False}


def test_refs_table_marks_gaps(seeds_db, monkeypatch):
    # The console is made at import, before any COLUMNS a test could set: widen it so ids are not wrapped.
    monkeypatch.setattr(cli_out, "width", 250)
    result = runner.invoke(app, ["refs", "article-03c5935401c2b59c", "--db", seeds_db])
    assert result.exit_code == 0, result.output
    assert "cable-described:2007-11-03:STATE:RICE" in result.stdout
    assert "not in collection" in result.stdout


def test_refs_thread_option_and_unknown_id(seeds_db):
    result = runner.invoke(app, ["refs", "08BEIJING3400", "--db", seeds_db, "--thread", "--json"])
    assert result.exit_code == 0
    # 08STATE93558 is not among the seeds: its request cue cannot be read, so no thread.
    assert json.loads(result.stdout)["thread"] == []
    missing = runner.invoke(app, ["refs", "07STATE1", "--db", seeds_db])
    assert missing.exit_code == 1
    assert "07STATE1" in missing.stderr


def test_refs_rejects_an_unknown_kind(seeds_db):
    result = runner.invoke(app, ["refs", "07STATE159388", "--db", seeds_db, "--kind", "quotes"])
    assert result.exit_code == 2
