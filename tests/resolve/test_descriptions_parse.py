"""The description parser on real article sentences (seeds 000 and 004), plus two
constructed ones, marked, for the origin patterns the seeds do not exercise."""
from __future__ import annotations

import pytest

from prolifwatch.resolve.descriptions import described_id, parse_description
from prolifwatch.resolve.descriptions_match import CableCandidate, match_description, score_cable

WAPO_DATE = "2010-11-29"  # "Monday, November 29, 2010"

RICE = (
    "According to a cable dated Nov. 3, 2007, and signed by then-Secretary of State Condoleezza Rice, "
    "a North Korean cargo of missile jet vanes destined for Iran's ballistic missile program was set to be "
    "shipped the next day from North Korea via Beijing on an Iran Air flight."
)
CLINTON = ("In that cable, in May, Clinton said the United States was concerned that exports by named Chinese "
           "firms \"could be used for or diverted to a CW [chemical weapons] program.''")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (date, precision, signer, origin, specific?)
        (RICE, ("2007-11-03", "day", "RICE", "STATE", True)),
        (CLINTON, ("2010-05", "month", "CLINTON", None, True)),
        ("Another cable highlighted U.S. concern this year that Chinese firms were supplying North Korea "
         "with precursors for chemical weapons - in what would be a violation of U.N. sanctions.",
         ("2010", "year", None, None, False)),
        # "in January" is when a contact was interviewed, not the cable's date.
        ("A third cable, quoting an unidentified Chinese contact interviewed in January, claimed that China's "
         "Politburo ordered Chinese hackers to break into Google's computer systems last year",
         (None, None, None, None, False)),
        # constructed: an embassy origin and a date after it
        ("A cable sent from the U.S. Embassy in Beijing on March 20, 2009, said China was urged to halt "
         "LIMMT's proliferation.", ("2009-03-20", "day", None, "BEIJING", True)),
        # constructed: a State Department cable by date
        ("The State Department cable of Sept. 2, 2008 asked the embassy to raise the shipment.",
         ("2008-09-02", "day", None, "STATE", True)),
    ],
)
def test_parse_description(sentence, expected):
    d = parse_description(sentence, WAPO_DATE)
    assert d is not None
    assert (d.date, d.precision, d.signer, d.origin, d.is_specific) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # Seed 000: plural "cables" names no particular cable.
        "The cables were among more than 250,000 U.S. diplomatic missives released Sunday by WikiLeaks.",
        # Seed 004 (AsiaNews): a newspaper article, not a cable.
        "In a recent article, Japan's Asahi Shimbun newspaper claims that China shipped missile launch vehicles "
        "to North Korea last year in breach of United Nations resolutions, which ban any sale and shipment of "
        "weapons and sensitive materiel to Pyongyang.",
    ],
)
def test_sentences_that_mention_no_cable(sentence):
    assert parse_description(sentence, "2012-06-14") is None


def test_topic_words_leave_out_date_signer_and_cue_words():
    d = parse_description(RICE, WAPO_DATE)
    assert {"jet", "vanes", "cargo", "beijing", "flight"} <= set(d.topic)
    assert not {"rice", "condoleezza", "cable", "dated", "nov", "2007"} & set(d.topic)
    clinton = parse_description(CLINTON, WAPO_DATE)
    assert "clinton" not in clinton.topic and "chemical" in clinton.topic


def test_described_id_is_stable_and_documents_unknown_parts():
    assert parse_description(RICE, WAPO_DATE).synthetic_id() == "cable-described:2007-11-03:STATE:RICE"
    assert described_id("2010-05", None, "CLINTON") == "cable-described:2010-05:UNKNOWN:CLINTON"


def _cable(cable_id, date, signers, body):
    return CableCandidate(cable_id, date, None, "SUBJECT", body, signers)


JET_VANES_BODY = ("BALLISTIC MISSILE JET VANES FROM NORTH KOREA TRANSIT BEIJING ON IRAN AIR FLIGHTS; "
                  "THE CARGO IS DESTINED FOR IRAN'S MISSILE PROGRAM AND WILL BE SHIPPED NOVEMBER 4.")


def test_a_cable_a_day_off_still_matches_but_three_weeks_off_does_not():
    d = parse_description(RICE, WAPO_DATE)
    assert score_cable(d, _cable("07STATE1", "2007-11-04T01:00:00", ["RICE"], JET_VANES_BODY))["ruled_out"] == []
    far = score_cable(d, _cable("07STATE2", "2007-11-22T00:12:00", ["RICE"], JET_VANES_BODY))
    assert far["ruled_out"] == ["date"]


def test_another_signer_or_station_rules_a_cable_out():
    d = parse_description(RICE, WAPO_DATE)
    assert score_cable(d, _cable("07STATE3", "2007-11-03", ["NEGROPONTE"], JET_VANES_BODY))["ruled_out"] == ["signer"]
    assert score_cable(d, _cable("07BEIJING3", "2007-11-03", ["RICE"], JET_VANES_BODY))["ruled_out"] == ["origin"]


def test_same_day_same_signer_but_another_topic_is_not_the_described_cable():
    # Hard negative: State sends many cables a day, all signed by the Secretary.
    d = parse_description(RICE, WAPO_DATE)
    other = _cable("07STATE4", "2007-11-03", ["RICE"], "VISA ISSUANCE STATISTICS FOR CONSULAR SECTIONS IN EUROPE.")
    link = match_description("article-x", d, [other])
    assert link.dst == "cable-described:2007-11-03:STATE:RICE"
    assert link.description["in_collection"] is False
    assert link.description["closest_stored"][0]["id"] == "07STATE4"
    right = _cable("07STATE5", "2007-11-03", ["RICE"], JET_VANES_BODY)
    assert match_description("article-x", d, [other, right]).dst == "07STATE5"


def test_a_cable_dated_only_by_its_year_neither_confirms_nor_rules_out_a_day_in_it():
    # A cable without a date line, DTG or usable DECL date is stored as "2007"
    # (year precision); the description's day can be in that year or not.
    d = parse_description(RICE, WAPO_DATE)
    same_year = score_cable(d, _cable("07STATE5", "2007", ["RICE"], JET_VANES_BODY))
    assert same_year["ruled_out"] == [] and same_year["features"]["date"] == 0.0
    assert score_cable(d, _cable("08STATE5", "2008", ["RICE"], JET_VANES_BODY))["ruled_out"] == ["date"]
