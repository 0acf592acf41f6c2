"""Diplomatic actions read from the structure of the sentence (issue 17): real
sentences of dev-split cables, kind, actor and counterpart read by hand."""
import pytest

from prolifwatch.extract import CHEAP, Extractor
from prolifwatch.pipeline import parse_paths

CABLES = {
    "07BANDARSERIBEGAWAN112": "../shared/corpus/scraped-text/07BANDARSERIBEGAWAN112.txt",
    "08BEIJING2322": "../shared/corpus/wikileaks-html/2008/06/08BEIJING2322.html",
    "10STATE17263": "../shared/corpus/scraped-text/10STATE17263.txt",
    "10STATE15856": "../shared/corpus/scraped-text/10STATE15856.txt",
    "09TELAVIV1688": "../shared/corpus/scraped-text/09TELAVIV1688.txt",
    "08STATE18255": "../shared/corpus/wikileaks-html/2008/02/08STATE18255.html",
}


@pytest.fixture(scope="module")
def actions():
    extractor = Extractor(CHEAP)
    found = {}
    for id_, path in CABLES.items():
        try:
            doc = next(d for d in parse_paths([path]) if getattr(d, "id", None) == id_)
        except (FileNotFoundError, StopIteration):
            pytest.skip(f"{path}: the corpus is not here")
        found[id_] = [e for e in extractor(doc).events if e.type == "diplomatic_action"]
    return found


def _of(actions, cable, words):
    return [e for e in actions[cable] if words in " ".join(e.evidence.text.split())]


def _names(event, role):
    return [a.text for a in event.values(role)]


def test_ambassador_urged_the_host_government_is_a_demarche(actions):
    # 07BANDARSERIBEGAWAN112 ¶3: "Ambassador urged the Government of Brunei to point out the value of the
    # P5-plus-one offer ... and encourage its acceptance."  One act, not two.
    found = _of(actions, "07BANDARSERIBEGAWAN112", "Ambassador urged the Government of Brunei")
    assert [e.kind for e in found] == ["demarche"]
    assert _names(found[0], "actor") == ["Ambassador"]
    assert "Government" in _names(found[0], "counterpart")[0]


def test_what_the_host_says_in_response_answers_the_ambassador(actions):
    # 07BANDARSERIBEGAWAN112 ¶2: "In response to demarche, Maimunah said the MFAT had already received
    # text of UNSCR 1747"; the counterpart is the Ambassador who delivered it in the same paragraph.
    found = _of(actions, "07BANDARSERIBEGAWAN112", "Maimunah said the MFAT")
    assert [(e.kind, _names(e, "actor"), _names(e, "counterpart")) for e in found] == [
        ("response", ["Maimunah"], ["Ambassador"])]


def test_urging_a_government_to_provide_information_is_a_request(actions):
    # 08BEIJING2322 ¶19: "Acting U/S Rood strongly urged China to provide the United States with
    # information on the actions the PRC is taking with respect to its investigation of LIMMT."
    found = _of(actions, "08BEIJING2322", "Rood strongly urged China to provide")
    assert [(e.kind, _names(e, "counterpart")) for e in found] == [("request", ["China"])]
    assert "Rood" in _names(found[0], "actor")[0]


def test_a_question_put_to_no_one_is_no_request(actions):
    # 10STATE17263 (talks on missile programmes): "Russia asked whether the Sejjil was part of the
    # Ashura program." asks for a view in a technical exchange; it asks no one to act.
    assert _of(actions, "10STATE17263", "Russia asked whether the Sejjil was part") == []


def test_what_is_reported_inside_a_question_is_not_an_act(actions):
    # 10STATE17263: "Russia asked if the U.S. was saying that its case for the existence of the
    # BM-25 missile is ..."; the U.S. does not say anything in this sentence.
    found = _of(actions, "10STATE17263", "Russia asked if the U.S. was saying")
    assert not [e for e in found if "U.S." in _names(e, "actor")]


def test_agreeing_to_look_into_a_matter_is_an_assurance(actions):
    # 10STATE17263: "The U.S. agreed to look into the matter and elaborate further at the next JTA talks."
    found = _of(actions, "10STATE17263", "The U.S. agreed to look into the matter")
    assert [(e.kind, _names(e, "actor")) for e in found] == [("assurance", ["U.S."])]


def test_offering_to_raise_an_issue_is_an_assurance_not_a_demarche(actions):
    # 09TELAVIV1688: "A/S Shapiro offered to raise the issue in Washington." promises an act; the
    # issue is not raised in this sentence.
    found = _of(actions, "09TELAVIV1688", "A/S Shapiro offered to raise the issue")
    assert [(e.kind, _names(e, "actor")) for e in found] == [("assurance", ["A/S Shapiro"])]


def test_talking_points_are_the_acts_of_the_post_instructed_to_deliver_them(actions):
    # 10STATE15856 ¶7: "Post is requested to approach GOT officials ..."; its talking points say
    # "-- We strongly urge you to investigate this information and prevent any transfers ...":
    # Post speaks, to the government it approaches ("you").
    found = _of(actions, "10STATE15856", "We strongly urge you to investigate this information")
    assert [(e.kind, _names(e, "actor"), _names(e, "counterpart")) for e in found] == [
        ("request", ["Post"], ["you"])]


def test_a_talking_point_asking_for_help_is_a_request_of_post_to_the_host_government(actions):
    # 08STATE18255 ¶2: "Post is requested to approach the ROKG"; ¶3: "-- We strongly request your
    # government's assistance in taking immediate steps to keep the three aircraft grounded".
    found = _of(actions, "08STATE18255", "We strongly request your government's assistance")
    assert [(e.kind, _names(e, "actor"), _names(e, "counterpart")) for e in found] == [
        ("request", ["Post"], ["your government"])]
