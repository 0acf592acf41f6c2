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


def _every_occurrence(names, text, all_caps):
    """What the gazetteer did before it searched word starts only: try every
    occurrence of every name, in order of end, then keep the bounded ones."""
    from prolifwatch.extract.prefilter import fold
    from prolifwatch.extract.text import bounded

    finder = Gazetteer(names)
    folded = fold(text)
    spelled = sorted({n.text.strip().lower() for n in names} - {"s"}, key=len, reverse=True)  # one letter: never a name
    found = []
    for end in range(1, len(folded) + 1):
        for name in spelled:  # longest first at one end, as the automaton yields them
            start = end - len(name)
            if start >= 0 and folded[start:end] == name and (
                    bounded(text, start, end) or finder._possessive_s(text, start, end)):
                entry = finder._pick(finder._entries[name], text[start:end], all_caps)
                if entry is not None:
                    found.append((entry.key, start, end))
    return found


def test_word_start_search_finds_what_every_occurrence_gives():
    import random

    from prolifwatch.knowledge import Name

    names = [Name(t, "Country", "k:" + t) for t in ("US", "us", "U.S.", "U-S", "Iran", "Ira", "café", "ÉTÉ", "é-té", "S")]
    rng = random.Random(3)
    pieces = ["us", "US", "u.s.", "U-S", "u s", "iran", "Iran", "ira", "café", "CAFÉ", "été", "é-té", "É",
              "İ", "s", "x", " ", "\n", ".", "-", "'", "’", "¶", "_", "1"]
    finder = Gazetteer(names)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        caps = rng.random() < 0.3
        got = [(m.key, m.start, m.end) for m in finder(text, all_caps=caps)]
        assert got == _every_occurrence(names, text, caps), text
