"""Diplomatic actions read from the structure of the sentence (issue 17): real
sentences of dev-split cables, kind, actor and counterpart read by hand."""
import pytest

from prolifwatch.extract import CHEAP, Extractor
from prolifwatch.pipeline import parse_paths

CABLES = {
    "07BANDARSERIBEGAWAN112": "../shared/corpus/scraped-text/07BANDARSERIBEGAWAN112.txt",
    "08BEIJING2322": "../shared/corpus/wikileaks-html/2008/06/08BEIJING2322.html",
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
