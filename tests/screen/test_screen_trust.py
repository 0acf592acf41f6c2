"""Issue 20, item 2: the screening defects a new user measured, each on the fixture lists.

Each test failed before the fix: a vessel left out when no type is given,
a listed a.k.a. not found, one shared given name or generic words taken for
a hit.
"""
from __future__ import annotations

import pytest

from prolifwatch.screen import make_query


def _keys(hits) -> list[str]:
    return [h.key for h in hits]


def test_no_type_screens_vessels_too(screener):
    # The OFAC list has the vessel IRAN MATIN; without --type it was compared as a company and scored 0.
    assert _keys(screener.screen(make_query("Iran Matin")))[:1] == ["ofac:ofac-9580"]
    assert _keys(screener.screen(make_query("Iran Matin", "vessel")))[:1] == ["ofac:ofac-9580"]


def test_a_listed_aka_is_a_hit(screener):
    # The UN list gives SBIG as an a.k.a. (not "Low" quality): a name of Shahid Bagheri Industrial Group.
    best = screener.screen(make_query("SBIG"))[0]
    assert best.key == "un:IRe.003" and best.score >= 0.9


def test_a_name_written_as_a_weak_alias_is_reported_as_one(screener):
    # OFAC marks "IRISL GROUP" weak: the hit is shown, and shown as a weak alias.
    hits = screener.screen(make_query("IRISL Group"))
    assert _keys(hits)[:1] == ["ofac:ofac-9560"]
    assert hits[0].weak_alias == "IRISL GROUP"
    assert hits[0].to_json()["explanation"][0]["name"] == "weak_alias"


@pytest.mark.parametrize("name", ["Li", "Mohammed", "Chen Hao"])
@pytest.mark.parametrize("party_type", ["person", None])
def test_one_shared_name_part_is_no_person_hit(screener, name, party_type):
    # "Li" -> LI Fangwei (0.83), "Mohammed" -> MOHAMMAD QANNADI (0.75), "Chen Hao" -> YUN HO-JIN (0.82)
    assert screener.screen(make_query(name, party_type)) == []


def test_a_rejected_person_hit_says_why(screener):
    lead = screener.screen(make_query("Li", "person"), threshold=0.0)[0]
    support = [f for f in lead.features if f.name == "support"]
    assert lead.score < 0.7 and support and "two parts" in support[0].detail


@pytest.mark.parametrize("name", ["Department of Energy", "Energy Department", "Ministry of Energy and Industry",
                                  "Ministry of Defense", "Atomic Energy Industry Company",
                                  "Defense Industries"])
def test_generic_words_are_no_organisation_hit(screener, name):
    # "Department of Energy" -> General Bureau of Atomic Energy (0.83) and the like, measured in xref.
    assert screener.screen(make_query(name, "organization")) == []
    assert screener.screen(make_query(name)) == []


@pytest.mark.parametrize(("name", "party_type", "expected"), [
    ("Yun Ho-jin", "person", "un:KPi.001"), ("Yun Hojin", "person", "un:KPi.001"),
    ("Lee Je-son", "person", "un:KPi.002"), ("Defence Industries Org.", None, "un:IRe.001"),
    ("Bank Melli", None, "ofac:ofac-9566"), ("Dalian Sunny Industries", None, "ofac:ofac-9561"),
])
def test_real_names_still_hit(screener, name, party_type, expected):
    assert _keys(screener.screen(make_query(name, party_type)))[:1] == [expected]
