import random

from prolifwatch.extract.bodies import _BODY, _COMPANY, _bodies, _companies


def test_body_search_from_capitals_finds_what_a_full_scan_finds():
    rng = random.Random(11)
    pieces = ["Foreign", "Ministry", "of", "and", "Defense", "Department", "Politburo", "Office", "Second",
              "Division", "the", "/", "x", " ", "\n", "-", "Missile", "é", "2"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _bodies(text)] == [m.span() for m in _BODY.finditer(text)], text


def test_company_search_from_capitals_finds_what_a_full_scan_finds():
    rng = random.Random(12)
    pieces = ["China", "Precision", "Machinery", "Import", "and", "Export", "Company", "Co.", "Corp.", "Corporate",
              "Industrial", "Group", "Industries", "Ltd", "Limited", "Inc.", "Trading", "of", "&", "the", "/", "x",
              " ", "\n", "-", "é", "2"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in _companies(text)] == [m.span() for m in _COMPANY.finditer(text)], text
