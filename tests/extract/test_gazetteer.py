import pytest

from prolifwatch.extract.gazetteer import Gazetteer
from prolifwatch.knowledge import default_knowledge


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(default_knowledge().names())


# (text, all caps?, expected (surface, key) in order) -- the sentences are from the seeds and corpus
CASES = [
    ("for Iran's Defense Industries Organization (DIO) for delivery to Bandar Abbas, Iran.", False,
     [("Iran", "country:IR"), ("Defense Industries Organization", "entity:defense-industries-organization"),
      ("DIO", "entity:defense-industries-organization"), ("Bandar Abbas", "entity:bandar-abbas"),
      ("Iran", "country:IR")]),
    # apostrophes lost in seed 001: "Irans", "MFAs"
    ("regarding Irans lack of cooperation", False, [("Iran", "country:IR")]),
    # acronyms match only as printed in mixed-case text ...
    ("the dio said", False, []),
    # ... but anything goes in an ALL-CAPS cable
    ("THE DIO AND LIMMT SHIPPED TO PYONGYANG", True,
     [("DIO", "entity:defense-industries-organization"), ("LIMMT", "entity:limmt"), ("PYONGYANG", "country:KP")]),
    # no match inside a longer word
    ("Iranians and Chinatown", False, [("Iranians", "country:IR")]),
    ("a North Korean cargo", False, [("North Korean", "country:KP")]),
]


@pytest.mark.parametrize("text, caps, expected", CASES)
def test_gazetteer_examples(gazetteer, text, caps, expected):
    found = gazetteer(text, all_caps=caps)
    # the longest name at a place wins later in the merge; here keep only names not inside another
    outer = [m for m in found if not any(o is not m and o.start <= m.start and m.end <= o.end for o in found)]
    assert [(m.text, m.key) for m in outer] == expected
