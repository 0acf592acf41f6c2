"""Which transfer a diplomatic action concerns (issue 17): events of 08BEIJING2322 (dev split)
built by hand from its sentences, the links read from the paragraph."""
from prolifwatch.extract.action_links import link_actions
from prolifwatch.extract.event import Argument, Event, Evidence

PARAGRAPH = ("Acting U/S Rood told AFM He that Chinese arms sales to Iran are of great concern to the United "
             "States, because these weapons are finding their way into the hands of militants in Iraq. "
             "He pressed China strongly to cease its conventional arms sales to Iran. "
             "AFM He responded that China takes \"very seriously\" any information on Iranian retransfers of "
             "weapons to Iraq.")


def _sentence(words: str) -> Evidence:
    start = PARAGRAPH.index(words)
    end = PARAGRAPH.index(".", start + len(words)) + 1
    return Evidence(20, start, end, PARAGRAPH[start:end], "22.")


def _party(text: str) -> list[Argument]:
    return [Argument(text, None, "Country")]


def _transfer(words: str, supplier: str, recipient: str, items: str) -> Event:
    return Event("transfer", _sentence(words), {"supplier": _party(supplier), "recipient": _party(recipient),
                                                "items": [Argument(items, None, "Goods")]})


def _action(words: str, kind: str, actor: str, counterpart: str) -> Event:
    return Event("diplomatic_action", _sentence(words), {"actor": _party(actor), "counterpart": _party(counterpart)},
                 kind=kind)


def test_each_action_concerns_the_transfer_its_sentence_tells_or_names():
    sales = _transfer("He pressed China", "China", "Iran", "conventional arms")
    retransfers = _transfer("Acting U/S Rood told", "Iran", "militants in Iraq", "weapons")
    pressed = _action("He pressed China", "demarche", "Rood", "China")
    responded = _action("AFM He responded", "response", "AFM He", "Rood")
    link_actions([pressed, responded], [sales, retransfers], 10)
    assert pressed.transfer == 10  # the sales to Iran, told in the same sentence
    assert responded.transfer == 11  # the retransfers of weapons to Iraq, which the reply names


def test_a_reply_naming_no_transfer_concerns_what_the_demarche_it_answers_concerned():
    # 08BEIJING2322 ¶11: "Acting U/S Rood continued to press AFM He ..."; "AFM He responded that
    # \"this message is not lost.\"" names nothing; it answers the pressing.
    sales = _transfer("He pressed China", "China", "Iran", "conventional arms")
    other = _transfer("Acting U/S Rood told", "Iran", "militants in Iraq", "weapons")
    pressed = _action("He pressed China", "demarche", "Rood", "China")
    reply = Event("diplomatic_action", Evidence(20, 400, 450, "AFM He responded that \"this message is not lost.\""),
                  {"actor": _party("AFM He"), "counterpart": _party("Rood")}, kind="response")
    link_actions([pressed, reply], [sales, other], 3)
    assert (pressed.transfer, reply.transfer) == (3, 3)


def test_an_action_naming_none_of_several_transfers_concerns_none():
    sales = _transfer("He pressed China", "China", "Iran", "conventional arms")
    other = _transfer("AFM He responded", "Iran", "Iraq", "weapons")
    told = Event("diplomatic_action", Evidence(20, 0, 30, "PolOff told the Ambassador's views."),
                 {"actor": _party("PolOff"), "counterpart": _party("MFA")}, kind="demarche")
    link_actions([told], [sales, other], 0)
    assert told.transfer is None
