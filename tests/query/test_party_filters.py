"""Filters that name a party resolve the name to entities (issue 20, item 4), on the seeds and corpus.

By reading: "Dalian Sunny Industries, also known as LIMMT" (07STATE152317), so
``--supplier "Dalian Sunny"`` is LIMMT's transfers; DPRK, North Korea and KP
are one country, as are China, PRC and CN, and US, USA and United States; "US"
is no substring of Russia.
"""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.case_page import case_list
from prolifwatch.query.context import Reader
from prolifwatch.query.extraction import find_events
from prolifwatch.query.parties import resolve_party
from prolifwatch.store import open_store


@pytest.fixture(scope="module")
def store(corpus_db):
    s = open_store(corpus_db)
    yield s
    s.close()


def _events(store, **filters) -> set[str]:
    return {e["id"] for e in find_events(store, type="transfer", limit=100_000, **filters).events}


@pytest.mark.parametrize("names", [("DPRK", "North Korea", "KP", "Democratic People's Republic of Korea"),
                                   ("China", "CN", "PRC", "country:CN"),
                                   ("US", "USA", "United States")])
def test_names_aliases_and_codes_of_one_country_give_the_same_transfers(store, names):
    found = [_events(store, supplier=name) for name in names]
    assert found[0], names
    assert all(f == found[0] for f in found), {n: len(f) for n, f in zip(names, found)}


def test_an_alias_finds_the_entity_it_names(store):
    party = resolve_party(store, "Dalian Sunny")
    assert "entity:limmt" in {e["id"] for e in party.entities}
    assert _events(store, supplier="Dalian Sunny") == _events(store, supplier="LIMMT") != set()
    assert {c.id for c in case_list(Reader(store), entity="Dalian Sunny").cases} == {
        c.id for c in case_list(Reader(store), entity="LIMMT").cases}


def test_no_substring_matches(store):
    """Before: "US" matched any supplier text containing "us" (Russia, Russian)."""
    keys = set(resolve_party(store, "US").keys)
    assert "country:US" in keys and not any(k.startswith("country:RU") for k in keys)
    for event in find_events(store, type="transfer", supplier="US", limit=100_000).events:
        assert keys & {a.get("key") for a in event["supplier"]}, event["supplier"]


def test_every_event_found_names_the_party_in_that_role(store):
    keys = set(resolve_party(store, "North Korea").keys)
    for event in find_events(store, supplier="North Korea", limit=100_000).events:
        assert keys & {a.get("key") for a in event["supplier"]}, event["evidence"]["text"]


def _run(db, *args):
    return CliRunner().invoke(app, [*args, "--db", str(db)])


def test_an_empty_answer_says_what_the_name_resolved_to(corpus_db):
    result = _run(corpus_db, "events", "--type", "transfer", "--supplier", "DPRK", "--recipient", "Dalian Sunny")
    assert result.exit_code == 0
    assert "no transfers with supplier DPRK and recipient Dalian Sunny" in result.output
    assert "North Korea (country:KP)" in result.output and "entity:limmt" in result.output


def test_an_unknown_name_is_an_error_with_did_you_mean(corpus_db):
    result = _run(corpus_db, "events", "--supplier", "Chnia")
    assert result.exit_code == 1
    assert "--supplier 'Chnia'" in result.output and "did you mean 'China'" in result.output


def test_the_events_command_finds_dprk_and_dalian_sunny(corpus_db):
    for name in ("DPRK", "Dalian Sunny"):
        result = _run(corpus_db, "events", "--supplier", name, "--json", "--limit", "500")
        assert result.exit_code == 0
        assert [json.loads(line) for line in result.output.splitlines() if line.strip()], name
