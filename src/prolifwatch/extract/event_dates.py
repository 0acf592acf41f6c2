"""The date of each transfer of a paragraph, read the way the events gold reads it.

A transfer's date is a date of its own sentences that is said of the transfer:
"shipped on January 25", "In August 2005, X sold ...", "a January 25 shipment".
Not a date said of the talk around it ("Yang Yi told PolOff on April 11", "In
November, we learned that X was working to ship ...", "the November 27
meeting"), nor a document's ("a cable dated Nov. 3, 2007").  The words are in
``data/dates.yaml``.  A transfer whose sentence refers back ("the cargo", "this
shipment") without a date of its own takes the date an earlier sentence of the
paragraph gave a transfer.

A month printed without its year takes the year of the paragraph's story when
an earlier date of the paragraph printed one ("raised in July 2008 that ... a
late June shipment": June 2008), else the cable's: a month after the cable's
month was last year's, unless the transfer is still to come.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from .components import Passage
from .cuewords import phrase
from .cues import Cues
from .dates import TextDate, find_dates
from .event import Event
from .text import sentences

OCCASION, TRANSFER = "occasion", "transfer"


@dataclass(frozen=True)
class DateWords:
    occasion: re.Pattern
    occasion_of: re.Pattern  # "informed us of": the talk tells the transfer as it stood then
    document_date: re.Pattern  # "dated" right before a date
    clause_opener: re.Pattern
    future_statuses: frozenset[str]


def _any_of(words: list[str]) -> str:
    return "|".join(phrase(w) for w in sorted(map(str, words), key=len, reverse=True))


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    data = yaml.safe_load((resources.files(__package__) / "data" / "dates.yaml").read_text(encoding="utf-8"))
    return DateWords(
        occasion=re.compile(rf"(?<![\w-])(?:{_any_of(data['occasions'])})(?![\w-])", re.I),
        occasion_of=re.compile(rf"(?:{_any_of(data['occasion_of'])})\s+(?:[\w'’-]+\s+){{0,2}}of\b", re.I),
        document_date=re.compile(rf"(?<![\w-])(?:{_any_of(data['document_date_before'])})\W*$", re.I),
        clause_opener=re.compile(rf"(?<![\w-])(?:{_any_of(data['clause_openers'])})(?![\w-])|[;:()]|--", re.I),
        future_statuses=frozenset(data["future_statuses"]),
    )


def date_transfers(transfers: list[Event], p: Passage, anchor: date | None, c: Cues) -> None:
    """Set each transfer's ``date`` and ``date_precision`` (None when its sentences give none)."""
    if not transfers:
        return
    words = date_words()
    found = [d for d in find_dates(p.text, anchor) if not words.document_date.search(p.text[max(d.start - 30, 0):d.start])]
    spans = list(sentences(p.text)) or [(0, len(p.text))]
    owned = [(d, _owner(p.text, d, spans[_sentence_of(spans, d.start)], words, c)) for d in found]
    for t in transfers:
        d = _transfer_date(t, p, owned, c)
        if d is not None:
            d = _in_its_year(d, found, anchor, t.status in words.future_statuses)
        t.date, t.date_precision = (d.value, d.precision) if d else (None, None)


def _transfer_date(t: Event, p: Passage, owned: list[tuple[TextDate, str | None]], c: Cues) -> TextDate | None:
    start, end = t.evidence.start - p.start, t.evidence.end - p.start
    own = [(d, owner) for d, owner in owned if start <= d.start < end and owner != OCCASION]
    # the finders' choice when it is one of these (the route sentence's "scheduled to depart ... between
    # 24 and 26 November" gathered into the booking); else a date said of a transfer word before one
    # said of nothing the words know ("attempted in 2006")
    best = (next((d for d, _ in own if d.value == t.date), None)
            or next((d for d, owner in own if owner == TRANSFER), None) or next((d for d, _ in own), None))
    if best is not None or not c.refers_back.search(p.text[start:end]):
        return best
    # "The cargo was probably loaded at Dalian in late May. ... the shipment": the transfer told before, and its date
    earlier = [d for d, owner in owned if d.end <= start and owner == TRANSFER]
    return earlier[-1] if earlier else None


