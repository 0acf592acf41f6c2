"""Dates in running text, normalised against the document's own date.

"on 4 November" in a cable of 22 November 2007 is 2007-11-04; "in May" in a
September cable is May of that year; "last year" is the year before.  Each
result keeps its precision: day, month, year, or a window "A/B".
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .prefilter import CueScan, finditer_from, fold, foldable

MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        1,
    )
    for m in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# The first letters of every month name and abbreviation above.
_MONTH_OPENINGS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# (kind, pattern, the words one of which opens every match of the pattern)
_PATTERNS = [
    # between 24 and 26 November (2007)
    ("window", re.compile(rf"\bbetween[ \n]+(?P<d1>\d{{1,2}})[ \n]+and[ \n]+(?P<d2>\d{{1,2}})[ \n]+{_MONTH}(?:[ \n]+{_YEAR})?", re.I),
     ("between",)),
    # 4 November 2007 / 4 November
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})[ \n]+{_MONTH}(?:,?[ \n]+{_YEAR})?\b", re.I), tuple("0123456789")),
    # Nov. 3, 2007 / September 3 / March 20
    ("day", re.compile(rf"\b{_MONTH}[ \n]+(?P<day>\d{{1,2}})(?!\d)(?:,?[ \n]+{_YEAR})?", re.I), _MONTH_OPENINGS),
    # in May 2008 / in May / May and June
    ("month", re.compile(rf"\b{_MONTH}(?:[ \n]+{_YEAR})?\b(?![ \n]+\d)", re.I), _MONTH_OPENINGS),
    ("relative", re.compile(r"\b(?P<rel>last[ \n]+year|this[ \n]+year|next[ \n]+year|last[ \n]+month|this[ \n]+month|next[ \n]+month|the[ \n]+next[ \n]+day|tomorrow|yesterday|today|earlier[ \n]+this[ \n]+year)\b", re.I),
     ("last", "this", "next", "the", "tomorrow", "yesterday", "today", "earlier")),
    # in 2007 / in early 2004 / since mid-2005
    ("year", re.compile(rf"\b(?:in|since|during|by|of|until|from)[ \n]+(?:(?:early|late|mid)[ \n-]+)?{_YEAR}\b", re.I),
     ("in", "since", "during", "by", "of", "until", "from")),
    # the 2002 win / a 2005 contract: a year before a noun
    ("year", re.compile(rf"\b(?:the|a|an)[ \n]+{_YEAR}(?=[ \n]+[a-z])", re.I), ("the", "a", "an")),
]
# One pass finds where each pattern could start; ``re`` would try each at every word.
_OPENINGS = CueScan({kind + str(i): openings for i, (kind, _, openings) in enumerate(_PATTERNS)})
# \d also matches other scripts' digits, which the openings above do not list.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


@dataclass(frozen=True)
class TextDate:
    start: int
    end: int
    text: str
    value: str  # ISO: 2007-11-04, 2007-11, 2007, or "2007-11-24/2007-11-26"
    precision: str  # day | month | year | window
    year_given: bool = True  # False: a month or day printed without its year, which the anchor gave

    def with_year(self, year: int) -> TextDate:
        """The same month or day in ``year`` ("in May" read in another year than the anchor's)."""
        value = "/".join(f"{year:04d}{end[4:]}" for end in self.value.split("/"))
        return TextDate(self.start, self.end, self.text, value, self.precision, self.year_given)

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None


def find_dates(text: str, anchor: date | None) -> list[TextDate]:
    found: list[TextDate] = []
    for kind, matches in _matches(text):
        for m in matches:
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            if m.groupdict().get("month") == "may":  # the verb; the month is capitalised
                continue
            value = _value(kind, m, anchor)
            if value:
                year_given = kind not in ("day", "window", "month") or bool(m.group("year"))
                found.append(TextDate(m.start(), m.end(), m.group(), *value, year_given))
    found.sort(key=lambda d: d.start)
    return _chain_relative_days(found)


def _matches(text: str) -> Iterator[tuple[str, Iterator[re.Match]]]:
    """The kind of each pattern and its matches, as ``finditer`` gives them."""
    folded = fold(text)
    scannable = foldable(text, folded) and (text.isascii() or not _OTHER_DIGIT.search(text))
    openings = _OPENINGS.hits(folded) if scannable else None
    for i, (kind, pattern, _) in enumerate(_PATTERNS):
        if openings is None:
            yield kind, pattern.finditer(text)
        else:
            yield kind, finditer_from(pattern, text, (start for start, _ in openings[kind + str(i)]))


def _chain_relative_days(found: list[TextDate]) -> list[TextDate]:
    """"shipped the next day" after "a cable dated Nov. 3, 2007" is 4 November."""
    out, last_day = [], None
    for d in found:
        shift = _DAY_SHIFT.get(" ".join(d.text.lower().split()))
        if shift is not None and last_day is not None:
            d = TextDate(d.start, d.end, d.text, (last_day + timedelta(days=shift)).isoformat(), "day")  # year known
        elif d.precision == "day":
            last_day = date.fromisoformat(d.value)
        out.append(d)
    return out


_DAY_SHIFT = {"the next day": 1, "tomorrow": 1, "yesterday": -1}


def _year_for(month: int, explicit: str | None, anchor: date | None) -> int | None:
    if explicit:
        return int(explicit)
    if anchor is None:
        return None
    # a month more than seven months after the document's date was last year's
    return anchor.year - 1 if month - anchor.month > 7 else anchor.year


def _value(kind: str, m: re.Match, anchor: date | None) -> tuple[str, str] | None:
    if kind in ("day", "window", "month"):
        month = MONTHS[m.group("month").lower().rstrip(".")]
        year = _year_for(month, m.group("year"), anchor)
        if year is None:
            return None
        if kind == "month":
            return f"{year:04d}-{month:02d}", "month"
        if kind == "window":
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            return f"{year:04d}-{month:02d}-{d1:02d}/{year:04d}-{month:02d}-{d2:02d}", "window"
        try:
            return date(year, month, int(m.group("day"))).isoformat(), "day"
        except ValueError:
            return None
    if kind == "year":
        return m.group("year"), "year"
    if anchor is None:
        return None
    rel = " ".join(m.group("rel").lower().split())
    if rel in ("last year",):
        return str(anchor.year - 1), "year"
    if rel in ("this year", "earlier this year"):
        return str(anchor.year), "year"
    if rel == "next year":
        return str(anchor.year + 1), "year"
    if rel in ("last month", "this month", "next month"):
        shift = {"last month": -1, "this month": 0, "next month": 1}[rel]
        month_index = anchor.year * 12 + anchor.month - 1 + shift
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month"
    shift = {"the next day": 1, "tomorrow": 1, "yesterday": -1, "today": 0}[rel]
    return (anchor + timedelta(days=shift)).isoformat(), "day"


def anchor_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
