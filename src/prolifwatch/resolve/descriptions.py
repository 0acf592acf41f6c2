"""Sentences in news articles that describe a cable: date, signer, origin, topic.

"According to a cable dated Nov. 3, 2007, and signed by then-Secretary of
State Condoleezza Rice, a North Korean cargo of missile jet vanes destined
for Iran's ballistic missile program was set to be shipped ..." describes a
cable: date 2007-11-03, signer RICE, origin STATE (the Secretary of State
signs State's cables), topic "north korean cargo missile jet vanes ...".
Cue words, title → station table, patterns and stopwords are data
(``data/links_descriptions.yaml``).

A sentence is kept as a description when it says enough to single out a
cable: a day-precise date, or a signer and any date, or an origin and a
month.  ``descriptions_match`` scores stored cables against it.

When no stored cable matches, the described cable is a node of its own, with
the stable synthetic id ``cable-described:<date>:<origin>:<signer>`` --
``cable-described:2007-11-03:STATE:RICE`` -- where an unknown part is
``UNKNOWN``.  Two articles describing the same cable the same way therefore
point at the same node.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any


from ..cable.ids import is_station, station
from ..datafiles import data_yaml
from ..extract.dates import anchor_date, find_dates
from .links import DocumentInfo
from .links_text import Sentence, sentences

__all__ = ["Description", "find_descriptions", "parse_description", "described_id", "settings"]

_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))*(?: [A-Z][a-z]+)?)"
_PLACE = r"(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@cache
def settings() -> dict[str, Any]:
    """The description cues and scoring parameters of ``data/links_descriptions.yaml``."""
    return data_yaml(__package__, "links_descriptions.yaml")


@cache
def _compiled() -> dict[str, Any]:
    conf = settings()
    cue = "|".join(re.escape(c) for c in conf["cue_nouns"])
    titles = sorted(conf["titles"], key=len, reverse=True)  # longest first: "Deputy Secretary of State"
    title = "(?P<title>" + "|".join(re.escape(t) for t in titles) + ")"

    def fill(pattern: str) -> str:
        return pattern.replace("{cue}", cue).replace("{title}", title).replace("{name}", _NAME).replace(
            "{place}", _PLACE)

    return {
        "cue": re.compile(rf"\b(?:{cue})\b", re.I),
        "signers": [re.compile(fill(p)) for p in conf["signer_patterns"]],
        "title_anywhere": re.compile(title),
        "origins": [(re.compile(fill(o["pattern"])), o.get("station")) for o in conf["origin_patterns"]],
        "stopwords": frozenset(conf["topic_stopwords"]),
    }


@dataclass(frozen=True)
class Description:
    """What a sentence says of a cable; ``None`` where it says nothing."""

    date: str | None  # ISO, as precise as the text: 2007-11-03, 2010-05, 2010
    precision: str | None  # day | month | year
    signer: str | None  # surname as cables print it: RICE
    origin: str | None  # canonical cable station: STATE, BEIJING
    topic: tuple[str, ...]
    text: str
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    spans: dict[str, str] = field(default_factory=dict)  # the words each field came from

    @property
    def is_specific(self) -> bool:
        """Does it say enough to single out one cable?"""
        if self.precision == "day":
            return True
        if self.signer and self.date:
            return True
        return bool(self.origin and self.precision == "month")

    def synthetic_id(self) -> str:
        return described_id(self.date, self.origin, self.signer)

    def evidence(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "start": self.start, "end": self.end, "text": self.text}

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision, "signer": self.signer, "origin": self.origin,
                "topic": list(self.topic), "text": self.text, "spans": dict(self.spans)}

    def candidate_window(self) -> tuple[str | None, str | None, str | None]:
        """(first date, last date, year) of stored cables worth scoring against it."""
        if not self.date:
            return None, None, None
        slack = timedelta(days=settings()["near_miss_days"])
        year = self.date[:4]
        if self.precision == "day":
            day = date.fromisoformat(self.date)
            return (day - slack).isoformat(), (day + slack).isoformat(), year
        if self.precision == "month":
            first = date.fromisoformat(self.date + "-01")
            last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            return (first - slack).isoformat(), (last + slack).isoformat(), year
        return f"{year}-01-01", f"{year}-12-31", year


def described_id(date_value: str | None, origin: str | None, signer: str | None) -> str:
    """``cable-described:2007-11-03:STATE:RICE``: the node of a described cable not in the store."""
    return ":".join(["cable-described", date_value or "UNKNOWN", origin or "UNKNOWN", signer or "UNKNOWN"])


def _surname(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p not in _SUFFIXES]
    return parts[-1].upper() if parts else name.upper()


def _place_station(place: str) -> str | None:
    words = place.split()
    for i in range(len(words), 0, -1):  # "Beijing Tuesday" -> "Beijing"
        candidate = " ".join(words[:i])
        if is_station(candidate):
            return station(candidate)
    return None


def _find_signer(text: str) -> tuple[str | None, str | None, str | None]:
    """(signer, station implied by the signer's title, words matched)."""
    conf = settings()
    for pattern in _compiled()["signers"]:
        m = pattern.search(text)
        if m:
            title = m.groupdict().get("title")
            return _surname(m["name"]), conf["titles"].get(title) if title else None, m[0]
    return None, None, None


def _find_origin(text: str) -> tuple[str | None, str | None]:
    for pattern, fixed in _compiled()["origins"]:
        m = pattern.search(text)
        if not m:
            continue
        if fixed:
            return fixed, m[0]
        found = _place_station(m["place"])
        if found:
            return found, m[0]
    return None, None


def _topic(text: str, used: list[str]) -> tuple[str, ...]:
    for span in sorted(used, key=len, reverse=True):  # spans may overlap: the longest first
        text = text.replace(span, " ")
    stop = _compiled()["stopwords"]
    words: dict[str, None] = {}
    for word in _WORD.findall(text):
        w = word.lower().replace("’", "'").removesuffix("'s")
        if len(w) >= 3 and w not in stop and not w.isdigit():
            words[w] = None
    return tuple(words)


def parse_description(text: str, published: str | None = None) -> Description | None:
    """What ``text`` (one sentence) says of a cable, or None if it mentions no cable.

    ``published`` (ISO date of the article) resolves "in May" and "this year".
    """
    cue = _compiled()["cue"].search(text)
    if cue is None:
        return None
    anchor = anchor_date(published) if published else None
    window = settings()["date_window"]
    date_value = precision = date_text = None
    for found in find_dates(text, anchor):
        if cue.end() <= found.start <= cue.end() + window and found.precision in ("day", "month", "year"):
            date_value, precision, date_text = found.value, found.precision, found.text
            break
    signer, title_station, signer_text = _find_signer(text)
    origin, origin_text = _find_origin(text)
    if origin is None and title_station:
        origin, origin_text = title_station, signer_text
    used = [s for s in (date_text, signer_text, origin_text) if s]
    spans = {k: v for k, v in (("date", date_text), ("signer", signer_text), ("origin", origin_text)) if v}
    return Description(date_value, precision, signer, origin, _topic(text, used), " ".join(text.split()),
                       spans=spans)


def _sentences_of(article: DocumentInfo) -> list[tuple[int | None, Sentence]]:
    if article.paragraphs:
        return [(idx, s) for idx, start, end in article.paragraphs for s in sentences(article.body[start:end], start)]
    return [(None, s) for s in sentences(article.body)]


def find_descriptions(article: DocumentInfo) -> list[Description]:
    """The specific cable descriptions in an article, with their sentence's place."""
    published = (article.date or "")[:10] or None
    found = []
    for paragraph, sentence in _sentences_of(article):
        description = parse_description(sentence.text, published)
        if description is None or not description.is_specific:
            continue
        found.append(Description(**{**description.__dict__, "paragraph": paragraph, "start": sentence.start,
                                    "end": sentence.end}))
    return found
