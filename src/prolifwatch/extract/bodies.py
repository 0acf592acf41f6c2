"""Patterns for named bodies the knowledge base cannot list in full:
ministries and departments, companies, embassies and weapons programmes."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .mention import Mention
from .prefilter import finditer_from

_CAP = r"[A-Z][a-zA-Z\-]+"
_LINK = r"(?:and|of|for|&)"
# "Missile and Conventional Weapons Division", "Interior Ministry", "Second Division"
_BODY_HEAD = r"(?:Ministry|Department|Division|Bureau|Agency|Commission|Administration|Directorate|Politburo|Office)"
_BODY = re.compile(
    rf"(?<![\w/])(?:{_CAP}[ \n]+(?:{_LINK}[ \n]+)?){{1,6}}{_BODY_HEAD}\b"
    rf"|(?<![\w/])(?:Ministry|Department)[ \n]+of[ \n]+{_CAP}(?:[ \n]+(?:{_LINK}[ \n]+)?{_CAP}){{0,4}}"
    rf"|(?<![\w/])Politburo\b"
)
_COMPANY = re.compile(
    rf"(?<![\w/])(?:{_CAP}[ \n]+(?:{_LINK}[ \n]+)?){{1,5}}"
    r"(?:Company|Co\.|Corporation|Corp\.|Industrial[ \n]+Group|Industries|Group|Ltd\.?|Limited|Inc\.|Trading)(?![\w])"
)
_EMBASSY = re.compile(r"(?<![\w/])(?:Embassy|EMBASSY)[ \n]+(?:in[ \n]+)?[A-Z][a-zA-Z]+|(?:U\.S\.|US|American)[ \n]+Embassy\b")
_PROGRAM = re.compile(
    r"(?<![\w/])(?:(?:ballistic[ \n]+)?missile|nuclear(?:[ \n]+weapons?)?|chemical[ \n]+weapons?|biological[ \n]+weapons?"
    r"|CW|BW|WMD|space[ \n]+launch|uranium[ \n]+enrichment|enrichment)(?:[ \n]+\[[^\]\n]{1,40}\])?[ \n]+programm?e?s?\b",
    re.IGNORECASE,
)
# Capitalised words that start a sentence or a phrase but are not part of a name.
_LEADING = re.compile(r"^(?:(?:The|A|An|This|That|These|Its|His|Her|Their|Our|Both|In|On|At|From|With|By|For|To|Under|And|But|If|As|While|When)[ \n]+)+")


_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts

_BODY_HINTS = ("Ministry", "Department", "Division", "Bureau", "Agency", "Commission", "Administration",
               "Directorate", "Politburo", "Office")
_COMPANY_HINTS = ("Compan", "Co.", "Corp", "Group", "Industries", "Ltd", "Limited", "Inc.", "Trading")


# Where a _BODY or _COMPANY match can start: a capital no word character or "/" precedes.
_NAME_START = re.compile(r"(?<![\w/])[A-Z]")


def _name_starts(text: str, hints: tuple[str, ...]) -> Iterator[int]:
    """Where a match of a pattern can start that holds one of ``hints`` at or after
    its start: at a capital, and not after the last hint."""
    last = max(text.rfind(h) for h in hints)
    return (m.start() for m in _NAME_START.finditer(text, 0, last + 1))


def _bodies(text: str) -> Iterator[re.Match]:
    """``_BODY.finditer(text)``, tried only where it can start: its look-behind makes a full scan slow."""
    return finditer_from(_BODY, text, _name_starts(text, _BODY_HINTS))


def _companies(text: str) -> Iterator[re.Match]:
    """``_COMPANY.finditer(text)``, as :func:`_bodies`."""
    return finditer_from(_COMPANY, text, _name_starts(text, _COMPANY_HINTS))


class Bodies:
    source = "patterns"

    def __call__(self, text: str, *, all_caps: bool = False) -> list[Mention]:
        if all_caps:  # every word is capitalised: these patterns would run wild
            if "ROGRAM" not in text:
                return []
            return [self._mention("Program", text, m.start(), m.end(), 0.8) for m in _PROGRAM.finditer(text)]
        out = []
        for matches, type_, confidence, hints in (
            (_EMBASSY.finditer, "GovernmentBody", 0.8, ("Embassy", "EMBASSY")),
            (_bodies, "GovernmentBody", 0.75, _BODY_HINTS),
            (_companies, "Organization", 0.75, _COMPANY_HINTS),
        ):
            if not any(h in text for h in hints):  # a substring test is far cheaper than the pattern
                continue
            for m in matches(text):
                lead = _LEADING.match(m.group())
                start = m.start() + (lead.end() if lead else 0)
                name = text[start : m.end()]
                if _SPACE.search(name) or name == "Politburo":
                    out.append(self._mention(type_, text, start, m.end(), confidence))
        if "rogram" in text or "ROGRAM" in text:
            out += [self._mention("Program", text, m.start(), m.end(), 0.8) for m in _PROGRAM.finditer(text)]
        return out

    def _mention(self, type_, text, start, end, confidence) -> Mention:
        return Mention(type_, text[start:end], start, end, confidence=confidence, source=self.source)
