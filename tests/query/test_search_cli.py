"""`prolifwatch search` with dates: what it refuses, and how it shows precision and unknowns."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from tests.query.date_store import UNDATED, YEAR_2008, build


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("cli-dates") / "dates.sqlite"
    build(path).close()
    return str(path)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.mark.parametrize("option, value, expected", [
    ("--since", "03/09/2008", "error: --since 03/09/2008: use YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2008-03-09"),
    ("--since", "9 March 2008", "error: --since 9 March 2008: use YYYY-MM-DD"),
    ("--until", "2008-02-30", "error: --until 2008-02-30: use YYYY-MM-DD"),
    ("--until", "08", "error: --until 08: use YYYY-MM-DD"),
])
def test_a_date_in_another_form_exits_2_saying_the_form_expected(runner, tmp_path, option, value, expected):
    never_opened = tmp_path / "missing" / "store.sqlite"
    result = runner.invoke(app, ["search", "Iran", option, value, "--db", str(never_opened)])
    assert result.exit_code == 2
    assert result.stderr.startswith(expected)
    assert result.stdout == ""
    assert not never_opened.parent.exists()  # refused before the store is opened (or created)


def test_since_after_until_exits_2(runner, db):
    result = runner.invoke(app, ["search", "", "--since", "2009", "--until", "2008", "--db", db])
    assert result.exit_code == 2
    assert "--since 2009 is after --until 2008" in result.stderr


def test_text_output_shows_precision_estimates_and_what_the_range_left_out(runner, db):
    result = runner.invoke(app, ["search", "", "--since", "2008-06-01", "--limit", "20", "--db", db])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "7 documents match ''"
    assert lines[1] == ("  dated 2008-06-01 to …: 2 documents without a date left out; "
                        "2 known only to the month or year, partly in the range, kept")
    by_id = {line.split()[1]: line for line in lines if line[:4].strip().rstrip(".").isdigit()}
    assert "08BRASILIA1477  2008 (year, estimated) [partly in the date range]  UNCLASSIFIED  Embassy Brasilia" \
        in by_id["08BRASILIA1477"]
    assert "08BEIJING3039  2008-08-06 (estimated)  SECRET  Embassy Beijing" in by_id["08BEIJING3039"]
    assert "08BEIJING2322  2008-06-13  SECRET" in by_id["08BEIJING2322"]


def test_text_facets_always_show_the_unknown_bucket(runner, db):
    # an exclusion of a word no document holds: every document (a blank query needs a filter)
    result = runner.invoke(app, ["search", "--db", db, "--", "-zzyzx"])
    facets = {line.split(":")[0]: line for line in result.stdout.splitlines() if not line.startswith(" ")}
    assert facets["year"] == "year: 2008 (7), 2007 (1), 2010 (1), 2012 (1), (unknown) (2)"
    assert facets["date_precision"] == "date_precision: day (8), year (2), (unknown) (2)"


def test_json_output_is_machine_readable(runner, db):
    result = runner.invoke(app, ["search", "", "--since", "2008-06-01", "--limit", "20", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["date_filter"] == {"since": "2008-06-01", "until": None, "undated_left_out": len(UNDATED),
                                      "partly_in_range": len(YEAR_2008)}
    assert payload["facets"]["date_precision"] == {"day": 5, "year": 2}
    hits = {h["id"]: h for h in payload["hits"]}
    assert {k: hits["08BRASILIA1477"][k] for k in ("date", "created_precision", "created_source", "date_in_range")} \
        == {"date": "2008", "created_precision": "year", "created_source": "id-year", "date_in_range": "partly"}
    everything = json.loads(runner.invoke(app, ["search", "--json", "--db", db, "--", "-zzyzx"]).stdout)
    assert everything["facets"]["year"]["(unknown)"] == 2
    assert everything["date_filter"] is None
