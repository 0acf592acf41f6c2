"""Regular patterns the gazetteer cannot list: vessels, flights, UN
resolutions, model numbers, quantities and people introduced by a title."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources

from ..knowledge import KnowledgeBase
from .mention import Mention
from .prefilter import CueScan, finditer_from, fold, foldable, token_before

DATA = resources.files(__package__) / "data"


def _word_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _first_words(words: list[str]) -> set[str]:
    """A match of a word list begins with the first word of one of its entries."""
    return {w.split()[0] for w in words}


def _alternation(words: list[str]) -> str:
    # Longest first, and a line break may stand where the list has a space.
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[ \n]+") for w in ordered)


# A capitalised name of one to four words ("Iran Matin", "Harmony Wish", "Liu Jieyi", "Kim Jong-Il").
_NAME = r"[A-Z][a-zA-Z]+(?:-[A-Za-z]+)?(?:[ ][A-Z][a-zA-Z]+(?:-[A-Za-z]+)?){0,3}"
_NAME_CAPS = r"[A-Z][A-Z\-]+(?:[ ][A-Z][A-Z\-]+){0,2}"
_VESSEL_NAME = r"[A-Z][a-zA-Z]+(?:-[A-Za-z]+)?(?:[ \n][A-Z][a-zA-Z]+(?:-[A-Za-z]+)?){0,3}"
# Words that may follow a title but are not names.
_NOT_NAMES = {
    "Bush's", "The", "He", "She", "Of", "And", "In", "On", "For", "Also", "To", "At",
}


# Words that begin no ship's name (all-caps cables match the cue words in any case).
_NOT_VESSEL_WORDS = {w.casefold() for w in _word_list("not_vessel_words.txt")}
# Cue words that are also verbs: before "the" they ship something rather than name a ship.
_VERB_CUES = {"ship"}


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
        # a ship's name may run over a line break ("M/V Fast\nIndependence"); "ship the HEU" is the verb
        vessel = rf"(?<![\w/])(?P<cue>{cues})(?P<comma>,?)[ \n]+(?:(?P<the>the)[ \n]+)?[\"“]?(?P<name>{_VESSEL_NAME})"
        # ALL-CAPS cables print the cue words in capitals too
        self._vessel = {False: re.compile(vessel), True: re.compile(vessel, re.IGNORECASE)}
        self._spokesman_after = re.compile(rf"(?P<name>{_NAME}),[ \n]+(?:a|the)[ \n]+(?:spokesman|spokeswoman|spokesperson)")
        # Where each pattern could start, found in one pass over the folded text:
        # cue words of the case-sensitive patterns count where they are as printed.
        exact = {"title": _first_words(title_words), "flight": {"flight", "FLIGHT"}, "model": _HYPHEN_DIGITS}
        exact_cues = {
            False: {**exact, "vessel": _first_words(_word_list("vessel_cues.txt"))},
            True: {**exact, "title": _first_words([t.upper() for t in title_words])},
        }
        folded = {"unit": _UNIT_CUES, "imo": {"imo"}}
        folded_cues = {
            False: folded,
            True: {**folded, "vessel": _first_words([w.lower() for w in _word_list("vessel_cues.txt")])},
        }
        self._cues = {caps: CueScan(folded_cues[caps], printed=exact_cues[caps]) for caps in (False, True)}
        # a text whose folded offsets are not its own: the printed cues in the text itself, and a full scan for the rest
        self._exact_cues = {caps: CueScan(exact_cues[caps]) for caps in (False, True)}
        self._folded_labels = {caps: tuple(folded_cues[caps]) for caps in (False, True)}

    def __call__(self, text: str, *, all_caps: bool = False, folded: str | None = None) -> list[Mention]:
        cues = self.cues(text, all_caps=all_caps, folded=folded)
        out: list[Mention] = []
        out += self.people(text, all_caps=all_caps, cues=cues)
        out += self.vessels(text, all_caps=all_caps, cues=cues)
        out += self.imo_numbers(text, cues=cues)
        out += self.flights(text, cues=cues)
        out += self.resolutions(text)
        out += self.model_numbers(text, cues=cues)
        out += self.quantities(text, cues=cues)
        return out

    def cues(self, text: str, *, all_caps: bool = False, folded: str | None = None) -> dict[str, list | None]:
        """Cue-word hits by label; a label is None where its pattern must scan the whole text."""
        folded = fold(text) if folded is None else folded
        if foldable(text, folded):
            return dict(self._cues[all_caps].hits(folded, printed=text))
        hits: dict[str, list | None] = dict(self._exact_cues[all_caps].hits(text))
        hits.update({label: None for label in self._folded_labels[all_caps]})
        return hits

    # -- people -----------------------------------------------------------------
    def people(self, text: str, *, all_caps: bool = False, cues: dict | None = None) -> list[Mention]:
        out = []
        pattern = self._titled_caps if all_caps else self._titled
        cues = cues or self.cues(text, all_caps=all_caps)
        for m in _scan(pattern, text, (s for s, _ in cues["title"])):
            name = m.group("name").strip()
            if name and name.split()[0] not in _NOT_NAMES:
                out.append(self._mention("Person", text, m.start("name"), m.start("name") + len(name), 0.85,
                                         {"title": text[m.start():m.start("name")].strip()}))
        if "spokes" not in text:  # the pattern ends in one of these words
            return out
        for m in self._spokesman_after.finditer(text):
            out.append(self._mention("Person", text, m.start("name"), m.end("name"), 0.8))
        return out

    # -- carriers ---------------------------------------------------------------
    def vessels(self, text: str, *, all_caps: bool = False, cues: dict | None = None) -> list[Mention]:
        out = []
        cues = cues or self.cues(text, all_caps=all_caps)
        for m in _scan(self._vessel[all_caps], text, _starts(cues["vessel"])):
            name = m.group("name").strip()
            if not name or name.split()[0].casefold() in _NOT_VESSEL_WORDS:
                continue  # "jump ship AND TURN ON HIM": a phrase, not a name
            if m.group("the") and not m.group("comma") and m.group("cue").casefold() in _VERB_CUES:
                continue  # "to ship the HEU to Russia", but "a ship, the Harmony Wish" is one
            out.append(self._mention("Vessel", text, m.start("name"), m.start("name") + len(name), 0.8))
        return out

    _IMO = re.compile(r"\bIMO[ \n]*(?:No\.?|number|#)?[ \n]*:?[ \n]*(?P<imo>\d{7})\b", re.IGNORECASE)

    def imo_numbers(self, text: str, *, cues: dict | None = None) -> list[Mention]:
        cues = cues or self.cues(text)
        return [
            self._mention("Vessel", text, m.start(), m.end(), 0.9, {"imo": m.group("imo")}, key=f"imo:{m.group('imo')}")
            for m in _scan(self._IMO, text, _starts(cues["imo"]))
        ]

    _FLIGHT = re.compile(
        r"\b(?:flight|FLIGHT)[ \n]+(?:number[ \n]+|no\.[ \n]*|NO\.[ \n]*)?(?P<number>[A-Z0-9]{2}[ ]?\d{2,4})\b"
    )

    def flights(self, text: str, *, cues: dict | None = None) -> list[Mention]:
        cues = cues or self.cues(text)
        return [
            self._mention("Flight", text, m.start("number"), m.end("number"), 0.85,
                          key=f"flight:{m.group('number').replace(' ', '')}")
            for m in _scan(self._FLIGHT, text, _starts(cues["flight"]))
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
        # every pattern below holds one of these as printed (they are case-sensitive)
        if "esolution" not in text and "ESOLUTION" not in text and "UNSCR" not in text:
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

    def model_numbers(self, text: str, *, cues: dict | None = None) -> list[Mention]:
        cues = cues or self.cues(text)
        # the hyphen of "3GFF-700" comes after one to eight letters or digits
        starts = (i for hyphen, _ in cues["model"] for i in range(max(0, hyphen - 8), hyphen))
        return [
            self._mention("Item", text, m.start(), m.end(), 0.7, {"model": m.group()}, key=f"model:{m.group()}")
            for m in _scan(self._MODEL, text, starts)
            if not self._NOT_MODEL.search(m.group()) and not _not_a_model(m.group())
        ]

    _NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens|hundreds|several)"
    _QUANTITY = re.compile(
        rf"(?<![\w.])(?P<q>{_NUMBER}[ \n]+(?:\d+-(?:foot|ft)[ \n]+)?(?:containers?|tons?|tonnes?|metric[ \n]+tons|kg|kilograms?|"
        rf"units?|pieces?|sets?|barrels?|boxes|crates|pallets|rounds|launchers|missiles|rockets|drums|cylinders|vehicles|trucks))\b",
        re.IGNORECASE,
    )

    def quantities(self, text: str, *, cues: dict | None = None) -> list[Mention]:
        cues = cues or self.cues(text)
        starts = None if cues["unit"] is None else _quantity_starts(text, cues["unit"])
        return [self._mention("Quantity", text, m.start("q"), m.end("q"), 0.8)
                for m in _scan(self._QUANTITY, text, starts)]

    def _mention(self, type_, text, start, end, confidence, attributes=None, key=None) -> Mention:
        return Mention(type_, text[start:end], start, end, key=key, confidence=confidence,
                       source=self.source, attributes=attributes or {})


_HYPHEN_DIGITS = {f"-{d}" for d in range(10)}
# Every unit of _QUANTITY begins with one of these (in lower case).
_UNIT_CUES = {"container", "ton", "metric", "kg", "kilogram", "unit", "piece", "set", "barrel", "boxes", "crates",
              "pallets", "rounds", "launchers", "missiles", "rockets", "drums", "cylinders", "vehicles", "trucks"}


def _starts(hits: list[tuple[int, int]] | None) -> list[int] | None:
    return None if hits is None else [start for start, _ in hits]


def _scan(pattern: re.Pattern, text: str, starts: Iterable[int] | None) -> Iterator[re.Match]:
    """Matches of the pattern; ``starts`` None means the cues are unknown, so scan it all."""
    return pattern.finditer(text) if starts is None else finditer_from(pattern, text, starts)


def _quantity_starts(text: str, units: list[tuple[int, int]]) -> list[int]:
    """Where "83 20-foot containers" could start, given where its unit is: in the
    word before the unit, or the one before that after "20-foot"."""
    starts: list[int] = []
    for unit, _ in units:
        if unit == 0 or text[unit - 1] not in " \n":
            continue
        start, end = token_before(text, unit)
        starts += range(start, end)
        if text[start:end].lower().endswith(("foot", "ft")):
            before, end = token_before(text, start)
            starts += range(before, end)
    return starts


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


@lru_cache(maxsize=1)
def _not_models() -> tuple[frozenset[str], tuple[str, ...]]:
    entries = [w.upper() for w in _word_list("not_models.txt")]
    return frozenset(e for e in entries if not e.endswith("-")), tuple(e for e in entries if e.endswith("-"))


def _not_a_model(designation: str) -> bool:
    """"G-8", "FPOL-4H": groups of states and reporting codes, not goods (``data/not_models.txt``)."""
    whole, prefixes = _not_models()
    upper = designation.upper()
    return upper in whole or upper.startswith(prefixes)
