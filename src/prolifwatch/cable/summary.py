"""The SUMMARY of a cable.

Openings seen in the corpus:

    1. (C) Summary: The National Security Advisory Board ...   (in paragraph 1)
    ¶1. (C) SUMMARY. NSC WMD Coordinator ...
    1.(C) Summary.  Econoff delivered ...
    Summary\\n-------\\n¶1. (C) Current bilateral cooperation ... (a heading)
    -------\\nSUMMARY\\n-------\\n\\n¶1. (S) Per instructions ...
    SUMMARY AND COMMENT: ...
    SUMMARY: FOLLOWING ASSASSINATION ...\\nEND SUMMARY          (1970s, unnumbered)

and the close: "End Summary.", "END SUMMARY", "(End Summary)", "End summary".
Without a close, the summary runs to the end of its paragraph.  Paragraph
numbers, markings and page headers inside the summary are removed and the
whitespace normalised.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .lowered import ascii_lowered
from .paragraphs import body_start

__all__ = ["parse_summary"]

# The word is found by a plain search (fast); the line around it then decides.
_WORDS = ("SUMMARY", "Summary", "summary")
_PREFIX = re.compile(
    r"""(?ix)[ \t]*(?:¶[ \t]*)?(?:\d{1,2}\.[ \t]*)?(?:\([A-Z/ ,]{1,30}\)[ \t]*)?(?:\d{1,2}\.[ \t]*)?
    (?:-{3,}[- \t]*)?(?:[IVX]+\.[ \t]*)?(?:BEGIN[ \t]+)?(?:INTRODUCTION[ \t]+(?:AND|&)[ \t]+)?"""
)
_RUN_IN = (". ", ") ", "  ", ".\t")  # pages that lost their newlines
_SUFFIX = re.compile(
    r"""(?mix)
    (?:[ \t]*(?:[,/]|AND|&)[ \t]*(?:[A-Z]+[ \t,]*){1,4}?)?   # "and Comment", "/BACKGROUND", ", COMMENT, AND ACTION REQUEST"
    (?: [ \t]*[:.][ \t-]*          # "Summary:", "SUMMARY." (then the text)
      | [ \t]+-{1,2}[ \t]+         # "Summary -- text"
      | [ \t]*-{3,}[- \t]*         # "------- SUMMARY -------"
      | [ \t]{2,}(?=[A-Z])         # "SUMMARY  During their trip"
      | [ \t\\]*$ )               # a heading line
    """
)


def _opening(text: str) -> int | None:
    """Offset just after the first summary opening ("Summary:", a heading), or None."""
    for pos in _word_positions(text):
        line = text.rfind("\n", 0, pos) + 1
        prefix = text[line:pos]
        if _PREFIX.fullmatch(prefix) or prefix.endswith(_RUN_IN) and not prefix.rstrip().upper().endswith("END"):
            after = _SUFFIX.match(text, pos + len(_WORDS[0]))  # (all three are one length)
            if after:
                return after.end()
    return None


def _word_positions(text: str) -> Iterator[int]:
    """Offsets of the _WORDS in text[:_SCAN], in order.

    One search of the lowered text finds them all (and mixed spellings such
    as "SuMMARY", which are skipped); three str.find scans of a text that is
    not pure ASCII cost several times that.
    """
    lowered = ascii_lowered(text)
    if lowered is None:  # a text whose lower() has other offsets
        hits = []
        for word in _WORDS:
            pos = text.find(word, 0, _SCAN)
            while pos >= 0:
                hits.append(pos)
                pos = text.find(word, pos + len(word), _SCAN)
        yield from sorted(hits)
        return
    pos = lowered.find(b"summary", 0, _SCAN)
    while pos >= 0:
        if text.startswith(_WORDS, pos):
            yield pos
        pos = lowered.find(b"summary", pos + 1, _SCAN)


# "End Summary", "END OF SUMMARY", "(End summary" -- the match starts at the
# "(" or the blanks before the words.  The words are scanned for alone: a
# pattern that starts with "\(?[ \t]*" is tried at every offset of the body.
_END_WORDS = re.compile(r"[Ee][Nn][Dd]\s+(?:[Oo][Ff]\s+)?[Ss][Uu][Mm][Mm][Aa][Rr][Yy]\b")
_LEAD = re.compile(r"(?:\s|\\|-{3,}|¶[ \t]*\d{1,2}\.|\d{1,2}\.(?=[ \t(])|\([A-Z/ ,]{1,30}\)|[:.])*")
_OPEN_END = re.compile(r"\n[ \t\\]*\n|\n[ \t]*(?:¶[ \t]*)?\d{1,2}\.(?=[ \t(])")
_NUMBERS = re.compile(r"(?m)^[ \t]*(?:¶[ \t]*)?\d{1,2}\.[ \t]*(?:\([A-Za-z/ ,]{1,30}\))?")
_PAGE_HEADER = re.compile(r"(?m)^[ \t]*[A-Z][A-Z ]{1,25}[ \t]0\d{7}[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3}[ \t]*$")
# Patterns that start at "^" are tried at every offset; these literal-led
# scans find what each needs first ("OF 002" ending a line, a digit before
# a period) and spare the scan in most summaries.
_PAGE_HEADER_END = re.compile(r"(?m)OF[ \t]+\d{3}[ \t]*$")
_NUMBER_PERIOD = re.compile(r"\.(?<=\d\.)")
_SCAN = 20000  # the summary is at the top of the body
_MAX = 12000


def _end(text: str, start: int) -> int | None:
    r"""Offset of the first summary close within _MAX of start: where
    ``\(?[ \t]*\bEND\s+(?:OF\s+)?SUMMARY\b`` (any case) would match."""
    stop = start + _MAX
    lowered = ascii_lowered(text)
    if lowered is None:
        words: Iterator[int] = (m.start() for m in _END_WORDS.finditer(text, start, stop))
    else:
        words = _end_words(text, lowered, start, stop)
    for word in words:
        if word and _is_word_char(text[word - 1]):
            continue  # "WEEKEND SUMMARY"
        begin = word
        while begin > start and text[begin - 1] in " \t":
            begin -= 1
        if begin > start and text[begin - 1] == "(":
            begin -= 1
        return begin
    return None


def _end_words(text: str, lowered: bytes, start: int, stop: int) -> Iterator[int]:
    """Starts of the matches ``_END_WORDS.finditer(text, start, stop)`` gives.

    A scan for _END_WORDS, which starts with a character class, tries every
    offset of the body; "summary" in the lowered text is found by a plain
    search, and most cables have none.  Only blanks and "of" stand between a
    close's "end" and its "summary", so the "end" is the last one before it.
    """
    hit = lowered.find(b"summary", start, stop)
    while hit >= 0:
        word = lowered.rfind(b"end", start, hit)
        if word >= 0 and (m := _END_WORDS.match(text, word, stop)) and m.end() == hit + len("summary"):
            yield word
        hit = lowered.find(b"summary", hit + 1, stop)


def _is_word_char(char: str) -> bool:
    # what re's \b counts as a word character
    return char.isalnum() or char == "_"


def parse_summary(text: str) -> str | None:
    """The cable's summary, or None when it has none."""
    opening = _opening(text)
    if opening is not None:
        start = _LEAD.match(text, opening).end()
    else:
        # "End Summary." closing paragraph 1 with no opening: the summary is
        # the body up to it.
        first = body_start(text)
        if _end(text, first) is None:
            return None
        start = _LEAD.match(text, first).end()
    stop = _end(text, start)
    if stop is None:
        open_end = _OPEN_END.search(text, start, start + _MAX)
        stop = open_end.start() if open_end else min(len(text), start + _MAX)
    body = text[start:stop]
    if _PAGE_HEADER_END.search(body):
        body = _PAGE_HEADER.sub(" ", body)
    if _NUMBER_PERIOD.search(body):
        body = _NUMBERS.sub(" ", body)
    words = body.split()
    if "\\" in body:  # (a lone backslash is a scraped line end, not a word)
        words = [w for w in words if w != "\\"]
    summary = " ".join(words).strip(" -")
    return summary or None
