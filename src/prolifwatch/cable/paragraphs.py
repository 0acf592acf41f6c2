"""The body of a cable as paragraphs, each with its marking and exact offsets.

Paragraph starts seen in the corpus:

    1. (S) ...            ¶1. (S) ...          ¶3.            2.(S/REL CHINA) Post should:
    (C) 1. In a visit...  (marking before the number, 2003 and earlier)
    1.  PRESS REPORTS ... (no marking, 1960s)
    ... with the U.S. 8. (U) The Assistant Secretary cleared this cable.
                          (scraped pages that lost the newline: only with a marking)

A number starts a paragraph only when it fits the sequence.  Seed 003 has
"...using the talking points in Para\\n\\n6. NOTE THAT THESE POINTS ..." inside
paragraph 1; "6." is not the "2." expected next, so it stays in paragraph 1.
A skipped number ("4." after "2.") is accepted when the line is clearly a
paragraph start (a marking or the ¶ sign), because cables do misnumber.

A repeated number ("¶9." twice in scraped-text/10RIYADH123) is a paragraph
of its own when it is clearly one, so numbers never decrease but may repeat.

Section headings ("---------- OBJECTIVES ----------", "Summary\\n-------",
a title between two rules) that come right before a numbered paragraph end
the paragraph before them and belong to no paragraph; a sub-heading followed
by text of the same paragraph stays in it.  Body text before paragraph 1
(a "SUMMARY: ... END SUMMARY", "KEY POINTS") becomes paragraphs without a
number, split at blank lines, so nothing the body says is dropped.  The
signature is not part of the last paragraph.  A cable without numbered
paragraphs is split at blank lines.

Invariant: ``p.text == text[p.start:p.end]`` for the very string passed in.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from ..model import Paragraph
from .header import first_paragraph_start
from .lowered import ascii_lowered
from .markings import parse_marking
from .signature import signature_start

__all__ = ["body_start", "parse_paragraphs"]

# A paragraph number is up to three digits, an optional blank and a period
# ("1.", "12 ."), not glued to a number, period, comma or slash before it
# (so not "1.4." or "2008.").  Python's regex engine scans fast only for a
# pattern that starts with a literal, so the scan looks for the period and
# checks what is before it with lookbehinds: first the cheap ones, which drop
# the periods that end a sentence (six in seven), then one per number width,
# whose group holds the digits (``match.lastindex`` names the one that matched).
_DIGITS_BEFORE = r"(?<![0-9.,/])([0-9]{%d})"
_PERIOD = re.compile(
    r"\.(?:(?<=[0-9]\.)|(?<=[0-9][ \t]\.))(?=[ \t(]|$)(?:"
    + "|".join(rf"(?<={_DIGITS_BEFORE % width}{blank}\.)" for blank in ("", r"[ \t]") for width in (1, 2, 3))
    + ")",
    re.MULTILINE,
)
_MARK_AFTER = re.compile(r"[ \t]*(\([^()\n]{1,60}\))")
_MARK_BEFORE = re.compile(r"(\([^()\n]{1,40}\))[ \t]*")
_SPACE = re.compile(r"[ \t]*")
_MAX_SKIP = 2

# Section headings.  Found from their rules ("---"), which are rare, rather
# than by trying a heading pattern at every line start:
#   "Summary\n-------", "-------\nSUMMARY\n-------", "---------- OBJECTIVES ----------",
#   "SUMMARY -------", "--- -- Background: ... --- --" (one line).
_RULE = re.compile(r"---+")  # (a literal start: scanned fast)
_PARAGRAPH_LINE = re.compile(r"[ \t]*(?:¶[ \t]*)?\d{1,3}[ \t]?\.")
# Headings without a rule: a bare heading word, and the page headers long
# cables repeat ("BEIJING 00001141 002 OF 002").
_OTHER_HEADING = re.compile(
    r"(?m)^[ \t]*(?:(?i:summary|comment|background|introduction)[ \t:]*"
    r"|[A-Z][A-Z ]{1,25}[ \t]0\d{7}[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3}[ \t]*)$"
)
# Literal-led scans that find every line _OTHER_HEADING can match (its own
# scan tries the pattern at every line start, which is slow in Python).  A
# heading word is alone on its line, so only the starts of lines are looked
# at, in the lowered text (``ascii_lowered``).
_HEADING_WORD = rb"[ \t]*(?:summary|comment|background|introduction)"
_HEADING_WORD_LINE = re.compile(rb"\n" + _HEADING_WORD)
_HEADING_WORD_FIRST_LINE = re.compile(_HEADING_WORD)
_PAGE_HEADER_END = re.compile(r"OF[ \t]+\d{3}[ \t]*$", re.MULTILINE)
_MAX_TITLE = 100
_SHORT_TITLE = 60
_SENTENCE_END = (".", ",", ";", ":", '"', "\u201d")


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_rule(line: str) -> bool:
    return not line.strip("- \t\\")


def _is_rule_above(text: str, line: int, start: int) -> bool:
    """Whether the line above the one that starts at ``line`` is a rule or
    blank; at ``start`` or before it there is nothing above."""
    if line <= start:
        return True
    return _is_rule(text[text.rfind("\n", 0, line - 1) + 1 : line - 1])


def _headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the section headings in text[start:end], in order, merged."""
    spans: list[tuple[int, int]] = []
    for m in _RULE.finditer(text, start, end):
        ls, le = _line(text, m.start())
        if spans and ls < spans[-1][1]:
            continue
        line = text[ls:le].strip(" \t\\")
        if not (line.startswith("---") or line.endswith("---")):
            continue  # a dash inside prose
        hs = ls
        if _is_rule(line) and ls - 1 > start:
            # a title underlined by this rule, with a blank line or an overline above it
            ts = text.rfind("\n", 0, ls - 1) + 1
            title = text[ts : ls - 1].strip()
            # (scraped pages have no blank lines: there a short line that
            # does not end a sentence is taken as the title)
            if (
                title
                and len(title) <= _MAX_TITLE
                and not _PARAGRAPH_LINE.match(title)
                and (
                    len(title) <= _SHORT_TITLE and not title.endswith(_SENTENCE_END) or _is_rule_above(text, ts, start)
                )
            ):
                hs = ts
        if spans and hs <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], le)
        else:
            spans.append((hs, le))
    return sorted(spans + _other_headings(text, start, end))


