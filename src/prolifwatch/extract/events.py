"""Events in paragraphs: transfers of goods and the diplomatic actions around
them, each argument a mention, each event with its evidence.

The finders are rules over mentions and the cue words kept in
``data/events.yaml``: transfers in ``transfers.py``, diplomatic actions in
``actions.py``.  A diplomatic action is linked to the transfer of its paragraph
that it concerns (``action_links.py``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..knowledge import KnowledgeBase
from ..model import Document
from .action_links import link_actions
from .actions import actions_in_paragraph
from .components import Passage, by_paragraph
from .confidence import cable_features, listed
from .cue_actions import actions_by_cues
from .cues import Cues, cues
from .dates import anchor_date, find_dates
from .event import ACTION_ROLES, TRANSFER_ROLES, Argument, Event, Evidence
from .event_dates import date_transfers
from .mention import Mention
from .role_model import reassign_roles
from .talking_points import instructed_office
from .text import is_all_caps, sentences
from .transfers import Sentence, transfers_in_paragraph

__all__ = ["ACTION_ROLES", "TRANSFER_ROLES", "Argument", "Event", "Evidence", "find_events"]

_THIS_VESSEL = re.compile(r"\b(?:this|the)\s+(?:vessel|ship)\b", re.I)


def find_events(doc: Document, passages: list[Passage], mentions: list[Mention], kb: KnowledgeBase,
                earlier: tuple[list[Mention], list[Event]] | None = None, parse: str = "all") -> list[Event]:
    """The events of the passages, in order.  ``earlier``: the mentions and events of
    an earlier call on the same passages; a paragraph holding the same mentions as
    then keeps its events instead of being read again (events are found paragraph
    by paragraph, from its text and its mentions only).  ``parse``: where the
    dependency parse is spent — "all" (every sentence with a transfer or action
    cue) or "gaps" (bulk loads: only the sentences of the cue rules' transfers that
    lack a supplier or a recipient; actions by cue words alone)."""
    anchor = anchor_date(getattr(doc, "created", None) or getattr(doc, "published", None))
    c = cues()
    grouped = by_paragraph(mentions)
    kept = _unchanged(grouped, *earlier) if earlier else {}
    whole = "\n".join(p.text for p in passages)
    instructed = instructed_office(whole)  # who delivers the talking points
    cable = cable_features(list(getattr(doc, "tags", None) or []), whole, c.trigger)
    events: list[Event] = []
    for p in passages:
        if p.index in kept:
            events.extend(_rebased(*kept[p.index], len(events)))
            continue
        inside = grouped.get(p.index)
        if not inside:
            continue
        # one search per paragraph spares the sentence-by-sentence work where no event can be
        may_transfer, may_act = bool(c.trigger.search(p.text)), bool(c.any_diplomatic.search(p.text))
        if not (may_transfer or may_act):
            continue
        told = _sentences_of(p, inside, anchor, c)
        transfers = transfers_in_paragraph(p.text, p.start, told, c, kb, _event_date, parse) if may_transfer else []
        transfers = reassign_roles(transfers, told, is_all_caps(p.text))  # the learned roles, where confident
        transfers = listed(transfers, cable)  # scored; those under the model's floor are not told
        date_transfers(transfers, p, anchor, c)  # after the scoring: the model learned the sentence's first date
        first_transfer = len(events) if transfers else None
        events.extend(transfers)
        dates = {s.evidence.start: s.dates for s in told}
        found = (actions_in_paragraph(told, c, is_all_caps(p.text), instructed) if parse == "all"
                 else actions_by_cues(told, c, instructed)) if may_act else []
        link_actions(found, transfers, first_transfer)  # each to the transfer it names or answers about
        for action in found:
            action.date, action.date_precision = _event_date(dates[action.evidence.start])
            events.append(action)
    return events


def _unchanged(grouped: dict[int, list[Mention]], mentions: list[Mention],
               events: list[Event]) -> dict[int, tuple[list[Event], int]]:
    """The earlier events of each paragraph whose mentions are those of then,
    attributes included (the finders read some), with the index the first of them had."""
    same = {index for index, inside in by_paragraph(mentions).items()
            if grouped.get(index) == inside and all(
                a.attributes == b.attributes for a, b in zip(grouped[index], inside))}
    # a paragraph unchanged and without events is kept too: it is not read again
    kept: dict[int, tuple[list[Event], int]] = {index: ([], 0) for index in same}
    for n, e in enumerate(events):
        if e.evidence.paragraph in same:
            told, first = kept[e.evidence.paragraph]
            if not told:
                kept[e.evidence.paragraph] = (told, n)
            told.append(e)
    return kept


def _rebased(events: list[Event], was_first: int, first: int) -> list[Event]:
    """A paragraph's events moved from index ``was_first`` to ``first``: the transfers its
    actions concern (its own) move with them."""
    return [replace(e, transfer=e.transfer - was_first + first) if e.transfer is not None else e for e in events]


def _sentences_of(p: Passage, inside: list[Mention], anchor, c: Cues) -> list[Sentence]:
    spans = list(sentences(p.text))
    # the paragraph's cue words, found once, tell which sentences need not search a list at all
    starts = {words: words.starts(p.text) for words in (c.trigger, c.any_diplomatic, c.route, c.refers_back)}
    c.prepared.parts(p.text, spans)
    told, last_vessel = [], None
    for (s, e), ms in zip(spans, _mentions_by_sentence(spans, p.start, inside)):
        if not ms:  # every argument is a mention: a sentence with none has no event
            continue
        text = p.text[s:e]
        carried = last_vessel if _THIS_VESSEL.search(text) else None
        lacks = frozenset(words for words, at in starts.items() if at is not None and not _any_within(at, s, e))
        told.append(Sentence(text, p.start + s, ms, Evidence(p.index, p.start + s, p.start + e, text, p.number),
                             _LazyDates(text, anchor), carried, lacks))
        vessels = [m for m in ms if m.type in ("Vessel", "Flight")]
        if vessels:
            last_vessel = vessels[-1]
    return told


def _any_within(positions: list[int], start: int, end: int) -> bool:
    """Whether a position of the sorted ``positions`` is in [start, end)."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _mentions_by_sentence(spans: list[tuple[int, int]], offset: int, inside: list[Mention]) -> list[list[Mention]]:
    """The mentions wholly inside each sentence, in their order: sentences do not
    overlap, so each mention is looked up once instead of every sentence scanning all."""
    starts = [offset + s for s, _ in spans]
    out: list[list[Mention]] = [[] for _ in spans]
    for m in inside:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= offset + spans[i][1]:
            out[i].append(m)
    return out


class _LazyDates:
    """Dates of a sentence, looked for only when an event needs one."""

    def __init__(self, sentence: str, anchor):
        self.sentence, self.anchor, self._found = sentence, anchor, None

    def __iter__(self):
        if self._found is None:
            self._found = find_dates(self.sentence, self.anchor)
        return iter(self._found)


def _event_date(dates: _LazyDates) -> tuple[str | None, str | None]:
    """The event's date: the first in the sentence that is not a document's own ("a cable dated Nov. 3")."""
    for d in dates:
        if not re.search(r"\bdated\W*$", dates.sentence[: d.start]):
            return d.value, d.precision
    return None, None
