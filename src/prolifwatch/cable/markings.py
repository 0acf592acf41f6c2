"""Classification markings: the document line and the per-paragraph marking.

Spellings seen in the corpus (the table lives in ``data/markings.tsv``):

    paragraph:  (S) (C) (U) (SBU) (S/NF) (C/NF) (S//NF) (C NF) ( C ) (c)
                (U//FOUO) (SBU/NF) (S//FGI//NF) (S/REL CHINA) (S/Rel China and UK)
                (S//REL TO USA, FVEY) (C/REL NATO/AUS) (SECRET/REL FRANCE)
    document:   S E C R E T / C O N F I D E N T I A L / CO N F I D E N T I A L
                UNCLAS / UNCLAS E F T O / UNCLAS SENSITIVE / SECRET//NOFORN
                SECRET//FGI//NOFORN//MR / UNCLASSIFIED//FOR OFFICIAL USE ONLY
                LIMITED OFFICIAL USE

Both become ``(level, caveats)`` with level one of UNCLASSIFIED, CONFIDENTIAL,
SECRET, TOP SECRET.  ``marking_label`` gives the usual banner spelling
(``SECRET//NOFORN``).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.resources import files

__all__ = ["LEVELS", "marking_label", "parse_caveat_line", "parse_classification", "parse_marking"]

LEVELS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")

# Letter-spaced words: "S E C R E T", "U N C L A S", and the one-off "CO N F I D ...".
_SPACED = re.compile(r"(?<![A-Z])[A-Z]{1,2}(?: [A-Z](?![A-Z])){2,}")
_SEPARATORS = re.compile(r"[\s/,;:()\-]*")
# REL(EASABLE) TO ... runs to the next "/" (the list itself uses commas and "AND").
_REL = re.compile(r"REL(?:EASABLE)?(?![A-Z])[ \t]*(?P<to>[^/()]*)")
_REL_MORE = re.compile(r"[A-Z][^/()]*")


@cache
def _table() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    text = files("prolifwatch.cable").joinpath("data/markings.tsv").read_text(encoding="utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", ""])[:3]
        table[" ".join(cols[0].split()).upper()] = (cols[1].strip(), cols[2].strip())
    # Longest spelling first so "TOP SECRET" wins over "TS"-like prefixes and
    # "LIMITED OFFICIAL USE" over nothing; words may be split by any whitespace.
    alternation = "|".join(
        r"\s+".join(map(re.escape, s.split())) for s in sorted(table, key=len, reverse=True)
    )
    return table, re.compile(rf"(?<![A-Z])(?:{alternation})(?![A-Z])")


# Layout classifications ("SECRET//NOFORN") and caveat lines ("SENSITIVE
# SIPDIS") repeat from cable to cable; serial lines do not, hence the bound.
@lru_cache(maxsize=1024)
def _scan(text: str) -> tuple[str | None, tuple[str, ...], bool]:
    """Read known marking words from the start of ``text``.

    Returns (level, caveats, consumed_all).  Scanning stops at the first word
    that is not a marking (a station name on the serial line, a word of prose).
    """
    table, spelling = _table()
    s = _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text.upper())
    level: str | None = None
    caveats: list[str] = []
    pos = _SEPARATORS.match(s).end()
    while pos < len(s):
        rel = _REL.match(s, pos)
        if rel and rel["to"].strip():
            caveat = "REL " + " ".join(rel["to"].replace(" ,", ",").split()).rstrip(",")
            if caveat not in caveats:
                caveats.append(caveat)
            pos = _SEPARATORS.match(s, rel.end()).end()
            continue
        m = spelling.match(s, pos)
        if m is None and caveats and caveats[-1].startswith("REL "):
            # "(C/REL NATO/AUS)": a slash inside the release list.
            more = _REL_MORE.match(s, pos)
            caveats[-1] += "/" + " ".join(more.group(0).split())
            pos = _SEPARATORS.match(s, more.end()).end()
            continue
        if m is None:
            return level, tuple(caveats), False
        lvl, caveat = table[" ".join(m.group(0).split())]
        if lvl and level is None:
            level = lvl
        if caveat and caveat not in caveats:
            caveats.append(caveat)
        pos = _SEPARATORS.match(s, m.end()).end()
    return level, tuple(caveats), True


def parse_classification(text: str) -> tuple[str | None, list[str]]:
    """The level and caveats a document classification line starts with.

    ``"S E C R E T BEIJING 000724"`` -> ``("SECRET", [])``;
    ``"UNCLAS SENSITIVE"`` -> ``("UNCLASSIFIED", ["SBU"])``;
    ``"SECRET//NOFORN"`` -> ``("SECRET", ["NOFORN"])``.  Words after the
    marking (station, serial, SECTION 01 OF 02) are ignored.  ``(None, [])``
    when the text does not start with a classification.
    """
    if not text:
        return None, []
    level, caveats, _ = _scan(text)
    if level is None:
        return None, []
    return level, list(caveats)


def parse_marking(marking: str) -> tuple[str | None, list[str]]:
    level, caveats = _parse_marking(marking)
    return level, list(caveats)


@cache  # a corpus has a few dozen distinct markings
def _parse_marking(marking: str) -> tuple[str | None, tuple[str, ...]]:
    """A paragraph marking as printed -> ``(level, caveats)``.

    ``"(S/NF)"`` -> ``("SECRET", ["NOFORN"])``; ``"(S/REL CHINA)"`` ->
    ``("SECRET", ["REL CHINA"])``; ``"(SBU)"`` -> ``("UNCLASSIFIED", ["SBU"])``.
    Anything that is not wholly a marking -- ``"(a)"``, ``"(Afghanistan)"`` --
    gives ``(None, [])``.
    """
    inner = marking.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if not inner.strip() or "(" in inner or ")" in inner:
        return None, ()
    level, caveats, complete = _scan(inner)
    if level is None or not complete:
        return None, ()
    return level, caveats


def parse_caveat_line(line: str) -> list[str] | None:
    """Caveats of a header line that holds nothing else ("NOFORN", "SENSITIVE",
    "NOFORN SIPDIS"); None when the line says anything more.  SIPDIS (the
    SIPRNet distribution caption) is not a caveat and is skipped."""
    words = _SIPDIS.sub(" ", line).strip()
    if not words:
        return None
    level, caveats, complete = _scan(words)
    if level is not None or not complete or not caveats:
        return None
    return list(caveats)


_SIPDIS = re.compile(r"(?i)\bSIPDIS\b")


def marking_label(level: str | None, caveats: list[str]) -> str | None:
    """The banner spelling: ``("SECRET", ["NOFORN"])`` -> ``"SECRET//NOFORN"``."""
    if level is None:
        return None
    return "//".join([level, *caveats])
