"""``review``: the analyst's accept / reject / correct decisions on events, end to end on a
store built by ingesting the seeds (extraction, entities and cases)."""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.export_rows import iter_events
from prolifwatch.store import open_store
from prolifwatch.store.extraction import clear_extraction
from prolifwatch.store.migrations import SCHEMA_VERSION
from tests.conftest import SEEDS
from tests.store.old_schemas import as_schema_7



@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("review") / "seeds.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture()
def db(seeded, tmp_path) -> str:
    copy = tmp_path / "store.sqlite"
    shutil.copyfile(seeded, copy)
    return str(copy)


@pytest.fixture()
def runner():
    return CliRunner()


def _run(runner, *args, code: int = 0):
    result = runner.invoke(app, [*args])
    assert result.exit_code == code, result.output
    return result


def _json(runner, *args) -> list[dict]:
    return [json.loads(line) for line in _run(runner, *args).stdout.splitlines() if line.strip()]


def _a_transfer(runner, db) -> dict:
    """A transfer with a keyed supplier (the extractor's output is not fixed here: chosen, not named)."""
    found = _json(runner, "events", "--type", "transfer", "--sort", "date", "--limit", "500", "--db", db, "--json")
    return next(e for e in found if e["supplier"] and e["supplier"][0]["key"])


def _again(runner, db, event_id: str) -> dict | None:
    return next((e for e in _json(runner, "events", "--limit", "500", "--db", db, "--json") if e["id"] == event_id),
                None)


def _case_with(runner, db, event_id: str) -> dict | None:
    for summary in _json(runner, "cases", "--limit", "0", "--db", db, "--json"):
        case = _json(runner, "case", summary["id"], "--db", db, "--json")[0]
        if event_id in {t["event_id"] for t in case["transfers"]}:
            return case
    return None


def test_events_carry_a_stable_id_and_sort_by_confidence(runner, db):
    found = _json(runner, "events", "--limit", "500", "--db", db, "--json")
    ids = [e["id"] for e in found]
    assert all(i.startswith("ev-") and len(i) == 15 for i in ids)
    assert len(set(ids)) == len(ids)
    confidences = [e["confidence"] for e in found]
    assert confidences == sorted(confidences, reverse=True) and len(set(confidences)) > 1
    assert all(e["review"] is None and e["corrections"] == [] for e in found)
    by_date = _json(runner, "events", "--limit", "500", "--sort", "date", "--db", db, "--json")
    assert sorted(e["id"] for e in by_date) == sorted(ids)
    assert [e["document_date"] for e in by_date] == sorted((e["document_date"] for e in by_date), reverse=True)
    _run(runner, "events", "--sort", "newest", "--db", db, code=2)


def test_reject_removes_the_event_from_events_cases_timelines_and_exports(runner, db):
    event = _a_transfer(runner, db)
    case = _case_with(runner, db, event["id"])
    assert case is not None
    assert any(e["event_id"] == event["id"] for e in iter_events_of(db))

    _run(runner, "review", "reject", event["id"], "--user", "ana", "--db", db)

    assert event["id"] not in {e["id"] for e in _json(runner, "events", "--limit", "500", "--db", db, "--json")}
    assert _case_with(runner, db, event["id"]) is None
    assert event["id"] not in {e["event_id"] for e in iter_events_of(db)}
    timeline = _json(runner, "timeline", event["supplier"][0]["key"], "--db", db, "--json")[0]
    assert not any(i["type"] == "transfer" and i["source"]["document"] == event["document"]
                   and i["source"]["evidence"] == " ".join(event["evidence"]["text"].split())
                   for day in timeline["days"] for i in day["items"])
    # the decision is listed with who made it
    decisions = _json(runner, "review", "list", "--db", db, "--json")
    assert [(d["event"], d["action"], d["user"], d["matched"]) for d in decisions] == [
        (event["id"], "reject", "ana", True)]


def iter_events_of(db: str) -> list[dict]:
    with open_store(db) as store:
        return list(iter_events(store.db))


