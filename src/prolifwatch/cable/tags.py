"""The TAGS line of a cable header.

Layouts seen in the corpus:

    TAGS: PARM PREL PTER MNUC MASS IR CH UK AS          (seed 001, after E.O. on one line)
    TAGS: PARM, MTCRE, PREL, PGOV, ETTC, CH, IR          (seed 002)
    TAG: PTER, PREL, PGOV, ...  /  TAG PARM, PREL, NATO  (09DOHA214, 10BERLIN193)
    TAGS PREL, ECON, EFIN, PARM, ... KS,                 (scraped layout: no colon,
    JA, IR, PK, AF                                        continued on the next line)
    TAGS OVIP (STEINBERG, JAMES B.), PREL, MNUC, ...     (a person after OVIP)
    TAGS: OVIP CLINTON HILLARY PREL KPAL FR IR RS        (a name without parentheses)
    TAGS: PINS, GR, (KALOUDIS, NICK), (AMBATIELOS, ANTHONY)   (PlusD, 1974)
    Tags: ovip (steinberg, james b.), prel, parm, ...    (sentence-cased exports)
    tAgs: PREL, PARM / TaGS PREL PARM                   (the word in odd case)

Tags are upper-cased; names in parentheses, names after OVIP and the
multi-word tags of ``data/multiword_tags.txt`` are kept whole.
"""
from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

__all__ = ["parse_tags"]

# "TAGS:" / "TAG:" anywhere (seed 001 has it after E.O. on one line); without a
# colon only at the start of a line, so "SUBJECT: NO TAGS HERE" is no marker.
# (Starts with the literal "T" so the scan over a whole cable stays fast.)
_AFTER_WORD = r"(?:(?P<colon>[ \t]*:)[ \t]*|[ \t]+(?=\S))"
_START = re.compile(r"(?P<word>T(?<![A-Za-z(]T)(?:AGS?|ags?))" + _AFTER_WORD)
# The word in any letter case ("tAgs:", "TaGS"), as some exports mangle it:
# looked for only when the usual spellings are not there, since a scan led by
# [Tt] stops at every "t" of the text and takes about four times as long.
_START_ANY_CASE = re.compile(r"(?P<word>[Tt](?<![A-Za-z(][Tt])(?i:ags?))" + _AFTER_WORD)
# Without a colon, an odd-case word is a marker only before a tag code:
# "tag team on energy" (scraped-text/09THEHAGUE596, a line of the body) is none.
_USUAL_WORDS = frozenset({"TAGS", "TAG", "Tags", "Tag"})
_CODE_NEXT = re.compile(r"[A-Z]{2,}\b")
# What may follow the TAGS line: the subject, a blank line, other header fields.
_STOP = re.compile(
    r"(?<![A-Za-z])(?i:subject|subj)\b|(?i:classified\s+by)|(?<![A-Za-z])REF(?:S|TEL)?\s*:"
    r"|(?<![A-Za-z])E\.[ ]?O\.|\n[ \t]*\n"
)
# Header words a TAGS line can run into without their colon ("TAGS: PARM PREL REF A"): no tag codes.
_HEADER_WORDS = frozenset({"REF", "REFS", "REFTEL", "SUBJ"})
_MARKUP = re.compile(r"<[^>]*>")
# Without a TAGS marker only a short run of tag-like text is taken as the list.
_FRAGMENT = re.compile(r"\s*[\w \t,()./'&-]{0,500}\s*")
# A following line continues the list when the line before ended with a comma
# or when it is nothing but upper-case codes ("NATO, UK, CN").
_CODES_LINE = re.compile(r"[ \t]*[A-Z]{2,}(?:[ \t,]+[A-Z]{2,})*[ \t,]*\\?[ \t]*")
# OVIP ("very important person visit") is followed by the visitor's name:
# "OVIP (STEINBERG, JAMES B.)" or, unbracketed, "OVIP STEINBERG, JAMES B.".
# The unbracketed form is recognised only when it ends in an initial, since
# "OVIP PREL, PGOV" looks the same otherwise.
_OVIP_PERSON = r"(?<=OVIP)[ \t]+(?P<ovip>[A-Z][A-Z'-]+,[ \t]*[A-Z][A-Z'-]+(?:[ \t]+[A-Z][A-Z'-]+)*[ \t]+[A-Z]\.)"


@cache
def _token_pattern() -> re.Pattern[str]:
    text = files("prolifwatch.cable").joinpath("data/multiword_tags.txt").read_text(encoding="utf-8")
    phrases = {line.split("#", 1)[0].strip().upper() for line in text.splitlines()}
    alternation = "|".join(
        r"\s+".join(map(re.escape, p.split())) for p in sorted(filter(None, phrases), key=len, reverse=True)
    )
    return re.compile(
        rf"""
          \((?P<paren>[^()]*)\)                          # (KALOUDIS, NICK)
        | {_OVIP_PERSON}
        | (?<![^\s,])(?P<multi>{alternation})(?![^\s,])  # COUNTER TERRORISM
        | (?P<code>[^\s,()\\]+)
        """,
        re.VERBOSE,
    )


def parse_tags(text: str) -> list[str]:
    """The TAGS of a cable, upper-cased, in order, without duplicates.

    ``text`` is a whole cable, a header, or the tag list itself (one line of
    codes, as in a layout's metadata).
    """
    tag_text = _tag_text(text)
    if not tag_text:
        return []
    tags: dict[str, None] = {}
    if "|" in tag_text:
        # PlusD's metadata table: "AMBATIELOS, ANTHONY | GR - Greece; Crete | PINS - Political ..."
        for part in tag_text.upper().split("|"):
            tag = " ".join(part.split(" - ", 1)[0].split())
            if tag:
                tags[tag] = None
        return list(tags)
    for m in _token_pattern().finditer(tag_text.upper()):
        tag = m["paren"] or m["ovip"] or m["multi"] or m["code"]
        tag = " ".join(tag.split()).strip(" ,")
        if tag and tag not in _HEADER_WORDS:
            tags[tag] = None
    return list(tags)


def _tag_text(text: str) -> str:
    start = next((m for m in _START.finditer(text) if _is_marker(text, m)), None)
    if start is None:
        start = next((m for m in _START_ANY_CASE.finditer(text) if _is_marker(text, m)), None)
    if start is None:
        # The tag list itself ("PARM MTCRE PREL"); a whole cable without TAGS has none.
        return _cut(text) if _FRAGMENT.fullmatch(text) else ""
    window = text[start.end() : start.end() + 1000]
    if "<" in window:
        window = _MARKUP.sub(" ", window)
    lines = _cut(window.replace("\r", "")).split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        if not (kept[-1].rstrip(" \t\\").endswith(",") or _CODES_LINE.fullmatch(line)):
            break
        kept.append(line)
    return " ".join(kept)


def _is_marker(text: str, m: re.Match[str]) -> bool:
    if m["colon"]:
        return True
    if not _line_prefix_blank(text, m.start()):
        return False
    return m["word"] in _USUAL_WORDS or _CODE_NEXT.match(text, m.end()) is not None


def _line_prefix_blank(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _cut(text: str) -> str:
    stop = _STOP.search(text)
    return text[: stop.start()] if stop else text
