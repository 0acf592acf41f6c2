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
from collections.abc import Iterator
from functools import lru_cache

from ..model import Paragraph
from .header import first_paragraph_start
from .lowered import ascii_lowered
from .markings import parse_marking
from .signature import signature_start

__all__ = ["body_start", "parse_paragraphs"]

# A paragraph number is up to three digits, an optional space and a period
# ("1.", "12 ."). Python's regex engine scans fast only for a pattern that
# starts with a literal, so the scan looks for the period and the digits
# before it are read back in Python (_number_candidates).  The lookbehinds
# drop the periods that end a sentence (six in seven) before Python sees them.
_PERIOD = re.compile(r"\.(?:(?<=[0-9]\.)|(?<=[0-9][ \t]\.))(?=[ \t(]|$)", re.MULTILINE)
_DIGITS = frozenset("0123456789")
_NOT_BEFORE_NUMBER = frozenset("0123456789.,/")
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
            ts, te = _line(text, ls - 1)
            title = text[ts:te].strip()
            above = text[_line(text, ts - 1)[0] : ts - 1] if ts > start else ""
            # (scraped pages have no blank lines: there a short line that
            # does not end a sentence is taken as the title)
            if (
                title
                and len(title) <= _MAX_TITLE
                and not _PARAGRAPH_LINE.match(title)
                and (_is_rule(above) or len(title) <= _SHORT_TITLE and not title.endswith(_SENTENCE_END))
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
    """(start, end, value) of each "N." in text[start:stop] not glued to a
    number, a period, comma or slash before it (so not "1.4." or "2008.")."""
    for period in _PERIOD.finditer(text, start, stop):
        dot = period.start()
        last = dot - 1
        if last >= start and text[last] in " \t":
            last -= 1
        first = last
        while first > last - 3 and first >= start and text[first] in _DIGITS:
            first -= 1
        first += 1
        if first > last:
            continue
        if first and text[first - 1] in _NOT_BEFORE_NUMBER:
            continue
        yield first, dot + 1, int(text[first : last + 1])


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
        begin = m_start if sign is None else sign
        printed = text[begin:m_end].strip()
        marking = None
        after = _MARK_AFTER.match(text, m_end)
        if after and _is_marking(after.group(1)):
            marking = after.group(1)
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
            found.append((begin, m_end, printed, marking))
            expected = n + 1
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = chunk.find(stripped[0])  # (all before it is whitespace)
    return start + lead, start + lead + len(stripped)


def _blocks(text: str, start: int, end: int, headings: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Blank-line separated blocks of text[start:end], headings removed."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for h_start, h_end in headings + [(end, end)]:
        if h_end <= cursor or h_start >= end and cursor >= end:
            continue
        piece_end = min(h_start, end)
        pos = cursor
        for sep in _BLANK.finditer(text, cursor, piece_end):
            span = _trimmed(text, pos, sep.start())
            if span:
                spans.append(span)
            pos = sep.end()
        span = _trimmed(text, pos, piece_end)
        if span:
            spans.append(span)
        cursor = max(cursor, h_end)
        if cursor >= end:
            break
    return spans


def parse_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of the body, in order, with ``text == text[start:end]``."""
    begin = body_start(text)
    end = max(begin, signature_start(text))
    headings = _headings(text, begin, end)
    numbered = _numbered(text, begin, end)
    # (start, end, number, marking)
    pieces: list[tuple[int, int, str | None, str | None]] = []
    if not numbered:
        pieces = [(s, e, None, None) for s, e in _blocks(text, begin, end, headings)]
    else:
        # text before paragraph 1 that is not a heading
        pieces += [(s, e, None, None) for s, e in _blocks(text, begin, numbered[0][0], headings)]
        bounds = [p[0] for p in numbered[1:]] + [end]
        for (p_start, p_body, number, marking), p_end in zip(numbered, bounds):
            inside = [h for h in headings if p_body <= h[0] < p_end]
            # Headings right before the next paragraph close this one; a
            # sub-heading with text under it ("BEGIN TALKING POINTS\n----\n-- ...")
            # stays inside, so no text leaves its paragraph.
            stop = p_end
            for h_start, h_end in reversed(inside):
                if text[h_end:stop].strip():
                    break
                stop = h_start
            span = _trimmed(text, p_start, stop)
            if span:
                pieces.append((span[0], span[1], number, marking))
    paragraphs = []
    for index, (start, stop, number, marking) in enumerate(sorted(pieces)):
        if marking is None and number is None:
            lead = _MARK_AFTER.match(text, start)
            if lead and parse_marking(lead.group(1))[0]:
                marking = lead.group(1)
        level, caveats = parse_marking(marking) if marking else (None, [])
        paragraphs.append(
            Paragraph(
                index=index,
                text=text[start:stop],
                start=start,
                end=stop,
                number=number,
                marking=marking,
                classification=level,
                caveats=caveats,
            )
        )
    return paragraphs