def _sentence_of(spans: list[tuple[int, int]], at: int) -> int:
    return max(bisect_right([s for s, _ in spans], at) - 1, 0)


def _owner(text: str, d: TextDate, sentence: tuple[int, int], words: DateWords, c: Cues) -> str | None:
    """What ``d`` is said of: the word right after it ("a January 25 shipment"), else the nearest event
    word before it in its clause, else the first after it in its clause, else the same in its sentence;
    None when the sentence has no event word."""
    start, end = sentence
    before, after = text[start:d.start], text[d.end:max(end, d.end)]
    # names between the date and its noun are told by their capitals, which an all-caps cable gives every word
    right_after = (_SPACE_AFTER if after[:40].isupper() else _NAMES_AFTER).match(after)
    if right_after and (kind := _kind(after[right_after.end():], words, c)):
        return kind
    openers_before = list(words.clause_opener.finditer(before))
    opener_after = words.clause_opener.search(after)
    clause_before = before[openers_before[-1].end():] if openers_before else before
    clause_after = after[:opener_after.start()] if opener_after else after
    for kinds, nearest in ((_event_words(clause_before, words, c), -1), (_event_words(clause_after, words, c), 0),
                           (_event_words(before, words, c), -1), (_event_words(after, words, c), 0)):
        if kinds:
            return kinds[nearest]
    return None


# what may stand between a date and the noun it dates: "the 1994 Budapest Declaration"
_NAMES_AFTER = re.compile(r"[\s-]*(?:[A-Z][\w.'’-]*\s+){0,3}(?=\w)")
_SPACE_AFTER = re.compile(r"[\s-]*(?=\w)")


def _kind(text: str, words: DateWords, c: Cues) -> str | None:
    """The kind of the event word that opens ``text``, None when it opens with none."""
    if words.occasion.match(text):
        return None if words.occasion_of.match(text) else OCCASION
    if c.trigger.pattern.match(text) or c.route.pattern.match(text):
        return TRANSFER
    return None


def _event_words(text: str, words: DateWords, c: Cues) -> list[str]:
    """The kinds of the event words of ``text`` in order of position; a transfer word inside an
    occasion ("the information provided by the United States") is the occasion's."""
    occasions = [m.span() for m in words.occasion.finditer(text) if not words.occasion_of.match(text, m.start())]
    occasions += [m.span() for m in c.not_trigger.finditer(text)]  # "a message the British delivered"
    hits = sorted((at, OCCASION) for at, _ in occasions)
    hits += [(m.start(), TRANSFER) for pattern in (c.trigger.pattern, c.route.pattern) for m in pattern.finditer(text)
             if not any(a <= m.start() < b for a, b in occasions)]
    return [kind for _, kind in sorted(hits)]


def _in_its_year(d: TextDate, found: list[TextDate], anchor: date | None, future: bool) -> TextDate:
    """``d`` with the year the text means when it printed none."""
    if d.year_given or d.month is None:
        return d
    story = [e for e in found if e.end <= d.start and e.year_given and e.precision in ("day", "month", "year")]
    if story:
        return d.with_year(_nearest_year(d.month, story[-1]))
    if anchor is None:
        return d
    if future:  # "in January" in a cable of November is next January
        return d.with_year(anchor.year + 1 if anchor.month - d.month > 7 else anchor.year)
    return d.with_year(anchor.year - 1 if d.month > anchor.month else anchor.year)


def _nearest_year(month: int, told: TextDate) -> int:
    """The year that puts ``month`` nearest the date the story told before ("July 2008 ... late June": 2008)."""
    year = int(told.value[:4])
    if told.month is None:
        return year
    return min((year - 1, year, year + 1), key=lambda y: abs((y * 12 + month) - (year * 12 + told.month)))
