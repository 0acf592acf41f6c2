"""Regular patterns the gazetteer cannot list: vessels, flights, UN
resolutions, model numbers, quantities and people introduced by a title."""
from __future__ import annotations

import re
from importlib import resources

from ..knowledge import KnowledgeBase
from .mention import Mention

DATA = resources.files(__package__) / "data"


def _word_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _alternation(words: list[str]) -> str:
    # Longest first, and a line break may stand where the list has a space.
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \n]+") for w in ordered)


# A capitalised name of one to four words ("Iran Matin", "Harmony Wish", "Liu Jieyi", "Kim Jong-Il").
_NAME = r"[A-Z][a-zA-Z]+(?:-[A-Za-z]+)?(?:[ ][A-Z][a-zA-Z]+(?:-[A-Za-z]+)?){0,3}"
_NAME_CAPS = r"[A-Z][A-Z\-]+(?:[ ][A-Z][A-Z\-]+){0,2}"
# Words that may follow a title but are not names.
_NOT_NAMES = {
    "Bush's", "The", "He", "She", "Of", "And", "In", "On", "For", "Also", "To", "At",
}


class Patterns:
    """All pattern matchers of one knowledge base; each returns mentions in paragraph offsets."""

    source = "patterns"

    def __init__(self, kb: KnowledgeBase):
        self.known_resolutions = {r.number for r in kb.resolutions}
        title_words = _word_list("titles.txt")
        titles = _alternation(title_words)
        titles_caps = _alternation([t.upper() for t in title_words])
        cues = _alternation(_word_list("vessel_cues.txt"))
        self._titled = re.compile(rf"(?<![\w/])(?:{titles})\.?[ \n]+(?P<name>{_NAME})")
        self._titled_caps = re.compile(rf"(?<![\w/])(?:{titles_caps})\.?[ \n]+(?P<name>{_NAME_CAPS})")
        vessel = rf"(?<![\w/])(?:{cues}),?[ \n]+(?:the[ \n]+)?(?P<name>{_NAME})"
        # ALL-CAPS cables print the cue words in capitals too
        self._vessel = {False: re.compile(vessel), True: re.compile(vessel, re.IGNORECASE)}
        self._spokesman_after = re.compile(rf"(?P<name>{_NAME}),[ \n]+(?:a|the)[ \n]+(?:spokesman|spokeswoman|spokesperson)")

    def __call__(self, text: str, *, all_caps: bool = False) -> list[Mention]:
        out: list[Mention] = []
        out += self.people(text, all_caps=all_caps)
        out += self.vessels(text, all_caps=all_caps)
        out += self.imo_numbers(text)
        out += self.flights(text)
        out += self.resolutions(text)
        out += self.model_numbers(text)
        out += self.quantities(text)
        return out

    # -- people -----------------------------------------------------------------
    def people(self, text: str, *, all_caps: bool = False) -> list[Mention]:
        out = []
        pattern = self._titled_caps if all_caps else self._titled
        for m in pattern.finditer(text):
            name = m.group("name").strip()
            if name and name.split()[0] not in _NOT_NAMES:
                out.append(self._mention("Person", text, m.start("name"), m.start("name") + len(name), 0.85,
                                         {"title": text[m.start():m.start("name")].strip()}))
        for m in self._spokesman_after.finditer(text):
            out.append(self._mention("Person", text, m.start("name"), m.end("name"), 0.8))
        return out

    # -- carriers ---------------------------------------------------------------
    def vessels(self, text: str, *, all_caps: bool = False) -> list[Mention]:
        out = []
        for m in self._vessel[all_caps].finditer(text):
            name = m.group("name").strip()
            if name and name.split()[0] not in _NOT_NAMES:
                out.append(self._mention("Vessel", text, m.start("name"), m.start("name") + len(name), 0.8))
        return out

    _IMO = re.compile(r"\bIMO[ \n]*(?:No\.?|number|#)?[ \n]*:?[ \n]*(?P<imo>\d{7})\b", re.IGNORECASE)

    def imo_numbers(self, text: str) -> list[Mention]:
        return [
            self._mention("Vessel", text, m.start(), m.end(), 0.9, {"imo": m.group("imo")}, key=f"imo:{m.group('imo')}")
            for m in self._IMO.finditer(text)
        ]

    _FLIGHT = re.compile(
        r"\b(?:flight|FLIGHT)[ \n]+(?:number[ \n]+|no\.[ \n]*|NO\.[ \n]*)?(?P<number>[A-Z0-9]{2}[ ]?\d{2,4})\b"
    )

    def flights(self, text: str) -> list[Mention]:
        return [
            self._mention("Flight", text, m.start("number"), m.end("number"), 0.85,
                          key=f"flight:{m.group('number').replace(' ', '')}")
            for m in self._FLIGHT.finditer(text)
        ]

    # -- resolutions ------------------------------------------------------------
    _RESOLUTION = re.compile(
        r"(?<![\w/])(?:(?:(?:UN|U\.N\.|United[ \n]+Nations)[ \n]+)?(?:Security[ \n]+Council|SC)[ \n]+"
        r"|UNSC[ \n]+)?(?:Resolutions?|RESOLUTIONS?|resolutions?)[ \n]+(?:No\.[ \n]*)?(?P<n>\d{3,4})\b"
        r"|(?<![\w/])UNSCRs?[ \n]*(?P<n2>\d{3,4})\b"
    )
    _LIST_AFTER = re.compile(r"(?:,|\band\b|\bor\b|\bparticularly\b|\bAND\b|\bOR\b)[ \n]+(?P<n>\d{4})\b")
    _RESOLUTIONS_WORD = re.compile(r"\b(?:resolutions?|RESOLUTIONS?|UNSCRs?)\b")

    def resolutions(self, text: str) -> list[Mention]:
        if "ESOLUTION" not in text.upper() and "UNSCR" not in text.upper():
            return []
        out = []
        for m in self._RESOLUTION.finditer(text):
            number = int(m.group("n") or m.group("n2"))
            out.append(self._mention("Resolution", text, m.start(), m.end(), 0.95, key=f"resolution:{number}"))
            out += self._listed_numbers(text, m.end())
        # "UNSC resolutions calling for ..., particularly 1737 and 1747"
        for w in self._RESOLUTIONS_WORD.finditer(text):
            out += self._listed_numbers(text, w.end(), window=160)
        return _unique(out)

    def _listed_numbers(self, text: str, position: int, window: int = 40) -> list[Mention]:
        out = []
        while True:
            m = self._LIST_AFTER.search(text, position, position + window)
            if not m or int(m.group("n")) not in self.known_resolutions:
                return out
            number = int(m.group("n"))
            out.append(self._mention("Resolution", text, m.start("n"), m.end("n"), 0.85, key=f"resolution:{number}"))
            position, window = m.end(), 12

    # -- items and values -------------------------------------------------------
    _MODEL = re.compile(r"(?<![\w/.-])(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]{1,8}-\d{1,5}[A-Z]?(?![\w/-])")
    # Cable furniture that looks like a model number.
    _NOT_MODEL = re.compile(r"^(?:E\.O|EO|ISN|REF|EAP|EUR|NEA|SCA|AF|WHA|[A-Z]{2}\d{2})-|^\d+-\d+$")

    def model_numbers(self, text: str) -> list[Mention]:
        return [
            self._mention("Item", text, m.start(), m.end(), 0.7, {"model": m.group()}, key=f"model:{m.group()}")
            for m in self._MODEL.finditer(text)
            if not self._NOT_MODEL.search(m.group())
        ]

    _NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens|hundreds|several)"
    _QUANTITY = re.compile(
        rf"(?<![\w.])(?P<q>{_NUMBER}[ \n]+(?:\d+-(?:foot|ft)[ \n]+)?(?:containers?|tons?|tonnes?|metric[ \n]+tons|kg|kilograms?|"
        rf"units?|pieces?|sets?|barrels?|boxes|crates|pallets|rounds|launchers|missiles|rockets|drums|cylinders|vehicles|trucks))\b",
        re.IGNORECASE,
    )

    def quantities(self, text: str) -> list[Mention]:
        if not _ANY_DIGIT.search(text) and not _NUMBER_WORD.search(text):
            return []
        return [self._mention("Quantity", text, m.start("q"), m.end("q"), 0.8) for m in self._QUANTITY.finditer(text)]

    def _mention(self, type_, text, start, end, confidence, attributes=None, key=None) -> Mention:
        return Mention(type_, text[start:end], start, end, key=key, confidence=confidence,
                       source=self.source, attributes=attributes or {})


_ANY_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens|hundreds|several)\b", re.I)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out