def _other_headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans ``_OTHER_HEADING.finditer(text, start, end)`` gives, found faster."""
    lowered = ascii_lowered(text)
    if lowered is None:  # lower() changed a length: offsets would not map
        return [(m.start(), m.end()) for m in _OTHER_HEADING.finditer(text, start, end)]
    lines = {text.rfind("\n", 0, m.start()) + 1 for m in _PAGE_HEADER_END.finditer(text, start, end)}
    lines.update(m.start() + 1 for m in _HEADING_WORD_LINE.finditer(lowered, max(start - 1, 0), end))
    if start == 0 and _HEADING_WORD_FIRST_LINE.match(lowered, 0, end):
        lines.add(0)  # the first line has no newline before it
    found = []
    for line in sorted(lines):
        # "^" in finditer matches only at the real start or after a newline
        if line < start or (line == start and line and text[line - 1] != "\n"):
            continue
        if m := _OTHER_HEADING.match(text, line, end):
            found.append((m.start(), m.end()))
    return found


_BLANK = re.compile(r"\n[ \t\\]*\n\s*")

# Header markers, not glued to a word before them; the body begins after the
# block of the last one.  Each branch starts with a literal and checks the
# character before it afterwards: the regex engine then skips ahead to the
# next C, c, R, S, T or E instead of trying every offset.
_HEADER_MARKER = re.compile(
    r"C(?<![A-Za-z]C)(?i:lassifi?ed[ \t]+by)|c(?<![A-Za-z]c)(?i:lassifi?ed[ \t]+by)"
    r"|R(?<![A-Za-z]R)(?:EF|ef)(?:S|s|TELS?)?[ \t]*:|S(?<![A-Za-z]S)(?:UBJECT|UBJ|ubject)[ \t]*:"
    r"|T(?<![A-Za-z]T)AGS?\b|E(?<![A-Za-z]E)\.?[ ]?O\.?[ \t]*1\d{4}"
)
# A header block ends at a blank line -- unless the next line carries on
# the block (a labelled reference "B. STATE 123", "Reasons 1.4 (b)") --
# or where a glued paragraph "1. (C)" begins.
_BLOCK_END = re.compile(
    r"\n[ \t\\]*\n(?![ \t\\\n]*(?:¶?\(?[A-Z][.)][ \t]|(?i:reasons?\b)|1\.[4-6]|REF))"
    r"|(?<=\s)(?:¶[ \t]*)?\d{1,2}\.[ \t]*\([A-Z]{1,3}(?:/+[A-Za-z ,]+)?\)"
)


# parse_cable asks for this several times per cable; str hashes are cached.
@lru_cache(maxsize=16)
def body_start(text: str) -> int:
    """Offset where the body begins: after the last header block before paragraph 1."""
    first = first_paragraph_start(text)
    limit = first if first is not None else min(len(text), 6000)
    last = None
    for last in _HEADER_MARKER.finditer(text, 0, limit):
        pass
    if last is None:
        return 0
    end = _BLOCK_END.search(text, last.end())
    start = end.start() if end else len(text)
    return min(start, first) if first is not None else start


def _number_candidates(text: str, start: int, stop: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, value) of each paragraph number "N." in text[start:stop]."""
    for period in _PERIOD.finditer(text, start, stop):
        digits = period.lastindex
        assert digits is not None  # (one width always matched)
        first = period.start(digits)
        if first >= start:  # (the lookbehinds also see the text before ``start``)
            yield first, period.end(), int(period.group(digits))


def _sign_before(text: str, number: int) -> int | None:
    """Offset of the "¶" printed before the number at ``number``, or None.

    What ``re.search(r"¶[ \t]*$", text, number - 4, number)`` finds: a sign
    within four characters with only blanks after it (and, as "$" allows, a
    newline right before the number); one rfind instead of a regex call."""
    sign = text.rfind("¶", max(0, number - 4), number)
    if sign < 0:
        return None
    gap = text[sign + 1 : number]
    if gap.endswith("\n"):
        gap = gap[:-1]
    return None if gap.strip(" \t") else sign


