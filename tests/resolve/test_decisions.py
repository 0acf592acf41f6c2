"""The analyst's decisions on a store of the seeds: stored, listed, undone, and
applied to everything built on entities (cases included)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.decisions import JudgementError, merge_entities, split_entity
from prolifwatch.pipeline import ingest, resolve_store
from prolifwatch.store import open_store
from tests.conftest import SEEDS

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("decisions") / "seeds.sqlite"
    with open_store(path) as store:
        ingest([SEEDS], store)
        resolve_store(store)
    return str(path)


@pytest.fixture
def store(seeds_db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(open(seeds_db, "rb").read())
    with open_store(copy) as opened:
        yield opened


def _case_supplier_values(store, title_start: str) -> list[str]:
    (record,) = store.db.execute("SELECT record FROM cases WHERE title LIKE ?", (title_start + "%",)).fetchone()
    return [v["value"] for v in json.loads(record)["roles"]["supplier"]]


def test_a_merge_is_applied_to_the_cases_at_once(store):
    # Seed 000 (Washington Post): "a North Korean cargo of missile jet vanes destined for Iran" -
    # North Korea supplies.  Once the analyst says North Korea and China are one actor (an absurd
    # but legal decision), the case must name the merged entity, not a key that no longer exists.
    assert _case_supplier_values(store, "North Korea → Iran: missile jet vanes") == ["country:KP"]
    merge_entities(store, "North Korea", "China")
    merged = store.db.execute("SELECT entity_id FROM entity_members WHERE key = 'country:KP'").fetchone()[0]
    assert merged == store.db.execute("SELECT entity_id FROM entity_members WHERE key = 'country:CN'").fetchone()[0]
    entities = {row[0] for row in store.db.execute("SELECT id FROM entities")}
    assert "country:KP" not in entities or "country:CN" not in entities
    for (record,) in store.db.execute("SELECT record FROM cases"):
        for values in json.loads(record)["roles"].values():
            for value in values:
                if value["value"].startswith("country:"):
                    assert value["value"] in entities, value["value"]


def test_split_with_a_repeated_key_is_one_key(store):
    entity = store.db.execute(
        "SELECT entity_id, key FROM entity_members WHERE entity_id != key ORDER BY key LIMIT 1"
    ).fetchone()
    assert entity is not None, "the seeds resolve at least one key into another entity"
    entity_id, key = entity
    result = split_entity(store, entity_id, [key, key])
    assert [(j["judgement"]) for j in result["judgements"]] == ["negative"]
    assert store.db.execute("SELECT entity_id FROM entity_members WHERE key = ?", (key,)).fetchone()[0] != entity_id


def test_judgements_are_listed_and_can_be_forgotten(seeds_db, tmp_path):
    db = tmp_path / "cli.sqlite"
    db.write_bytes(open(seeds_db, "rb").read())
    db = str(db)
    judged = runner.invoke(app, ["judge", "country:KP", "country:CN", "--same", "--db", db, "--json"])
    assert judged.exit_code == 0, judged.output
    listed = runner.invoke(app, ["judgements", "--db", db, "--json"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["left_key"], r["right_key"], r["judgement"]) for r in rows] == [("country:CN", "country:KP", "positive")]
    forgotten = runner.invoke(app, ["forget", "country:KP", "country:CN", "--db", db])
    assert forgotten.exit_code == 0, forgotten.output
    assert runner.invoke(app, ["judgements", "--db", db, "--json"]).stdout == ""
    with open_store(db) as store:
        kp, cn = (store.db.execute("SELECT entity_id FROM entity_members WHERE key = ?", (k,)).fetchone()[0]
                  for k in ("country:KP", "country:CN"))
    assert (kp, cn) == ("country:KP", "country:CN")
    again = runner.invoke(app, ["forget", "country:KP", "country:CN", "--db", db])
    assert again.exit_code == 1
    assert "no judgement stored" in again.stderr


def test_a_store_never_resolved_says_so(tmp_path):
    with open_store(tmp_path / "bare.sqlite") as store:
        ingest([SEEDS], store)
        with pytest.raises(JudgementError, match="prolifwatch resolve"):
            merge_entities(store, "North Korea", "China")
