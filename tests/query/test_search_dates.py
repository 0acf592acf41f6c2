"""Search by date at the precision dates are known, and facets that count what has no value.

The store (``date_store.py``) holds twelve real documents: seven dated to the
day by their layout, one estimated to the day, two known only to the year
2008 (stored as "2008" and as "2008-01-01" with precision year), two undated.
"""
from __future__ import annotations

import sys

import pytest

from prolifwatch.query.search import search
from tests.query.date_store import DAY_DATED, UNDATED, YEAR_2008, build

WAPO, ASIANEWS = "article-03c5935401c2b59c", "article-b631413172603974"  # the seed articles' ids
ALL = DAY_DATED | YEAR_2008 | UNDATED | {WAPO, ASIANEWS}
SINGLE_VALUED = ("origin", "classification", "kind", "year", "date_precision")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = build(tmp_path_factory.mktemp("dates") / "dates.sqlite")
    yield s
    s.close()


def _ids(result) -> set[str]:
    return {h.id for h in result.hits}


# (since, until) -> (documents that match, of them only partly in the range)
@pytest.mark.parametrize("since, until, expected, partly", [
    # a year-precision 2008 cable may have been written after June 1st: kept, marked
    ("2008-06-01", None, {"08BEIJING2322", "08BRASILIA1102", "08BEIJING3039", WAPO, ASIANEWS} | YEAR_2008, YEAR_2008),
    # 2008 ends on 2008-12-31: nothing of 2008 can be from 2009
    ("2009", None, {WAPO, ASIANEWS}, set()),
    ("2009-01-01", None, {WAPO, ASIANEWS}, set()),
    # until a day includes the whole of that day, and a year that starts on it
    (None, "2008-01-01", {"07TOKYO5492"} | YEAR_2008, YEAR_2008),
    (None, "2007", {"07TOKYO5492"}, set()),
    # a month bound runs from its first day to its last
    ("2008-03", "2008-05", {"08BEIJING1141", "08BEIJING2087"} | YEAR_2008, YEAR_2008),
    ("2008-05", "2008-05", {"08BEIJING2087"} | YEAR_2008, YEAR_2008),
    # the declassification estimate is a day: it is in a one-day range or out of it
    ("2008-08-06", "2008-08-06", {"08BEIJING3039"} | YEAR_2008, YEAR_2008),
    ("2008-08-07", "2008-08-14", YEAR_2008, YEAR_2008),
    # a year range holds its year-precision documents whole
    ("2008", "2008", {"08BEIJING1141", "08BEIJING2087", "08BEIJING2322", "08BRASILIA1102", "08BEIJING3039"}
     | YEAR_2008, set()),
])
def test_a_date_range_keeps_the_documents_whose_dates_overlap_it(store, since, until, expected, partly):
    result = search(store, "", since=since, until=until, limit=20)
    assert _ids(result) == expected
    assert result.total == len(expected)
    assert {h.id for h in result.hits if h.date_in_range == "partly"} == partly
    assert {h.id for h in result.hits if h.date_in_range == "whole"} == expected - partly
    assert result.date_filter.partly_in_range == len(partly)
    assert result.date_filter.undated_left_out == len(UNDATED)  # never silently


def test_the_filter_says_what_range_it_used(store):
    window = search(store, "", since="2008-03", until="2008").date_filter
    assert (window.since, window.until) == ("2008-03-01", "2008-12-31")
    assert search(store, "", since="2008-02").date_filter.until is None
    assert search(store, "").date_filter is None


def test_iran_since_2008_counts_the_undated_hit_it_leaves_out(store):
    # "Iran" as a word is in the text of 07TOKYO5492, 08BEIJING1141, 08BEIJING2087,
    # 08BEIJING2322, the Washington Post article, and the paragraphs of 08BRASILIA1477,
    # 08BEIJING3039 and 08MADRID308 (08REYKJAVIK152 says "IRANIAN", 08BRASILIA1102 neither)
    assert search(store, "Iran").total == 8
    result = search(store, "Iran", since="2008-01-01")
    assert _ids(result) == {"08BEIJING1141", "08BEIJING2087", "08BEIJING2322", WAPO, "08BRASILIA1477",
                            "08BEIJING3039"}
    assert result.date_filter.undated_left_out == 1  # 08MADRID308
    assert result.date_filter.partly_in_range == 0  # the year 2008 lies whole after 2008-01-01
    later = search(store, "Iran", since="2008-06-01")
    assert _ids(later) == {"08BEIJING2322", WAPO, "08BRASILIA1477", "08BEIJING3039"}
    assert (later.date_filter.undated_left_out, later.date_filter.partly_in_range) == (1, 1)


