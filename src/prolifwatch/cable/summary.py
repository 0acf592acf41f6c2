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

from .paragraphs import body_start

__all__ = ["parse_summary"]

# The word is found with str.find (fast); the line around it then decides.
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
    best = None
    for word in _WORDS:
        pos = text.find(word, 0, _SCAN)
        while pos >= 0 and (best is None or pos < best[0]):
            line = text.rfind("\n", 0, pos) + 1
            prefix = text[line:pos]
            if _PREFIX.fullmatch(prefix) or prefix.endswith(_RUN_IN) and not prefix.rstrip().upper().endswith("END"):
                after = _SUFFIX.match(text, pos + len(word))
                if after:
                    best = (pos, after.end())
                    break
            pos = text.find(word, pos + len(word), _SCAN)
    return best[1] if best else None


_END = re.compile(r"\(?[ \t]*\b[Ee][Nn][Dd]\s+(?:[Oo][Ff]\s+)?[Ss][Uu][Mm][Mm][Aa][Rr][Yy]\b")
_LEAD = re.compile(r"(?:\s|\\|-{3,}|¶[ \t]*\d{1,2}\.|\d{1,2}\.(?=[ \t(])|\([A-Z/ ,]{1,30}\)|[:.])*")
_OPEN_END = re.compile(r"\n[ \t\\]*\n|\n[ \t]*(?:¶[ \t]*)?\d{1,2}\.(?=[ \t(])")
_NUMBERS = re.compile(r"(?m)^[ \t]*(?:¶[ \t]*)?\d{1,2}\.[ \t]*(?:\([A-Za-z/ ,]{1,30}\))?")
_PAGE_HEADER = re.compile(r"(?m)^[ \t]*[A-Z][A-Z ]{1,25}[ \t]0\d{7}[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3}[ \t]*$")
_SCAN = 20000  # the summary is at the top of the body
_MAX = 12000


def _end(text: str, start: int) -> re.Match[str] | None:
    """``_END.search`` within _MAX of start; most cables say no "summary" at
    all, which str.lower and ``in`` rule out far faster than the regex scan."""
    if "summary" not in text[start : start + _MAX].lower():
        return None
    return _END.search(text, start, start + _MAX)


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
    end = _end(text, start)
    if end is not None:
        stop = end.start()
    else:
        open_end = _OPEN_END.search(text, start, start + _MAX)
        stop = open_end.start() if open_end else min(len(text), start + _MAX)
    body = _PAGE_HEADER.sub(" ", text[start:stop])
    body = _NUMBERS.sub(" ", body)
    summary = " ".join(w for w in body.split() if w != "\\").strip(" -")
    return summary or None
