"""Cue-word lists and date patterns, tried only where a key opens a match,
must find exactly what a full regular-expression scan finds."""
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prolifwatch.extract.cues import cues
from prolifwatch.extract.cuewords import Prepared, Words
from prolifwatch.extract.dates import _PATTERNS, _matches


def _lists():
    c = cues()
    named = {name: getattr(c, name) for name in ("trigger", "not_trigger", "goods", "goods_as_items", "generic",
                                                  "refers_back", "new_consignment", "route", "any_diplomatic",
                                                  "actor_role")}
    for group in ("status", "hedging", "diplomatic"):
        named.update({f"{group}:{name}": words for name, words in getattr(c, group)})
    return named


LISTS = _lists()

# Cue words and their near misses, with what sits around words: case, hyphens,
# line breaks, punctuation, letters that IGNORECASE matches with ASCII ones.
FRAGMENTS = [
    "ship", "SHIPPED", "shipment", "worship", "delivered", "the", "démarche", "DÉMARCHE", "message", "points",
    "in", "port", "at", "within", "is", "false", "baseless", "laws", "law", "prohibit", "bans", "any", "could",
    "will", "would", "not", "sell", "to", "load", "report", "the next day", "stop", "a", "shipment", "concern",
    "over", "that", "provided", "information", "Ambassador", "the British", "PolOff", "u.s.", "U.S.", "end-user",
    "end", "user", "also", "this vessel", "depart", "2007", "4", "November", "Nov.", "May", "last", "year",
    " ", " ", "  ", "\n", "\t", "-", ",", ".", "(", ")", "'s", "\u017f", "\u0130", "\u212a", "x",
    # whole regular-expression cues, whose keys are read from the expression
    "law prohibit", "ban on", "inspection of", "do not sell", "sent a letter", "sending the cable",
    "provide some data", "concern over that", "report it is false", "stop the transfer",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, pos=st.integers(0, 40), length=st.integers(0, 80))
@example(text="they also-ran alsoX", pos=0, length=18)  # a window that cuts a word after a cue
@example(text="laws prohibit; law prohibit", pos=0, length=80)
def test_every_cue_list_finds_what_its_pattern_finds(text, pos, length):
    for name, words in LISTS.items():
        assert [m.span() for m in words.finditer(text)] == [m.span() for m in words.pattern.finditer(text)], name
        found, expected = words.search(text), words.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), name
        # a window, as the clause splitter searches: look-arounds at its edges as in re
        found, expected = words.search(text, pos, pos + length), words.pattern.search(text, pos, pos + length)
        assert (found and found.span()) == (expected and expected.span()), name


def test_a_cue_is_found_as_a_whole_word_only():
    trigger = LISTS["trigger"]
    assert [m.group() for m in trigger.finditer("worship; SHIPPED\nshipments, re-ship")] == ["SHIPPED", "shipments"]
    assert LISTS["route"].search("was in\n  port at Tianjin").group() == "in\n  port at"


@pytest.mark.parametrize("entry", ["arms|weapons", "(?:a|the)? cargo", "\\s+cargo", ".* cargo"])
def test_a_cue_that_does_not_open_with_a_word_is_refused(entry):
    with pytest.raises(ValueError):
        Words([entry], Prepared())


DATE_FRAGMENTS = ["between", "24", "and", "26", "November", "NOV.", "Sept.", "3", "2007", "in", "since", "May",
                  "may", "last", "year", "the", "next", "day", "today", "earlier", "this", "within", "x",
                  " ", "\n", ",", ".", "\u017f", "\u0130", "Augu\u017ft",
                  "4 November", "\u0663 November", "Nov. 3, 2007", "in 2007", "between 24 and 26 November",
                  "the next day"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(DATE_FRAGMENTS), max_size=25).map("".join))
@example(text="on 4 November and 5 Dec. 2007, in 2008, last year; between 1 and 9 May; Sept. 3")
def test_date_patterns_find_what_a_full_scan_finds(text):
    gated = [[m.span() for m in matches] for _, matches in _matches(text)]
    assert gated == [[m.span() for m in pattern.finditer(text)] for _, pattern, _ in _PATTERNS]
