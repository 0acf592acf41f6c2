"""Diplomatic actions read from the structure of the sentence (issue 17): real
sentences of dev-split cables, quoted exactly; kind, actor and counterpart (or that the sentence
holds no act that was done) read by hand.  The last tests read the same sentences with the cue
words alone (``cue_actions.py``, the gaps scope)."""
import pytest

from prolifwatch.extract import CHEAP, Extractor, find_events, passages_of
from prolifwatch.pipeline import parse_paths

CABLES = {
    "07BANDARSERIBEGAWAN112": "../shared/corpus/scraped-text/07BANDARSERIBEGAWAN112.txt",
    "08BEIJING2322": "../shared/corpus/wikileaks-html/2008/06/08BEIJING2322.html",
    "10STATE17263": "../shared/corpus/scraped-text/10STATE17263.txt",
    "10STATE15856": "../shared/corpus/scraped-text/10STATE15856.txt",
    "09TELAVIV1688": "../shared/corpus/scraped-text/09TELAVIV1688.txt",
    "08STATE18255": "../shared/corpus/wikileaks-html/2008/02/08STATE18255.html",
    "06CARACAS958": "../shared/corpus/scraped-text/06CARACAS958.txt",
    "06PARIS1236": "../shared/corpus/wikileaks-html/2006/02/06PARIS1236.html",
    "07LONDON4328": "../shared/corpus/wikileaks-html/2007/11/07LONDON4328.html",
    "07TELAVIV3515": "../shared/corpus/wikileaks-html/2007/12/07TELAVIV3515.html",
    "08MOSCOW1647": "../shared/corpus/wikileaks-html/2008/06/08MOSCOW1647.html",
    "08STATE99666": "../shared/corpus/scraped-text/08STATE99666.txt",
    "09LONDON118": "../shared/corpus/wikileaks-html/2009/01/09LONDON118.html",
    "09STATE3943": "../shared/corpus/scraped-text/09STATE3943.txt",
    "09USUNNEWYORK497": "../shared/corpus/scraped-text/09USUNNEWYORK497.txt",
    "08STATE1265": "../shared/corpus/wikileaks-html/2008/01/08STATE1265.html",
}


def _documents():
    found = {}
    for id_, path in CABLES.items():
        try:
            found[id_] = next(d for d in parse_paths([path]) if getattr(d, "id", None) == id_)
        except (FileNotFoundError, StopIteration):
            pytest.skip(f"{path}: the corpus is not here")
    return found


@pytest.fixture(scope="module")
def actions():
    extractor = Extractor(CHEAP)
    return {id_: [e for e in extractor(doc).events if e.type == "diplomatic_action"]
            for id_, doc in _documents().items()}


@pytest.fixture(scope="module")
def cue_actions():
    """The actions the cue words alone give (the gaps scope of bulk loads: no parse)."""
    extractor = Extractor(CHEAP)
    found = {}
    for id_, doc in _documents().items():
        passages = passages_of(doc)
        events = find_events(doc, passages, extractor.mentions(passages), extractor.kb, parse="gaps")
        found[id_] = [e for e in events if e.type == "diplomatic_action"]
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


# Which sentences hold an act that was done (third round); the cue words alone read the same rules

def test_an_act_the_post_recommends_is_not_done(actions):
    # 07LONDON4328 ¶16: "We recommend that the USG urge the UK to publicly cancel its export program."
    # The embassy advises Washington; nobody has urged the UK yet.
    assert _of(actions, "07LONDON4328", "We recommend that the USG urge the UK") == []


def test_an_act_the_post_says_we_should_do_is_not_done(actions):
    # 08MOSCOW1647 ¶13: "We should encourage Russia to respond in a more timely and detailed manner to our
    # listing requests."
    assert _of(actions, "08MOSCOW1647", "We should encourage Russia to respond") == []


def test_what_reports_suggest_is_a_view_not_a_request(actions):
    # 06CARACAS958 ¶1: "Press reports and Embassy contacts suggest Venezuela is preparing to try to exploit
    # its own uranium deposits with Iran's assistance."
    assert _of(actions, "06CARACAS958", "Embassy contacts suggest Venezuela") == []


def test_suggesting_that_we_act_is_a_request(actions):
    # 09LONDON118 ¶10: "The UK is discussing this with other European countries, and suggested we focus our
    # efforts on Germany."
    found = _of(actions, "09LONDON118", "suggested we focus our efforts on Germany")
    assert [e.kind for e in found] == ["request"]
    assert _names(found[0], "actor") == ["UK"]


