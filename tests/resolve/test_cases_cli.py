"""The case and timeline commands through Typer's runner, on a small store."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from tests.resolve.test_cases_fixtures import arg, build_store, case_of, mention, transfer

LIMMT = arg("entity:limmt", "LIMMT")
SBIG = arg("entity:shahid-bakeri-industrial-group", "Shahid Bakeri Industrial Group")
MACHINE = arg("model:3gff-700", "3GFF-700 machine", "Item")
TEXT_A = "LIMMT shipped a 3GFF-700 machine to SBIG."
TEXT_B = "The LIMMT machine reached SBIG."


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "c.sqlite"
    store, _ = build_store(path, [
        ("08STATE1", "2008-05-10T10:00:00", [transfer(TEXT_A, date="2008-05", supplier=[LIMMT], recipient=[SBIG],
                                                      items=[MACHINE])], [mention("entity:limmt", "LIMMT", TEXT_A)]),
        ("08STATE2", "2008-07-01T10:00:00", [transfer(TEXT_B, date="2008-06", supplier=[LIMMT], recipient=[SBIG],
                                                      items=[MACHINE])], [mention("entity:limmt", "LIMMT", TEXT_B)]),
        ("10STATE3", "2010-01-01T10:00:00", [transfer("Iran bought arms from Belarus.", date="2009",
                                                      supplier=[arg("country:BY", "Belarus", "Country")],
                                                      recipient=[arg("country:IR", "Iran", "Country")])], []),
    ])
    case = case_of(store, "08STATE1", 0)
    store.close()
    return str(path), case


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_case_command_json_and_text(db):
    path, case = db
    runner = CliRunner()
    result = runner.invoke(app, ["case", case, "--db", path, "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["id"] == case and [d["id"] for d in record["documents"]] == ["08STATE1", "08STATE2"]
    roles = {role["role"]: role["values"] for role in record["roles"]}  # the case page's JSON: roles in reading order
    assert roles["supplier"][0]["name"] == "LIMMT" and not any(role["conflict"] for role in record["roles"])
    text = runner.invoke(app, ["case", case, "--db", path])
    assert text.exit_code == 0 and "LIMMT" in text.stdout and "08STATE2" in text.stdout


def test_cases_command_filters_and_sorts(db):
    path, case = db
    runner = CliRunner()
    listed = _lines(runner.invoke(app, ["cases", "--db", path, "--json"]).stdout)
    assert [c["documents"] for c in listed] == [2, 1]
    assert listed[0]["id"] == case
    assert [c["id"] for c in _lines(runner.invoke(app, ["cases", "--db", path, "--min-documents", "2", "--json"]).stdout)] == [case]
    assert [c["id"] for c in _lines(runner.invoke(app, ["cases", "--entity", "entity:limmt", "--db", path, "--json"]).stdout)] == [case]
    missing = runner.invoke(app, ["cases", "--entity", "Nobody Ltd", "--db", path])
    assert missing.exit_code == 1 and "Nobody Ltd" in missing.stderr


def test_timeline_command_for_an_entity_and_a_case(db):
    path, case = db
    runner = CliRunner()
    entity = json.loads(runner.invoke(app, ["timeline", "entity:limmt", "--db", path, "--json"]).stdout)
    assert [(i["type"], i["source"]["document"]) for i in _items(entity)] == [
        ("transfer", "08STATE1"), ("document", "08STATE1"), ("transfer", "08STATE2"), ("document", "08STATE2")]
    limited = json.loads(runner.invoke(app, ["timeline", "entity:limmt", "--limit", "1", "--db", path, "--json"]).stdout)
    assert len(_items(limited)) == 1 and limited["total"] == 4
    by_case = json.loads(runner.invoke(app, ["timeline", case, "--db", path, "--json"]).stdout)
    assert [i["source"]["document"] for i in _items(by_case)] == ["08STATE1", "08STATE2"]
    text = runner.invoke(app, ["timeline", case, "--db", path])
    assert text.exit_code == 0 and TEXT_B in text.stdout


def test_unknown_case_or_entity_is_a_clear_error(db):
    path, _ = db
    runner = CliRunner()
    for args in (["case", "case-ffffffffffff"], ["timeline", "case-ffffffffffff"], ["timeline", "Nobody Ltd"]):
        result = runner.invoke(app, [*args, "--db", path])
        assert result.exit_code == 1
        assert args[1] in result.stderr


def test_case_ids_are_found_in_any_case_and_with_spaces(db):
    path, case = db
    typed = f"  {case.upper()} "
    shown = CliRunner().invoke(app, ["case", typed, "--db", path, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == case
    timeline = CliRunner().invoke(app, ["timeline", typed, "--db", path, "--json"])
    assert timeline.exit_code == 0, timeline.output
    shown = json.loads(timeline.stdout)
    assert (shown["kind"], shown["id"]) == ("case", case)


def test_no_matching_cases_says_so(db):
    path, _ = db
    result = CliRunner().invoke(app, ["cases", "--min-documents", "3", "--db", path])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no cases match" in result.stderr


def _items(timeline: dict) -> list[dict]:
    """A timeline's items (``--json`` is the timeline page's JSON: items grouped by day), in date order."""
    return [item for day in timeline["days"] for item in day["items"]]


def test_case_says_its_latest_state_with_the_sentence_it_rests_on(db):
    path, case = db
    runner = CliRunner()
    record = json.loads(runner.invoke(app, ["case", case, "--db", path, "--json"]).stdout)
    # both cables report the machine shipped (completed); 08STATE2's, dated June 2008, is the later
    state = record["state"]
    assert (state["state"], state["date"], state["source"]["document"]) == ("completed", "2008-06", "08STATE2")
    assert state["source"]["evidence"] == TEXT_B
    text = " ".join(runner.invoke(app, ["case", case, "--db", path]).stdout.split())
    assert f"latest state: completed (2008-06, 08STATE2 {state['source']['citation']}): “{TEXT_B}”" in text
