"""Search: ranking, snippets, filters, facets, and queries that must never raise."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prolifwatch.model import Article, Cable, Paragraph, Source
from prolifwatch.query.fts_query import QueryError, to_match
from prolifwatch.query.search import search
from prolifwatch.store import open_store


def _cable(doc_id, subject, body, *, tags, created, classification="SECRET", origin="Embassy Beijing"):
    return Cable(
        id=doc_id, subject=subject, created=created, origin=origin, classification=classification,
        tags=tags, text=body, paragraphs=[Paragraph(0, body, 0, len(body), "1.", "(S)", classification, [])],
        sources=[Source(f"{doc_id}.txt", "plain-cable-text", doc_id.ljust(64, "0"))],
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("q") / "q.sqlite")
    s.put(_cable(
        "09BEIJING724", "CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM",
        "PolOff highlighted the potential supply of the 3GFF-700 cold flow forming machine controlled by the MTCR.",
        tags=["PARM", "MTCRE", "CH", "IR"], created="2009-03-20T08:40:00",
    ))
    s.put(_cable(
        "08BEIJING3400", "AMBASSADOR URGES INVESTIGATION OF SHIPMENT TO IRAN",
        "The Ambassador urged China to investigate the shipment. Machine tools were mentioned in passing; "
        "the weather was cold.",
        tags=["PARM", "IR", "CH"], created="2008-09-03T00:00:00",
    ))
    s.put(_cable(
        "07STATE159388", "DEMARCHE ON IMPENDING CONVENTIONAL ARMS TRANSFER",
        "The IRISL vessel Iran Matin was to load 83 containers of cartridges for the Defense Industries Organization.",
        tags=["PARM", "PREL"], created="2007-11-22T00:12:00", origin="Secretary of State",
    ))
    s.put(_cable(
        "05BRASILIA295", "NPT REVIEW CONFERENCE: BRAZIL PERSPECTIVE",
        "POLOFF DISCUSSED THE NPT WITH THE MINISTRY. FORMING A POSITION ON ENRICHMENT.",
        tags=["PARM", "KNNP"], created="2005-02-01T19:07:00", classification="CONFIDENTIAL",
        origin="Embassy Brasilia",
    ))
    text = "Seoul (AsiaNews) - China shipped missile launch vehicles to North Korea on the Harmony Wish."
    s.put(Article(
        id="article-1", title="Beijing does not want to help Pyongyang", published="2012-06-14",
        publisher="AsiaNews", text=text, paragraphs=[Paragraph(0, text, 0, len(text))],
        sources=[Source("a.txt", "article-text", "f" * 64)],
    ))
    yield s
    s.close()


def test_cold_flow_forming_ranks_the_limmt_cable_first(store):
    result = search(store, "cold flow forming")
    assert [h.id for h in result.hits] == ["09BEIJING724"]  # 08BEIJING3400 has "cold" but not "flow"


def test_snippet_highlights_the_matched_words(store):
    [hit] = search(store, "cartridges").hits
    assert "«cartridges»" in hit.snippet


def test_stemming_and_case_folding_reach_all_caps_cables(store):
    assert [h.id for h in search(store, "forming position").hits] == ["05BRASILIA295"]


def test_phrase_prefix_or_and_exclusion(store):
    assert [h.id for h in search(store, '"Iran Matin"').hits] == ["07STATE159388"]
    assert {h.id for h in search(store, "cartridge* OR Harmony").hits} == {"07STATE159388", "article-1"}
    assert {h.id for h in search(store, "shipment -ambassador").hits} == set()
    assert {h.id for h in search(store, "China -LIMMT").hits} == {"08BEIJING3400", "article-1"}


def test_model_numbers_are_searchable(store):
    assert [h.id for h in search(store, "3GFF-700").hits] == ["09BEIJING724"]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"tag": "mtcre"}, {"09BEIJING724"}),
        ({"origin": "embassy brasilia"}, {"05BRASILIA295"}),
        ({"classification": "CONFIDENTIAL"}, {"05BRASILIA295"}),
        ({"kind": "article"}, {"article-1"}),
        ({"since": "2008-01-01", "kind": "cable"}, {"09BEIJING724", "08BEIJING3400"}),
        ({"until": "2007-11-22"}, {"07STATE159388", "05BRASILIA295"}),
    ],
)
def test_filters_without_a_query_list_documents(store, filters, expected):
    result = search(store, "", **filters)
    assert {h.id for h in result.hits} == expected
    assert result.total == len(expected)


def test_facets_count_the_whole_matching_set(store):
    result = search(store, "", limit=1)
    assert len(result.hits) == 1
    assert result.total == 5
    assert result.facets["tag"]["PARM"] == 4
    assert result.facets["kind"] == {"cable": 4, "article": 1}
    assert result.facets["classification"] == {"SECRET": 3, "CONFIDENTIAL": 1, "(unknown)": 1}  # the article
    assert result.facets["year"]["2012"] == 1


@pytest.mark.parametrize(
    "query", ['"', "(", ")", "NEAR(a b)", "AND", "OR", "NOT", "title:x", "*", "-", '"unclosed', "a OR", "ü ß 中国", "^x"]
)
def test_hostile_queries_search_or_say_what_to_type(store, query):
    """Never an FTS5 syntax error: a query with a word in it searches, one
    without any is refused with examples of what to type."""
    try:
        search(store, query)
    except QueryError as exc:
        assert "type words, e.g." in str(exc)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_valid_query(query):
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    expr = to_match(query)
    if expr is not None:
        db.execute("SELECT * FROM t WHERE t MATCH ?", (expr,)).fetchall()


def test_prefix_longer_than_the_stem_still_matches(store):
    # "proliferation" is indexed as its Porter stem "prolifer"; "proliferat*" must still find it
    assert [h.id for h in search(store, "proliferat*").hits] == ["09BEIJING724"]


def test_a_document_stored_after_a_search_is_found_and_counted(tmp_path):
    with open_store(tmp_path / "s.sqlite") as s:
        s.put(_cable("09BEIJING724", "LIMMT", "cold flow forming", tags=["PARM"], created="2009-03-20T08:40:00"))
        assert search(s, "").total == 1
        s.put(_cable("08BEIJING3400", "SHIPMENT", "cold weather", tags=["PARM", "IR"], created="2008-09-03T00:00:00"))
        result = search(s, "cold")
        assert {h.id for h in result.hits} == {"09BEIJING724", "08BEIJING3400"}
        assert result.facets["tag"] == {"PARM": 2, "IR": 1}


def test_ranking_split_across_threads_gives_the_one_thread_page(store, monkeypatch):
    import sys

    search_module = sys.modules[search.__module__]  # the package re-exports the function under the module's name
    queries = ["the", "China OR Iran OR NPT", "cold OR forming OR cartridges"]
    monkeypatch.setattr(search_module, "MAX_RANKING_THREADS", 1)
    alone = [[(h.id, h.score) for h in search(store, q, limit=3, offset=o).hits] for q in queries for o in (0, 1)]
    monkeypatch.setattr(search_module, "MAX_RANKING_THREADS", 4)
    monkeypatch.setattr(search_module, "RANGE_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search_module.os, "cpu_count", lambda: 4)
    split = [[(h.id, h.score) for h in search(store, q, limit=3, offset=o).hits] for q in queries for o in (0, 1)]
    assert split == alone
    assert any(len(page) == 3 for page in alone)


def test_ranking_started_before_the_matches_are_counted_gives_the_filtered_page(store, monkeypatch):
    # Without a filter the ranking reads the text matches alone; a filter that
    # every document passes takes the other road, the matches narrowed to its pks.
    import sys

    search_module = sys.modules[search.__module__]
    monkeypatch.setattr(search_module, "RANGE_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(search_module.os, "cpu_count", lambda: 2)
    for query in ["the", "China OR Iran OR NPT", "proliferat*", "forming -cold"]:
        for offset in (0, 1, 2):
            side_by_side = search(store, query, limit=2, offset=offset).to_json()
            after = search(store, query, limit=2, offset=offset, since="1900-01-01").to_json()
            # the filter says what it did: every fixture document is dated, so nothing left out
            assert after.pop("date_filter") == {"since": "1900-01-01", "until": None,
                                                "undated_left_out": 0, "partly_in_range": 0}
            assert [h.pop("date_in_range") for h in after["hits"]] == ["whole"] * len(after["hits"])
            assert side_by_side.pop("date_filter") is None
            assert [h.pop("date_in_range") for h in side_by_side["hits"]] == [None] * len(side_by_side["hits"])
            assert side_by_side == after


def test_newest_first_without_a_query_pages_through_ties_by_id(tmp_path):
    with open_store(tmp_path / "s.sqlite") as s:
        for doc_id, created in [("B1", "2009-01-01T00:00:00"), ("A1", "2009-01-01T00:00:00"),
                                ("C1", "2010-05-01T00:00:00"), ("D1", None)]:
            s.put(_cable(doc_id, "x", "text", tags=["PARM"], created=created))
        pages = [[h.id for h in search(s, "", limit=1, offset=o).hits] for o in range(4)]
        assert pages == [["C1"], ["A1"], ["B1"], ["D1"]]
        assert search(s, "", until="2009-01-01").total == 2
        assert search(s, "", since="2009-01-02").total == 1


def test_every_hit_of_a_prefix_query_has_its_snippet(store):
    # (a prefix query's snippets come from passes over halves of the page)
    result = search(store, "form*", limit=5)
    assert {h.id for h in result.hits} == {"09BEIJING724", "05BRASILIA295"}
    snippets = {h.id: h.snippet for h in result.hits}
    assert "«forming»" in snippets["09BEIJING724"]
    assert "«FORMING»" in snippets["05BRASILIA295"]
