import pytest

from prolifwatch.extract.text import is_all_caps, sentences

SEED_003_PARA_5 = (
    "5. (S/NF) We are particularly concerned about an impending shipment of military cargo to Iran, and see this "
    "as a litmus test of China's commitment. The Islamic Republic of Iran Shipping Lines (IRISL) Iranian-flagged "
    "M/V Iran Matin on Persian Japanese Line (PJL) voyage 1831 was in port at Tianjin, China, on 21 November 2007. "
    "This vessel was booked in October to load 83 20-foot containers of cargo."
)


def test_sentences_do_not_break_after_initials_or_paragraph_numbers():
    spans = list(sentences(SEED_003_PARA_5))
    texts = [SEED_003_PARA_5[s:e] for s, e in spans]
    assert len(texts) == 3
    assert texts[0].startswith("5. (S/NF) We are particularly")
    assert texts[1].startswith("The Islamic Republic") and texts[1].endswith("21 November 2007.")
    assert texts[2] == "This vessel was booked in October to load 83 20-foot containers of cargo."


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1. (C) SUMMARY: THE GOI HAS AGREED TO ALLOW THE SHIPMENT TO PROCEED. THE EMBASSY WILL FOLLOW UP.", True),
        ("1. (S) Stressing the long history and continuing nature of PRC company LIMMT's activities", False),
        ("SHORT", False),
    ],
)
def test_all_caps_detection(text, expected):
    assert is_all_caps(text) is expected


def test_list_items_are_sentences_of_their_own():
    text = "Post should:\n\n-- Press China to halt the shipment.\n\n-- Highlight Iran's failure to honor agreements."
    texts = [text[s:e] for s, e in sentences(text)]
    assert texts == ["Post should:", "-- Press China to halt the shipment.", "-- Highlight Iran's failure to honor agreements."]
