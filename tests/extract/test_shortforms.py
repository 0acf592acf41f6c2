import random
import re

from prolifwatch.extract.shortforms import ShortForms


def regex_matches(names, text):
    """What the component used before: one regex alternating every name, longest first."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?:s\b|\b)")
    return [(m.start(1), m.end(1), m.end()) for m in pattern.finditer(text)]


def test_plural_and_word_ends():
    scan = ShortForms(["Liu", "Liu Jieyi", "Kim"])
    text = "Liu Jieyi met Lius and Kimball; Kims, Liu_x and Liu."
    assert list(scan.matches(text)) == [(0, 9, 9), (14, 17, 18), (32, 35, 36), (48, 51, 51)]


def test_same_matches_as_the_alternation():
    rng = random.Random(7)
    pieces = ["Liu", "Lius", "Li", "Kim", "Jong-Il", "Jong", "s", " ", "\n", ".", "-", "'", "_", "x", "é", "1", "LIU"]
    for _ in range(3000):
        names = list(dict.fromkeys(rng.sample(["Li", "Liu", "Kim", "Jong-Il", "Jong", "Lius", "Kim's", "LIU"], rng.randint(1, 4))))
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert list(ShortForms(names).matches(text)) == regex_matches(names, text), (names, text)