def test_hits_carry_their_date_precision_and_source(store):
    hits = {h.id: h for h in search(store, "", since="2008-06-01", limit=20).hits}
    year = hits["08BRASILIA1477"]
    assert (year.date, year.created_precision, year.created_source) == ("2008", "year", "id-year")
    assert year.date_label == "2008 (year, estimated)"
    # the same year written as its first day reads the same
    first_day = hits["08REYKJAVIK152"]
    assert (first_day.created_precision, first_day.date_label) == ("year", "2008 (year, estimated)")
    estimate = hits["08BEIJING3039"]
    assert (estimate.created_precision, estimate.date_label) == ("day", "2008-08-06 (estimated)")
    read = hits["08BEIJING2322"]
    assert (read.created_precision, read.date_label) == ("day", "2008-06-13")
    assert hits[WAPO].created_precision == "day"  # "2010-11-29", as the article prints it
    assert search(store, "Kimmitt").hits[0].date_label == "-"  # 08MADRID294, undated


def test_facets_count_documents_without_a_value_as_unknown(store):
    result = search(store, "")
    facets = result.facets
    assert result.total == 12
    assert facets["year"] == {"2008": 7, "2007": 1, "2010": 1, "2012": 1, "(unknown)": 2}
    assert facets["date_precision"] == {"day": 8, "year": 2, "(unknown)": 2}
    # articles have no classification; 08MADRID308/294 no origin
    assert facets["classification"] == {"SECRET": 4, "CONFIDENTIAL": 3, "UNCLASSIFIED": 3, "(unknown)": 2}
    assert facets["origin"]["Embassy Beijing"] == 4
    assert facets["origin"]["(unknown)"] == 2
    assert facets["kind"] == {"cable": 10, "article": 2}
    assert facets["tag"]["(unknown)"] == 2  # the articles have no tags
    assert facets["tag"]["PARM"] >= 4  # a document counts under each of its tags


@pytest.mark.parametrize("query, filters", [
    ("", {}), ("Iran", {}), ("Iran", {"since": "2008-06-01"}), ("", {"until": "2008-05"}),
    ("", {"classification": "SECRET"}), ("", {"kind": "article"}),
])
def test_single_valued_facets_add_up_to_the_total(store, query, filters):
    result = search(store, query, **filters)
    for name in SINGLE_VALUED:
        assert sum(result.facets[name].values()) == result.total, name


def test_values_past_the_facet_size_are_counted_as_other(store, monkeypatch):
    monkeypatch.setattr(sys.modules[search.__module__], "FACET_SIZE", 2)
    facets = search(store, "").facets
    # Embassy Beijing 4, Embassy Brasilia 2; Tokyo, Reykjavik and the two publishers 1 each
    assert facets["origin"] == {"Embassy Beijing": 4, "Embassy Brasilia": 2, "(other)": 4, "(unknown)": 2}
    assert facets["year"] == {"2008": 7, "2007": 1, "(other)": 2, "(unknown)": 2}
    assert "(other)" not in facets["tag"]  # a tag count is not a document count: no remainder to add up


def test_newest_first_pages_agree_with_one_page(store):
    everything = [h.id for h in search(store, "", limit=20).hits]
    assert everything[:2] == [ASIANEWS, WAPO]
    assert set(everything[-2:]) == UNDATED  # undated last
    # "2008-01-01" (year) and "2008" start on the same day: after every dated day of 2008
    # (the earliest, 08BEIJING1141 of 2008-03-26), before 07TOKYO5492 of 2007-12-07
    assert everything[-6] == "08BEIJING1141"
    assert set(everything[-5:-3]) == YEAR_2008
    assert everything[-3] == "07TOKYO5492"
    assert [search(store, "", limit=1, offset=i).hits[0].id for i in range(12)] == everything


@pytest.mark.parametrize("since, until, message", [
    ("03/09/2008", None, "--since 03/09/2008: use YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2008-03-09"),
    ("2008-3-9", None, "--since 2008-3-9: use YYYY-MM-DD"),
    (None, "2008-02-30", "--until 2008-02-30: use YYYY-MM-DD"),
    (None, "2008-13", "--until 2008-13: use YYYY-MM-DD"),
    (None, "March 2008", "--until March 2008: use YYYY-MM-DD"),
    ("2009", "2008", "--since 2009 is after --until 2008"),
])
def test_a_date_not_in_iso_form_is_refused(store, since, until, message):
    with pytest.raises(ValueError) as refused:
        search(store, "", since=since, until=until)
    assert str(refused.value).startswith(message)
