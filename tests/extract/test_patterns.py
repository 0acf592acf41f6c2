import pytest

from prolifwatch.extract.bodies import Bodies
from prolifwatch.extract.patterns import Patterns
from prolifwatch.knowledge import default_knowledge


@pytest.fixture(scope="module")
def patterns():
    return Patterns(default_knowledge())


# (text as printed in the seeds, type, expected surfaces)
CASES = [
    ("Missile and Conventional Weapons Division Deputy\nDirector Sun Lei on March 20.", "Person", ["Sun Lei"]),
    ("to MFA Assistant Foreign Minister Liu Jieyi in a September 3 meeting", "Person", ["Liu Jieyi"]),
    ("signed by then-Secretary of State Condoleezza Rice, a North Korean cargo", "Person", ["Condoleezza Rice"]),
    ('"I want to emphasize," said Liu Weimin, a spokesman for the Chinese Foreign Ministry.', "Person", ["Liu Weimin"]),
    ("halting the impending shipment of suspected munitions on the Iranian-flagged M/V Matin to Iran.", "Vessel",
     ["Matin"]),
    ("Their spy satellites tracked the cargo on a Cambodian-registered ship, the Harmony Wish.", "Vessel",
     ["Harmony Wish"]),
    ("These actions by Iran are a violation of UNSCR 1747 and other resolutions.", "Resolution", ["UNSCR 1747"]),
    ("also stressed that UN Security Council\nResolution 1737 required States", "Resolution",
     ["UN Security Council\nResolution 1737"]),
    ("all provisions of UNSC resolutions calling for Chapter VII sanctions, particularly 1737 and 1747, but also",
     "Resolution", ["1737", "1747"]),
    ("the potential supply of the 3GFF-700 cold flow\nforming machine", "Item", ["3GFF-700"]),
    ("This vessel was booked in October to load 83 20-foot containers of cargo", "Quantity",
     ["83 20-foot containers"]),
    ("to load one 40-foot container of unspecified cargo", "Quantity", ["one 40-foot container"]),
]


@pytest.mark.parametrize("text, type_, expected", CASES)
def test_pattern_examples(patterns, text, type_, expected):
    assert [m.text for m in patterns(text) if m.type == type_] == expected


def test_cable_furniture_is_not_a_model_number(patterns):
    assert [m for m in patterns("E.O. 12958: DECL: 09/03/2033 Reasons 1.4 (b) and ISN-2008") if m.type == "Item"] == []


# From cables in ../shared/corpus: groups of states and the reporting-requirement codes closing a cable.
@pytest.mark.parametrize("text", [
    "press for Spanish support for implementation of UNSCR 1803 per the EU-3 1 proposal",
    "at the G-20 summit in London and the G-8 meeting",
    "REPORTING REQUIREMENTS: FPOL-4H, INFR-5H, TERR-2, SRCC-1",
    "under NSPD-26 and in FY-2011",
])
def test_groups_and_reporting_codes_are_not_model_numbers(patterns, text):
    assert [m.text for m in patterns(text) if m.type == "Item"] == []


@pytest.mark.parametrize("text, expected", [
    ("Russia's sale of the S-300 system to Iran", ["S-300"]),
    ("centrifuges of the IR-2 and IR-3 designs", ["IR-2", "IR-3"]),
])
def test_real_designations_stay_model_numbers(patterns, text, expected):
    assert [m.text for m in patterns(text) if m.type == "Item"] == expected


BODY_CASES = [
    ("A source in South Korea's Interior Ministry tells AsiaNews", [("GovernmentBody", "Interior Ministry")]),
    ("a spokesman for the Chinese Foreign Ministry.", [("GovernmentBody", "Chinese Foreign Ministry")]),
    ("We will be sending Embassy Beijing a follow-up demarche", [("GovernmentBody", "Embassy Beijing")]),
    ("exports by named Chinese firms could be used for or diverted to a CW [chemical weapons] program.",
     [("Program", "CW [chemical weapons] program")]),
    ("destined for Iran's ballistic missile program was set", [("Program", "ballistic missile program")]),
]


@pytest.mark.parametrize("text, expected", BODY_CASES)
def test_body_examples(text, expected):
    assert [(m.type, m.text) for m in Bodies()(text)] == expected
