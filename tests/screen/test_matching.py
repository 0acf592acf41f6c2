"""Screening single parties: the right entry, with its reasons, and nothing for a different party."""
from __future__ import annotations

import pytest

from prolifwatch.screen import DEFAULT_THRESHOLD, make_query


def _features(hit) -> dict[str, tuple[float, str]]:
    return {f.name: (f.score, f.detail) for f in hit.features}


def test_romanisation_variant_finds_the_entry_with_its_listing(screener):
    hits = screener.screen(make_query("Shahid Baqeri Industries Group", "company", "IR"))
    best = hits[0]
    assert best.key == "un:IRe.003"
    assert best.score >= 0.9
    assert best.entry.programmes == ("Iran",) and best.entry.listed_on == "2006-12-23"
    features = _features(best)
    assert features["name"][0] >= 0.9 and "baqeri" in features["name"][1]
    assert features["country"] == (1.0, "IR matches the listed country")


def test_country_mismatch_is_stated(screener):
    best = screener.screen(make_query("Korea Ryonbong General Corporation", country="CN"))[0]
    assert best.key == "un:KPe.002"
    assert _features(best)["country"] == (-1.0, "CN differs from the listed KP")


def test_company_suffix_and_abbreviation(screener):
    assert screener.screen(make_query("Korea Mining Dev. Trading Corp"))[0].key == "un:KPe.001"
    assert screener.screen(make_query("Tiz Pars Co."))[0].key == "un:IRe.053"


def test_alias_of_a_listed_party(screener):
    best = screener.screen(make_query("Dalian Sunny Industries"))[0]
    assert best.key == "ofac:ofac-9561"
    assert best.entry.caption.startswith("LIMMT")


def test_short_acronym_is_matched_as_the_list_marks_it(screener):
    # The UN list gives "AIG" as an a.k.a. of Armament Industries Group, not a low-quality one: it is a
    # name of the party (issue 20: aliases as the list marks them).  Weak aliases: test_screen_trust.py.
    best = screener.screen(make_query("AIG"))[0]
    assert best.entry.id == "IRe.034" and best.score >= DEFAULT_THRESHOLD and best.weak_alias is None


def test_hard_negatives_score_below_the_threshold(screener):
    near = screener.screen(make_query("Great Wall Motor Company"), threshold=0.0)
    assert near and all(h.score < DEFAULT_THRESHOLD for h in near)  # shares "Great Wall" with CGWIC
    # "Bank of East Land" (DPRK) is one word away; the Hong Kong bank's country tells them apart
    assert screener.screen(make_query("Bank of East Asia", "company", "HK")) == []


def test_country_mismatch_lowers_the_score(screener):
    # "Korea United Development Bank" has one more word: close on the name alone, less so in another country
    alone = screener.screen(make_query("Korea Development Bank"))[0]
    elsewhere = screener.screen(make_query("Korea Development Bank", "company", "KR"), threshold=0.0)[0]
    assert alone.key == elsewhere.key == "un:KPe.033"
    assert elsewhere.score == pytest.approx(alone.score - 0.2)


def test_vessel_found_by_imo_whatever_its_name(screener):
    best = screener.screen(make_query("Some Renamed Ship", "vessel", identifier="IMO 9080011"))[0]
    assert best.key == "ofac:ofac-9580"
    assert best.score >= 0.99
    assert _features(best)["identifier"][0] == 1.0


def test_vessel_by_name_and_flag(screener):
    best = screener.screen(make_query("Iran Deyanat", "vessel", "IR"))[0]
    assert best.key == "ofac:ofac-9581"
    assert _features(best)["country"][0] == 1.0


def test_vessel_imo_mismatch_is_stated(screener):
    hits = screener.screen(make_query("Iran Deyanat", "vessel", identifier="9999999"))
    assert hits and hits[0].key == "ofac:ofac-9581"
    assert _features(hits[0])["identifier"][0] == -1.0


def test_type_filters_candidates(screener):
    # a person query never returns a company, however alike the names
    hits = screener.screen(make_query("Mahan Air", "person"), threshold=0.0)
    assert all(h.entry.type == "person" for h in hits)


def test_run_together_korean_syllables(screener):
    best = screener.screen(make_query("Chongchongang", "vessel"))[0]
    assert best.key == "un:KPe.044"


def test_hit_json_carries_score_entry_programme_date_and_explanation(screener):
    data = screener.screen(make_query("Korea Mining Development Trading Corp"))[0].to_json()
    assert data["entry_id"] == "KPe.001" and data["list"] == "un"
    assert data["programmes"] == ["DPRK"] and data["listed_on"] == "2009-04-24"
    assert {f["name"] for f in data["explanation"]} >= {"name", "country"}