def test_a_talking_point_bullet_is_the_posts_request(actions):
    # 08STATE99666 ¶3 (posts are requested to approach host governments): "-- Urge host governments to
    # share any relevant information from their industry outreach activities with the USG, the NSG,
    # and the IAEA."  The parser reads "Urge" as an adjective of "host".
    found = _of(actions, "08STATE99666", "-- Urge host governments to share")
    assert [(e.kind, _names(e, "actor"), _names(e, "counterpart")) for e in found] == [
        ("request", ["Posts"], ["host governments"])]


def test_the_office_told_to_act_is_the_actor_not_the_counterpart(actions):
    # 09STATE3943 ¶3: "Post is instructed to inform appropriate-level Chinese officials of this
    # transaction, and request that they investigate the entity and individuals involved."
    found = _of(actions, "09STATE3943", "Post is instructed to inform")
    assert found
    assert all(_names(e, "counterpart") != ["Post"] for e in found)
    assert ("request", ["Post"]) in [(e.kind, _names(e, "actor")) for e in found]


def test_our_side_replying_in_a_discussion_is_no_response(actions):
    # 07TELAVIV3515 ¶4: "PDAS McNerney replied that we plan to use the presentation to focus
    # interlocutors' attention on the role that additional banks are playing in sanctions evasion."
    assert _of(actions, "07TELAVIV3515", "PDAS McNerney replied that we plan") == []


def test_asking_about_a_view_with_no_one_addressed_is_a_question(actions):
    # 09USUNNEWYORK497 ¶19: "A/S Gottemoeller asked about Egypt,s view of the interest in nuclear
    # energy throughout the region."
    assert _of(actions, "09USUNNEWYORK497", "A/S Gottemoeller asked about Egypt") == []


def test_their_call_for_a_policy_is_no_request(actions):
    # 06PARIS1236 ¶5: "Boche called for revising the constitution, to give more power to the central
    # government, ..." -- Boche's view of Iraq, not a request to anyone.
    assert _of(actions, "06PARIS1236", "Boche called for revising the constitution") == []


def test_cue_words_alone_give_the_bullet_and_not_the_view(cue_actions):
    # the same sentences read without the parse: the bullet is the posts' act, the view is none
    found = _of(cue_actions, "08STATE99666", "-- Urge host governments to share")
    assert [(e.kind, _names(e, "counterpart")) for e in found] == [("request", ["host governments"])]
    assert _of(cue_actions, "06CARACAS958", "Embassy contacts suggest Venezuela") == []
    assert _of(cue_actions, "08MOSCOW1647", "We should encourage Russia to respond") == []


def test_cue_words_alone_take_the_addressee_after_the_verb(cue_actions):
    # 08MOSCOW1647 ¶6: "In October 2007, Russia informed us of its proposal to provide $200 million worth
    # of weapons and material to the Afghan National Army, ..." -- Russia tells us; the Afghan army is
    # in what was said, not whom it was said to.
    found = _of(cue_actions, "08MOSCOW1647", "Russia informed us of its proposal")
    assert [(_names(e, "actor"), _names(e, "counterpart")) for e in found] == [(["Russia"], ["us"])]


def test_a_warning_given_in_response_is_a_response(actions):
    # 07TELAVIV3515 ¶14: "PDAS McNerney cautioned in response that the USG has no authority at this time to
    # target Iran's oil sector." -- an answer to the Mossad representative's point, not a démarche.
    found = _of(actions, "07TELAVIV3515", "PDAS McNerney cautioned in response")
    assert [(e.kind, _names(e, "actor")) for e in found] == [("response", ["PDAS McNerney"])]


def test_demarches_delivered_to_a_government_name_it(actions):
    # 08MOSCOW1647 ¶28: "We have delivered demarches to the GOR regarding the possible sale of MANPADS to
    # Syria, which Russia has denied." -- the parse reads "to the GOR" as a dative.
    found = _of(actions, "08MOSCOW1647", "We have delivered demarches to the GOR")
    assert ("demarche", ["GOR"]) in [(e.kind, _names(e, "counterpart")) for e in found]


def test_one_reply_per_speaker_however_many_sentences(actions):
    # 09USUNNEWYORK497 ¶18: "Abdelaziz said he was encouraged the United States finally was taking the
    # issue seriously.  He said a new approach to Iran would be good, ..." -- his answer to the A/S,
    # told in two sentences, is one response.
    assert _of(actions, "09USUNNEWYORK497", "He said a new approach to Iran would be good") == []


def test_an_act_under_a_condition_is_not_done_even_in_an_instruction(actions):
    # 08STATE1265 ¶6 (guidance to posts): "If host government raises points related to U.S. missile
    # defense, the U.S. response should be:" -- the host has raised nothing; the cable foresees it.
    assert _of(actions, "08STATE1265", "If host government raises points") == []