def _is_marking(candidate: str) -> bool:
    return parse_marking(candidate)[0] is not None


def _numbered(text: str, start: int, stop: int) -> list[tuple[int, int, str, str | None]]:
    """(start, body offset, number as printed, marking) of each accepted paragraph."""
    found: list[tuple[int, int, str, str | None]] = []
    expected: int | None = None
    for m_start, m_end, n in _number_candidates(text, start, stop):
        if expected is not None and not expected - 1 <= n <= expected + _MAX_SKIP - 1:
            continue
        sign = _sign_before(text, m_start)
        begin = printed_from = m_start if sign is None else sign
        marking = None
        after = _MARK_AFTER.match(text, m_end)
        if after and _is_marking(after.group(1)):
            marking = after.group(1)
        # (most numbers follow a newline; only the others need the line read)
        at_line_start = begin == 0 or text[begin - 1] == "\n"
        if not at_line_start:
            # (only the start of the line is looked at: scraped pages have lines
            # of thousands of characters with many numbers in them)
            line = _SPACE.match(text, text.rfind("\n", 0, begin) + 1).end()
            at_line_start = line >= begin
            if not at_line_start and marking is None and text[line] == "(":
                before = _MARK_BEFORE.match(text, line)
                if before and before.end() == begin and _is_marking(before.group(1)):
                    marking, at_line_start, begin = before.group(1), True, line
        clear = sign is not None or marking is not None
        if expected is None or n == expected:
            ok = at_line_start or clear
        else:  # a skipped or a repeated number, as cables do print
            ok = at_line_start and clear
        if ok:
            found.append((begin, m_end, text[printed_from:m_end].strip(), marking))
            expected = n + 1
    return found


# A paragraph before it becomes a Paragraph: (start, end, number as printed,
# marking, its text).  Each text is cut from the cable once, when trimmed.
_Piece = tuple[int, int, str | None, str | None, str]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, text) of text[start:end] without the whitespace around it; None if blank."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = chunk.find(stripped[0])  # (all before it is whitespace)
    return start + lead, start + lead + len(stripped), stripped


def _blocks(text: str, start: int, end: int, headings: list[tuple[int, int]]) -> list[_Piece]:
    """Blank-line separated blocks of text[start:end], headings removed."""
    pieces: list[_Piece] = []
    cursor = start
    for h_start, h_end in headings + [(end, end)]:
        if h_end <= cursor or h_start >= end and cursor >= end:
            continue
        piece_end = min(h_start, end)
        pos = cursor
        for sep in _BLANK.finditer(text, cursor, piece_end):
            if span := _trimmed(text, pos, sep.start()):
                pieces.append((span[0], span[1], None, None, span[2]))
            pos = sep.end()
        if span := _trimmed(text, pos, piece_end):
            pieces.append((span[0], span[1], None, None, span[2]))
        cursor = max(cursor, h_end)
        if cursor >= end:
            break
    return pieces


def _numbered_pieces(
    text: str, numbered: list[tuple[int, int, str, str | None]], headings: list[tuple[int, int]], end: int
) -> list[_Piece]:
    """Each numbered paragraph: up to the next one, less the headings that
    close it and the blanks at its end."""
    heading_starts = [h[0] for h in headings]
    bounds = [p[0] for p in numbered[1:]] + [end]
    pieces: list[_Piece] = []
    for (p_start, p_body, number, marking), p_end in zip(numbered, bounds):
        # Headings right before the next paragraph close this one; a
        # sub-heading with text under it ("BEGIN TALKING POINTS\n----\n-- ...")
        # stays inside, so no text leaves its paragraph.
        stop = p_end
        first_inside = bisect_left(heading_starts, p_body)
        for h_start, h_end in reversed(headings[first_inside : bisect_left(heading_starts, p_end, first_inside)]):
            if text[h_end:stop].strip():
                break
            stop = h_start
        # (a paragraph starts at its sign, number or marking: only its end can be blank)
        body = text[p_start:stop].rstrip()
        pieces.append((p_start, p_start + len(body), number, marking, body))
    return pieces


def parse_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of the body, in order, with ``text == text[start:end]``."""
    begin = body_start(text)
    end = max(begin, signature_start(text))
    headings = _headings(text, begin, end)
    numbered = _numbered(text, begin, end)
    # text before paragraph 1 that is not a heading is split at blank lines
    pieces = _blocks(text, begin, numbered[0][0] if numbered else end, headings)
    if numbered:
        pieces += _numbered_pieces(text, numbered, headings, end)
    paragraphs = []
    for index, (start, stop, number, marking, body) in enumerate(sorted(pieces)):
        if marking is None and number is None:
            lead = _MARK_AFTER.match(text, start)
            if lead and parse_marking(lead.group(1))[0]:
                marking = lead.group(1)
        level, caveats = parse_marking(marking) if marking else (None, [])
        paragraphs.append(Paragraph(index, body, start, stop, number, marking, level, caveats))
    return paragraphs