def test_a_decision_outlives_reingest_reextraction_and_resolve(runner, db):
    event = _a_transfer(runner, db)
    _run(runner, "review", "reject", event["id"], "--db", db)
    with open_store(db) as store:
        (pk,) = store.db.execute("SELECT pk FROM documents WHERE id = ?", (event["document"],)).fetchone()
        with store.transaction():
            clear_extraction(store.db, pk)  # as a changed extractor would: the events go, and come back
        assert store.db.execute("SELECT 1 FROM events WHERE eid = ?", (event["id"],)).fetchone() is None
    _run(runner, "ingest", str(SEEDS), "--db", db)  # extracts the document again
    _run(runner, "resolve", "--db", db)
    with open_store(db) as store:
        (review,) = store.db.execute("SELECT review FROM events WHERE eid = ?", (event["id"],)).fetchone()
    assert review == "rejected"  # written again by extraction, the decision applied to it
    assert event["id"] not in {e["id"] for e in _json(runner, "events", "--limit", "500", "--db", db, "--json")}
    assert _case_with(runner, db, event["id"]) is None


def test_correct_shows_the_corrected_value_and_the_original(runner, db):
    event = _a_transfer(runner, db)
    extracted = event["supplier"][0]["text"]
    _run(runner, "review", "correct", event["id"], "--role", "supplier", "--value", "Dalian Front Company",
         "--db", db)
    _run(runner, "review", "correct", event["id"], "--role", "status", "--value", "interdicted", "--db", db)

    found = _json(runner, "events", "--supplier", "Dalian Front Company", "--db", db, "--json")
    assert [e["id"] for e in found] == [event["id"]]
    corrected = found[0]
    assert [a["text"] for a in corrected["supplier"]] == ["Dalian Front Company"]
    assert corrected["status"] == "interdicted"
    by_role = {c["role"]: c for c in corrected["corrections"]}
    assert by_role["supplier"]["original"] == event["supplier"]
    assert by_role["status"]["original"] == event["status"] != "interdicted"
    # the status filter and the supplier filter read the corrected values
    assert event["id"] in {e["id"] for e in _json(runner, "events", "--status", "interdicted", "--db", db, "--json")}
    assert event["id"] not in {e["id"] for e in _json(runner, "events", "--supplier", event["supplier"][0]["key"],
                                                      "--limit", "500", "--db", db, "--json")}
    table = _run(runner, "events", "--supplier", "Dalian Front Company", "--db", db).stdout
    assert f"supplier: Dalian Front Company (corrected; extracted: {extracted}" in table
    # the case is rebuilt with the corrected supplier
    case = _case_with(runner, db, event["id"])
    supplier = next(role["values"] for role in case["roles"] if role["role"] == "supplier")
    assert [s["name"] for s in supplier] == ["Dalian Front Company"]
    # review list shows what was there before
    listed = _json(runner, "review", "list", "--db", db, "--json")
    assert [(d["role"], d["original"]) for d in listed] == [("supplier", event["supplier"]),
                                                          ("status", event["status"])]


def test_undo_restores_the_event(runner, db):
    event = _a_transfer(runner, db)
    case = _case_with(runner, db, event["id"])
    _run(runner, "review", "correct", event["id"], "--role", "supplier", "--value", "Someone Else", "--db", db)
    _run(runner, "review", "reject", event["id"], "--db", db)
    decisions = _json(runner, "review", "list", "--db", db, "--json")
    assert [d["action"] for d in decisions] == ["correct", "reject"]

    _run(runner, "review", "undo", str(decisions[1]["id"]), "--db", db)
    back = _json(runner, "events", "--supplier", "Someone Else", "--db", db, "--json")
    assert [e["id"] for e in back] == [event["id"]]  # back, still corrected
    _run(runner, "review", "undo", str(decisions[0]["id"]), "--db", db)
    restored = _a_transfer(runner, db)
    assert restored["supplier"] == event["supplier"] and restored["corrections"] == []
    assert _case_with(runner, db, event["id"])["id"] == case["id"]
    assert _json(runner, "review", "list", "--db", db, "--json") == []
    _run(runner, "review", "undo", str(decisions[0]["id"]), "--db", db, code=1)


