"""Search past the ranking budget: a query matching more documents than bm25 is
asked to score ranks them in groups, strongest first (subject or tags holding
the query), and still counts and pages through every match."""
from __future__ import annotations

import json
import sys

import pytest

from prolifwatch.model import Cable, Paragraph, Source
from prolifwatch.query.fts_query import any_included, to_match
from prolifwatch.query.search import search
from prolifwatch.store import open_store

SEARCH = sys.modules[search.__module__]  # the package re-exports the function under the module's name


def _cable(doc_id, subject, body, created, tags=("PARM",)):
    return Cable(
        id=doc_id, subject=subject, created=created, origin="Embassy Beijing", classification="SECRET",
        tags=list(tags), text=body, paragraphs=[Paragraph(0, body, 0, len(body), "1.", "(S)", "SECRET", [])],
        sources=[Source(f"{doc_id}.txt", "plain-cable-text", doc_id.ljust(64, "0"))],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("budget") / "b.sqlite")
    # Iran in the subject of two cables, only in the body of three others (one of them newer
    # than both subject cables, one mentioning Iran four times in a short body)
    s.put(_cable("09BEIJING724", "CHINA URGED TO HALT LIMMT'S PROLIFERATION TO IRAN", "LIMMT sold graphite to Iran.",
                 "2009-03-20T08:40:00"))
    s.put(_cable("08BEIJING3400", "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN",
                 "The Ambassador urged China to investigate the shipment.", "2008-09-03T00:00:00"))
    s.put(_cable("10STATE1", "DEMARCHE ON CARTRIDGES", "The vessel Iran Matin was to load cartridges.",
                 "2010-01-05T00:00:00"))
    s.put(_cable("07STATE2", "SHIPPING NOTES", "Iran, Iran, Iran and Iran again.", "2007-01-05T00:00:00"))
    s.put(_cable("06STATE3", "MINUTES", "A long meeting that touched on Iran once among many other subjects "
                 "of the day, the weather, the schedule and the menu.", "2006-01-05T00:00:00"))
    s.put(_cable("05STATE4", "NPT REVIEW", "Nothing about the country in question.", "2005-01-05T00:00:00"))
    yield s
    s.close()


def _ids(result):
    return [h.id for h in result.hits]


def test_within_the_budget_the_ranking_is_unchanged(store, monkeypatch):
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 1000)
    whole = search(store, "Iran", limit=10)
    assert whole.total == 5 and whole.ranked_among == 5
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 5)  # exactly the matches: still all scored at once,
    monkeypatch.setattr(SEARCH, "_strongest", _never)  # never put in groups
    assert [(h.id, h.score) for h in search(store, "Iran", limit=10).hits] == [(h.id, h.score) for h in whole.hits]


def _never(*args):
    raise AssertionError("matches within the budget were put in groups")


def test_the_cli_says_when_the_order_was_chosen_among_the_strongest(store, monkeypatch):
    from typer.testing import CliRunner

    from prolifwatch.cli import app
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    runner = CliRunner()
    payload = json.loads(runner.invoke(app, ["search", "Iran", "--json", "--db", str(store.path)]).stdout)
    assert payload["total"] == 5 and payload["ranked_among"] == 2
    text = runner.invoke(app, ["search", "Iran", "--db", str(store.path)], env={"COLUMNS": "200"}).stdout
    assert "best first among 2 of them" in text
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 5)  # another spelling: the pages read above are kept
    payload = json.loads(runner.invoke(app, ["search", "IRAN", "--json", "--db", str(store.path)]).stdout)
    assert payload["total"] == 5 and payload["ranked_among"] == 5
    text = runner.invoke(app, ["search", "IRAN", "--db", str(store.path)], env={"COLUMNS": "200"}).stdout
    assert "best first among" not in text


def test_past_the_budget_the_subject_matches_are_ranked_first(store, monkeypatch):
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    result = search(store, "Iran", limit=2)
    assert result.total == 5          # every match counted ...
    assert result.ranked_among == 2   # ... the first page the best of two
    assert set(_ids(result)) == {"09BEIJING724", "08BEIJING3400"}  # the two with Iran in the subject
    assert sum(result.facets["year"].values()) == 5  # the facets too


def test_past_the_budget_every_match_is_on_some_page_once(store, monkeypatch):
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    pages = [_ids(search(store, "Iran", limit=1, offset=o)) for o in range(6)]
    listed = [doc for page in pages for doc in page]
    assert sorted(listed) == sorted(["09BEIJING724", "08BEIJING3400", "10STATE1", "07STATE2", "06STATE3"])
    # the second group: the two newest body-only matches, then the oldest alone
    assert set(listed[2:4]) == {"10STATE1", "07STATE2"} and listed[4] == "06STATE3"
    # a page across two groups is the end of one and the start of the next
    assert _ids(search(store, "Iran", limit=3, offset=1)) == listed[1:4]


def test_within_a_group_the_order_is_bm25(store, monkeypatch):
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 1000)
    alone = [h.id for h in search(store, "Iran", limit=10).hits if h.id in ("10STATE1", "07STATE2")]
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    grouped = _ids(search(store, "Iran", limit=2, offset=2))
    assert grouped == alone
    assert grouped[0] == "07STATE2"  # four mentions in a short body beat one vessel name


def test_a_filter_narrows_the_matches_before_the_budget(store, monkeypatch):
    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    result = search(store, "Iran", until="2008", limit=5)
    assert result.total == 3
    assert _ids(result)[:1] == ["08BEIJING3400"]  # the one subject match before 2009 comes first
    assert set(_ids(result)) == {"08BEIJING3400", "07STATE2", "06STATE3"}


@pytest.mark.parametrize("query, loose", [
    ("Iran AND China", '"Iran" OR "China"'),
    ("Iran China -Korea", '"Iran" OR "China"'),
    ("missile NOT Korea", '"missile"'),
    ('"cold NOT flow" forming', '"cold NOT flow" OR "forming"'),
    ("proliferat* Iran", '"prolife"* OR "Iran"'),
])
def test_any_included_ors_the_phrases_before_the_exclusion(query, loose):
    assert any_included(to_match(query)) == loose


def test_the_web_page_and_its_json_say_the_ranking_was_cut(store, monkeypatch):
    from fastapi.testclient import TestClient

    from prolifwatch.api import create_app

    monkeypatch.setattr(SEARCH, "RANK_BUDGET", 2)
    with TestClient(create_app(store.path)) as api:
        data = api.get("/api/v1/search", params={"q": "Iran"}).json()
        assert (data["total"], data["ranked_among"]) == (5, 2)
        hits = [h["id"] for h in data["hits"]]
        assert set(hits[:2]) == {"09BEIJING724", "08BEIJING3400"}  # the subject matches
        assert set(hits[2:4]) == {"10STATE1", "07STATE2"} and hits[4:] == ["06STATE3"]  # then the newest
        assert "Best first among 2 of them" in api.get("/search", params={"q": "Iran"}).text
        # within the budget nothing is said
        narrow = api.get("/api/v1/search", params={"q": "graphite"}).json()
        assert (narrow["total"], narrow["ranked_among"]) == (1, 1)
        assert "Best first among" not in api.get("/search", params={"q": "graphite"}).text
