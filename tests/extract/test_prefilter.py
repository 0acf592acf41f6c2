"""The cue prefilters must find exactly what a full regular-expression scan finds."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prolifwatch.extract.patterns import Patterns
from prolifwatch.extract.prefilter import CueScan, finditer_from, fold, foldable, token_before
from prolifwatch.extract.text import is_all_caps, sentences
from prolifwatch.knowledge import default_knowledge


@pytest.fixture(scope="module")
def patterns():
    return Patterns(default_knowledge())


def test_cue_scan_reports_every_occurrence_under_each_label():
    scan = CueScan({"title": {"Minister", "Mr."}, "unit": {"ton"}, "both": {"ton"}})
    hits = scan.hits("Mr. Li, Minister: 20 tons, 30 tonnes")
    assert hits["title"] == [(0, 3), (8, 16)]
    assert hits["unit"] == hits["both"] == [(21, 24), (30, 33)]


def test_printed_cues_count_only_where_printed_so_although_searched_folded():
    scan = CueScan({"unit": {"ton"}}, printed={"title": {"Mr.", "MR."}, "flight": {"FLIGHT"}})
    text = "Mr. Li, mr. Wu, MR. X: 20 TONS on flight 7, FLIGHT 8"
    hits = scan.hits(fold(text), printed=text)
    assert hits["title"] == [(0, 3), (16, 19)]
    assert hits["flight"] == [(text.index("FLIGHT"), text.index("FLIGHT") + 6)]
    assert hits["unit"] == [(26, 29)]
    with pytest.raises(ValueError):
        CueScan({"unit": {"ton"}}, printed={"unit": {"Ton"}})


def test_finditer_from_keeps_look_behinds_and_skips_overlaps():
    pattern = re.compile(r"(?<![\w/])ab+")
    text = "ab xab /ab abbb"
    everywhere = range(len(text))
    assert [m.span() for m in finditer_from(pattern, text, everywhere)] == [m.span() for m in pattern.finditer(text)]
    # a start inside an earlier match is not tried again
    assert [m.group() for m in finditer_from(re.compile(r"a\w+"), "aaaa", [0, 1, 2])] == ["aaaa"]


def test_token_before_skips_spaces_and_line_breaks():
    text = "load 83 20-foot\n containers"
    assert text[slice(*token_before(text, text.index("containers")))] == "20-foot"
    assert token_before(text, 0) == (0, 0)


def test_foldable_refuses_letters_that_ignorecase_matches_with_ascii():
    assert foldable("M/V Matin", fold("M/V Matin"))
    assert foldable("¶3. Beijing’s", fold("¶3. Beijing’s"))
    assert not foldable("the \u017fhip", fold("the \u017fhip"))  # long s: IGNORECASE matches it with "s"
    assert not foldable("\u0130stanbul", fold("\u0130stanbul"))  # lower-casing makes it two characters


# Fragments that make the patterns match, nearly match and overlap.
FRAGMENTS = [
    "Minister", "Foreign Minister", "Mr.", "MR.", "FM", "A/S", "Li Bin", "LI BIN", "Kim Jong-Il", " ", " ", "\n",
    "M/V", "vessel", "VESSEL", "ship", "the", "Harmony Wish", "83", "1,200", "one", "20-foot", "40-ft", "containers",
    "tons", "metric", "TONS", "sets", "3GFF-700", "-", "ISN-2008", "AB-12", "x", "IMO", "No.", "1234567", "flight",
    "FLIGHT", "IR 655", ",", ".", "(", "\u017f", "/", "Washington",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join)


def _full(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_gated_patterns_find_what_a_full_scan_finds(patterns, text):
    for caps in (False, True):
        cues = patterns.cues(text, all_caps=caps)
        titled = patterns._titled_caps if caps else patterns._titled
        assert [m.span() for m in _gated(patterns, titled, text, [s for s, _ in cues["title"]])] == _full(titled, text)
        if cues["vessel"] is not None:
            vessel = patterns._vessel[caps]
            assert [m.span() for m in _gated(patterns, vessel, text, [s for s, _ in cues["vessel"]])] == _full(
                vessel, text)
    assert [(m.start, m.end) for m in patterns.quantities(text)] == [
        m.span("q") for m in patterns._QUANTITY.finditer(text)]
    assert [m.text for m in patterns.model_numbers(text)] == [
        m.group() for m in patterns._MODEL.finditer(text) if not patterns._NOT_MODEL.search(m.group())]
    assert [m.text for m in patterns.imo_numbers(text)] == [m.group() for m in patterns._IMO.finditer(text)]
    assert [m.text for m in patterns.flights(text)] == [m.group("number") for m in patterns._FLIGHT.finditer(text)]


def _gated(patterns, pattern, text, starts):
    return list(finditer_from(pattern, text, starts))


def test_people_and_vessels_come_from_the_gated_scan(patterns):
    text = "AFM Liu Jieyi met Amb. Smith; the M/V Iran Matin and the cargo ship Harmony Wish"
    assert [m.text for m in patterns(text) if m.type == "Person"] == ["Liu Jieyi", "Smith"]
    assert [m.text for m in patterns(text) if m.type == "Vessel"] == ["Iran Matin", "Harmony Wish"]


# --- sentences and case: the fast versions against the plain ones they replace

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9-])|\n\s*\n|\n(?=--)|(?<=\S)\s+(?=-- )")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:[A-Z]|U\.S|U\.N|U\.K|Mr|Mrs|Ms|Dr|Gen|Amb|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|No|Co|Corp"
    r"|Inc|Ltd|Jr|St|Para|para|Ref|REF|[A-Z]\.[A-Z])\.|^\W*\d+\.|\(\w\)\.)$"
)


def plain_sentences(text):
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _NO_BREAK_BEFORE.search(text[start : match.start()]):
            continue
        span = text[start : match.start()]
        if span.strip():
            yield start + len(span) - len(span.lstrip()), match.start() - (len(span) - len(span.rstrip()))
        start = match.end()
    span = text[start:]
    if span.strip():
        yield start + len(span) - len(span.lstrip()), len(text) - (len(span) - len(span.rstrip()))


SENTENCE_PARTS = ["Mr.", "U.S.", "Sept.", "(a).", "12.", "1.", "Li", "word", "He", "THE", ".", "!", "?", '"', ")", "(",
                  " ", " ", "\n", "\n\n", " \n ", "--", "-- ", "\t", "\u00a0", "x.", "A.B."]


@settings(max_examples=1000, deadline=None)
@given(text=st.lists(st.sampled_from(SENTENCE_PARTS), max_size=30).map("".join))
def test_sentences_split_as_the_plain_scan_does(text):
    assert list(sentences(text)) == list(plain_sentences(text))


@given(text=st.text(alphabet=st.sampled_from("aZbY .\u00e9\u00c9"), max_size=60))
def test_all_caps_counts_ascii_letters_only(text):
    upper, lower = len(re.findall(r"[A-Z]", text)), len(re.findall(r"[a-z]", text))
    assert is_all_caps(text) == (upper + lower >= 20 and lower / (upper + lower) < 0.05)
