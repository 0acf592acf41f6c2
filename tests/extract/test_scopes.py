"""Generic names keyed with their country; redaction marks; vessel cues; coordinated names."""
from __future__ import annotations

import pytest

from prolifwatch.extract.components import COMPONENTS, Passage
from prolifwatch.extract.mention import Mention
from prolifwatch.extract.patterns import Patterns
from prolifwatch.extract.redactions import without_redactions
from prolifwatch.extract.scopes import GenericBodies
from prolifwatch.knowledge import default_knowledge

CHEAP = ("gazetteer", "control_items", "patterns", "bodies", "capitals", "merge", "short_forms", "merge",
         "redactions", "scopes", "keys", "vessel_short_forms")


@pytest.fixture(scope="module")
def kb():
    return default_knowledge()


@pytest.fixture(scope="module")
def generic(kb):
    return GenericBodies(kb)


@pytest.fixture(scope="module")
def mentions_of(kb):
    components = [COMPONENTS[name](kb) for name in CHEAP]

    def run(document: str, text: str) -> dict[str, str]:
        mentions: list[Mention] = []
        passages = [Passage(0, text, 0, text.isupper(), None, document)]
        for component in components:
            mentions = component(passages, mentions)
        return {m.text: m.key for m in mentions if m.type not in ("Date", "Quantity")}

    return run


@pytest.mark.parametrize("document, before, text, key", [
    ("07BEIJING1448", "a meeting with ", "MFA", "entity:cn-mfa"),  # the knowledge base's entry
    ("07TELAVIV3515", "The ", "MFA", "body:mfa:il"),  # the post
    ("08TRIPOLI14", "Reading from an Egyptian ", "MFA", "body:mfa:eg"),  # the text before wins
    ("08STATE128877", "Saudi ", "MFA", "body:mfa:sa"),
    ("07PARIS1844", "-- AFGHANISTAN: ", "MFA", "body:mfa:fr"),  # a heading is not the body's country
    ("09STATE3", "Embassy should approach the ", "MFA", "body:mfa:doc-09state3"),  # the US has no MFA
    ("09USNATO30", "the ", "Foreign Ministry", "body:mfa:doc-09usnato30"),  # a mission: no host
    ("07IRANRPODUBAI23", "The ", "Foreign Ministry", "entity:ir-mfa"),  # the Iran office in Dubai
    ("09TELAVIV936", "Kyl said the ", "Congress", "body:congress:us"),  # elsewhere, the US Congress
    ("08BRASILIA43", "introduced to ", "Congress", "body:congress:br"),
    ("05NEWDELHI909", "As ", "Congress", "body:congress-party:in"),
    ("06MADRID2809", "before the Spanish ", "Congress", "body:congress:es"),
    ("09STATE11869", "with ", "MRE", "body:mfa:br"),  # Brazil's own acronym
    ("07THEHAGUE246", "Ministry of Economic Affairs (", "MEA", None),  # not India's MEA there
    ("09BEIJING2063", "the 18th ", "Party Congress", "body:party-congress:cn"),
])
def test_generic_bodies_take_their_country(generic, document, before, text, key):
    mention = Mention("GovernmentBody", text, len(before), len(before) + len(text))
    assert generic.key(mention, before, "", generic.post_country(document), document) == key


def test_country_after_the_name(mentions_of):
    assert mentions_of("09USNATO30", "The Foreign Ministry of Japan said so.")["Foreign Ministry"] == "body:mfa:jp"


def test_names_that_are_not_generic_keep_their_key(generic):
    assert generic.split("Bank Sepah") is None
    assert generic.split("Ministry of Defense and Armed Forces Logistics") is None


def test_posts_countries(generic):
    assert generic.post_country("08BEIJING3400") == "CN"
    assert generic.post_country("07THEHAGUE566") == "NL"
    assert generic.post_country("09SHANGHAI12") == "CN"
    assert generic.post_country("09USUNNEWYORK5") is None
    assert generic.post_country("article-03c5935401c2b59c") is None


@pytest.mark.parametrize("text, kept", [
    ("XXXXXXXXXXXX", None), ("XXXXXXXXXXXX\n ", None), ("xxxxx", None), ("(REDACTED)", None),
    ("Vann Van Diepen XXXXXXXXXXXX", "Vann Van Diepen"), ("Exxon", "Exxon"), ("Max", "Max"),
])
def test_redaction_marks_are_no_mention(text, kept):
    found = without_redactions([Mention("Organization", text, 5, 5 + len(text), key="org:x")])
    assert [m.text for m in found] == ([kept] if kept else [])


@pytest.mark.parametrize("text, all_caps, vessels", [
    ("SOME OF THE LATTER MAY EVEN JUMP SHIP \nAND TURN ON HIM. BUT", True, []),
    ("the casks needed to ship the HEU to Russia", False, []),
    ("S/S Jean-Daniel Gerber, State Secretary, Swiss Department", False, []),
    ("aboard the M/V Fast\nIndependence. It", False, ["Fast\nIndependence"]),
    ("the vessel Iran Deyanat", False, ["Iran Deyanat"]),
    ("THE M/V IRAN MATIN", True, ["IRAN MATIN"]),
])
def test_a_vessel_needs_a_vessel_cue(kb, text, all_caps, vessels):
    assert [m.text for m in Patterns(kb).vessels(text, all_caps=all_caps)] == vessels


def test_short_ship_name_joins_the_full_one_in_a_document(mentions_of):
    found = mentions_of("07STATE159388", "The Iranian-flagged M/V Matin sailed. M/V Iran Matin is an IRISL ship.")
    assert found["Matin"] == found["Iran Matin"]


def test_coordinated_names_are_split(mentions_of):
    found = mentions_of("09LONDON118", "Treasury designated IRISL and OASIS Freight Agency yesterday.")
    assert found["IRISL"] == "entity:irisl"
    assert found["OASIS Freight Agency"] == "body:oasis-freight-agency"
