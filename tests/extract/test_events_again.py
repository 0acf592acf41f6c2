"""Finding events again after NER: a paragraph whose mentions did not change
keeps its earlier events; the result is what a fresh search gives."""
from dataclasses import replace

import pytest

from prolifwatch.extract import CHEAP, Extractor
from prolifwatch.extract.events import find_events
from prolifwatch.extract.pipeline import passages_of
from prolifwatch.pipeline import parse_paths
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def cable():
    # seed 002: 28 events, 14 diplomatic actions tied to a transfer, the first transfer in paragraph 0
    extractor = Extractor(CHEAP)
    doc = next(d for d in parse_paths([SEEDS]) if d.id == "07STATE159388")
    found = extractor(doc)
    return doc, passages_of(doc), found.mentions, found.events, extractor.kb


def test_unchanged_mentions_keep_every_earlier_event(cable):
    doc, passages, mentions, events, kb = cable
    # an earlier event changed by hand shows whether it was kept or found anew
    marked = [replace(e, status="kept") for e in events]
    again = find_events(doc, passages, mentions, kb, earlier=(mentions, marked))
    assert again == marked


def test_a_changed_paragraph_is_read_again_and_later_actions_point_at_their_transfer(cable):
    doc, passages, mentions, events, kb = cable
    first = next(e for e in events if e.type == "transfer").evidence.paragraph
    assert first == 0
    # NER's result stood in for by a paragraph that lost its mentions: its events go
    fewer = [m for m in mentions if m.paragraph != first]
    marked = [replace(e, status="kept") for e in events]
    again = find_events(doc, passages, fewer, kb, earlier=(mentions, marked))
    fresh = find_events(doc, passages, fewer, kb)
    assert [replace(e, status=None) for e in again] == [replace(e, status=None) for e in fresh]
    assert all(e.status == "kept" for e in again)  # every paragraph left is reused
    assert not any(e.evidence.paragraph == first for e in again)
    # the actions of later paragraphs now point at the transfer of their own paragraph, earlier in the list
    moved = [(a, e) for a, e in zip(again, [e for e in events if e.evidence.paragraph != first])
             if e.transfer is not None]
    assert moved and all(a.transfer < e.transfer for a, e in moved)
    for action in (a for a, _ in moved):
        pointed = again[action.transfer]
        assert pointed.type == "transfer" and pointed.evidence.paragraph == action.evidence.paragraph


def test_an_attribute_change_counts_as_a_change(cable):
    doc, passages, mentions, events, kb = cable
    first = events[0].evidence.paragraph
    changed = [replace(m, attributes={**m.attributes, "role": "other"}) if m.paragraph == first else m
               for m in mentions]
    marked = [replace(e, status="kept") for e in events]
    again = find_events(doc, passages, changed, kb, earlier=(mentions, marked))
    assert {e.status for e in again if e.evidence.paragraph == first} != {"kept"}