def test_min_confidence_and_accept(runner, db):
    everything = _json(runner, "events", "--limit", "500", "--db", db, "--json")
    levels = sorted({e["confidence"] for e in everything})
    assert len(levels) > 1
    top = str(levels[-1])
    confident = _json(runner, "events", "--limit", "500", "--min-confidence", top, "--db", db, "--json")
    assert confident and len(confident) < len(everything)
    assert all(e["confidence"] == levels[-1] for e in confident)
    _run(runner, "events", "--min-confidence", "1.5", "--db", db, code=2)

    cases = _json(runner, "cases", "--limit", "0", "--db", db, "--json")
    assert cases and all(c["confidence"] is not None and c["mean_confidence"] <= c["confidence"] for c in cases)
    confident_cases = _json(runner, "cases", "--limit", "0", "--min-confidence", top, "--db", db, "--json")
    assert len(confident_cases) < len(cases) and all(c["confidence"] >= levels[-1] for c in confident_cases)

    # a transfer below the threshold, in a case that is not shown at it
    shown = {c["id"] for c in confident_cases}
    transfers = [e for e in everything if e["type"] == "transfer" and e["confidence"] < levels[-1]]
    event, case = next((e, c) for e in transfers for c in [_case_with(runner, db, e["id"])]
                       if c and c["id"] not in shown)
    _run(runner, "review", "accept", event["id"], "--db", db)
    accepted = _json(runner, "events", "--limit", "500", "--min-confidence", top, "--db", db, "--json")
    assert [(e["review"], e["confidence"]) for e in accepted if e["id"] == event["id"]] == [
        ("accepted", event["confidence"])]  # shown at the threshold, with the model's confidence
    assert _json(runner, "events", "--db", db, "--json")[0]["id"] == event["id"]  # ranks first: counts as 1.0
    now = {c["id"]: c for c in _json(runner, "cases", "--limit", "0", "--min-confidence", top, "--db", db, "--json")}
    assert case["id"] in now and now[case["id"]]["confidence"] == 1.0
    full = _json(runner, "case", case["id"], "--db", db, "--json")[0]
    transfer = next(t for t in full["transfers"] if t["event_id"] == event["id"])
    assert (transfer["confidence"], transfer["review"]) == (event["confidence"], "accepted")
    # reject replaces accept: one verdict per event
    _run(runner, "review", "reject", event["id"], "--db", db)
    assert [d["action"] for d in _json(runner, "review", "list", "--db", db, "--json")] == ["reject"]
    assert case["id"] not in {c["id"] for c in _json(runner, "cases", "--limit", "0", "--min-confidence", top,
                                                      "--db", db, "--json")}


def test_errors_say_what_to_do(runner, db):
    event = _a_transfer(runner, db)
    typo = event["id"][:-1] + ("0" if event["id"][-1] != "0" else "1")
    missing = _run(runner, "review", "reject", typo, "--db", db, code=1)
    assert f"no event {typo}; 'prolifwatch events --json' lists ids" in missing.output
    assert f"did you mean {event['id']}" in missing.output
    bad_role = _run(runner, "review", "correct", event["id"], "--role", "sender", "--value", "x", "--db", db, code=2)
    assert "supplier" in bad_role.output and "carrier" in bad_role.output and "counterpart" in bad_role.output
    wrong_type = _run(runner, "review", "correct", event["id"], "--role", "actor", "--value", "x", "--db", db, code=2)
    assert "not one of a transfer's" in wrong_type.output
    bad_status = _run(runner, "review", "correct", event["id"], "--role", "status", "--value", "shipped", "--db", db,
                      code=2)
    assert "interdicted" in bad_status.output
    assert _json(runner, "review", "list", "--db", db, "--json") == []


def test_an_older_store_is_migrated_with_the_same_event_ids(runner, db):
    with open_store(db) as store:
        ids = dict(store.db.execute("SELECT event_pk, eid FROM events"))
    as_schema_7(db)
    with open_store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION == 10
        assert dict(store.db.execute("SELECT event_pk, eid FROM events")) == ids
    assert None not in ids.values() and len(set(ids.values())) == len(ids)
    event = _a_transfer(runner, db)
    _run(runner, "review", "reject", event["id"], "--db", db)
    assert _case_with(runner, db, event["id"]) is None
