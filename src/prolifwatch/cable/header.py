"""Header fields of a cable: SUBJECT, Classified By / reasons, E.O. 12958 DECL.

Every function takes a whole cable or just a fragment (a single header line).
On a whole cable the search is limited to the header -- the text before the
first numbered paragraph -- so a "Subject:" quoted in the body is not taken,
and 250,000 cables are not scanned end to end for each field.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "first_paragraph_start",
    "header_region",
    "parse_classified_by",
    "parse_declassify_on",
    "parse_subject",
]

# Where the body starts: "1. (C)", "¶1.", "1.(SBU)", "(C) 1." at the start of a
# line.  "1.4 (b)" (a reason) and "1. 4(b)" are not paragraph numbers.
_PARAGRAPH_ONE = r"[ \t]*(?:¶[ \t]*1[ \t]*\.|1\.(?=[ \t]*\(|[ \t]+\S)|\([A-Za-z/ ]{1,12}\)[ \t]*1\.(?=\s))"
# The first line is tried on its own; every later line is found from the
# newline before it (a pattern led by "^" would be tried at every offset).
_PARAGRAPH_ONE_FIRST_LINE = re.compile(_PARAGRAPH_ONE)
_PARAGRAPH_ONE_LATER_LINE = re.compile(r"\n" + _PARAGRAPH_ONE)
_HEADER_WITHOUT_PARAGRAPHS = 6000


# parse_cable asks for this several times per cable; str hashes are cached.
@lru_cache(maxsize=16)
def first_paragraph_start(text: str) -> int | None:
    """Offset of the line that starts paragraph 1, or None."""
    if _PARAGRAPH_ONE_FIRST_LINE.match(text):
        return 0
    m = _PARAGRAPH_ONE_LATER_LINE.search(text)
    return m.start() + 1 if m else None


def header_region(text: str) -> str:
    """The part of ``text`` a header field can be in."""
    start = first_paragraph_start(text)
    if start is None:
        return text[:_HEADER_WITHOUT_PARAGRAPHS]
    return text[:start]


def _header_and_first_line(text: str) -> str:
    """The header plus the first line of paragraph 1, which some cables use
    for the classification authority ("1.(U) Classified by ...")."""
    start = first_paragraph_start(text)
    if start is None:
        return text[:_HEADER_WITHOUT_PARAGRAPHS]
    end = text.find("\n", start)
    return text[: len(text) if end < 0 else end]


def _squash(text: str) -> str:
    return " ".join(text.replace("\\\n", "\n").split())


# --------------------------------------------------------------------------- SUBJECT

# (Not glued to a word before it.  The check comes after the literal "S" so
# the regex engine can skip from one "S" to the next.)
_SUBJECT = re.compile(r"S(?<![A-Za-z]S)(?:UBJECT|UBJ|ubject|ubj)[ \t]*:[ \t]*")
# "SUBJECT: SUBJECT: BRITISH PRESS CASE ..." (wikileaks-html/09LONDON265)
_REPEATED_LABEL = re.compile(r"(?i:subj(?:ect)?)[ \t]*:[ \t]*")
# The subject runs on over wrapped lines until a blank line or the next field.
_SUBJECT_END = re.compile(
    r"""
      \n[ \t\\]*\n                                  # blank line
    | \n[ \t]*(?:REF|Ref|E\.[ ]?O\.|TAGS|Classified|CLASSIFIED|\d{1,2}\.[ \t(])
    | \n[ \t]*¶(?![ \t]*(?:19|20)\d\d\.?[ \t]*\n)      # (not "¶2009.": see _PILCROW)
    | \n[ \t]*[A-Z][A-Z ]{1,25}[ \t]0\d{7}\b        # page header "RPO DUBAI 00000023 001.2 OF 002"
    | [ \t]+(?:REF(?:S|TEL)?|Ref)[ \t]*:           # "... CONCERN REF: A. STATE 109649" (seed 003)
    | (?i:classified[ \t]+by)
    | \s-{4,}                                      # "ISRAEL MEDIA REACTION ------" (joined lines)
    """,
    re.VERBOSE,
)
_SUBJECT_MAX = 600
# Scraped pages show the page's anchor "¶" before a wrapped line that starts
# with a year and a period ("JANUARY 28, \n¶2009."): no paragraph, part of the subject.
_PILCROW = "¶"
# A page header glued to the end of the subject line by a scrape that joined
# lines, "... TO WASHINGTON BRASILIA 00000351 001.2 OF 003" (scraped-text/08BRASILIA351);
# looked for only when the subject ends in a digit.
_GLUED_PAGE_HEADER = re.compile(r"[ \t]0(?P<serial>\d{7})[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}")
_MARKUP = re.compile(r"<[^>]*>")
# Typographic quotes are the publisher's rendering: cables were sent in ASCII,
# and one cable scraped from two pages must get one subject.
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# Lines that follow a subject without being part of it: header fields,
# handling words, "STATE FOR ...", "S E C R E T ...", page headers.
_NOT_TITLE = re.compile(
    r"""[ \t]*(?:(?:REF|REFS|REFTEL|CLASSIFIED|SIPDIS|NOFORN|SENSITIVE|SUMMARY|FROM|FOR|E\.[ ]?O|EO|TAGS?
        |DEPT|DEPARTMENT|PASS|PLEASE|CORRECTED|EXDIS|LIMDIS|NODIS|STADIS|INFO|TO|FM|BT|UNCLAS\w*
        |CONFIDENTIAL|SECRET|TOP|LIMITED|DERIVED|REASONS?|ACTION|END|BEGIN|THIS|NOT|MINIMIZE|HANDLE
        |NOTE|COMMENT|[A-Z][ ][A-Z][ ][A-Z])\b
      | [A-Z/]+[ ](?:FOR|PASS|ALSO|PLEASE)\b         # "STATE FOR ...", "USDOC ALSO ..."
      | .*\d{8}                                      # page header "CARACAS 00002367 001.2 OF 004"
      | .*[a-z]                                      # mixed case: body text
      | [^A-Z]                                       # "1.", "(C)", "¶", "----"
    )""",
    re.VERBOSE,
)
# One line after one blank line: a wrapped subject a scrape double-spaced
# ("SCENESETTER FOR SECRETARY RICE'S VISIT TO \n\nLIBYA \n\nCLASSIFIED BY").
_LOWER = re.compile(r"[a-z]")
_WRAPPED_LINE = re.compile(r"[ \t]*(?P<line>[A-Z][^\na-z]{0,78})(?=\n)")  # (no lower case)


def parse_subject(text: str) -> str | None:
    """The SUBJECT line, wrapped lines joined with single spaces.

    Markings the cable prints in the subject ("... CONCERN (S)") are kept; a
    REF block or a page header glued onto the subject line is not part of
    it.  Scraped pages show a truncated preview ("TRANSATLANTIC IS...")
    before the cable itself; a complete subject is preferred to such a stub,
    and a later SUBJECT line that continues an earlier one (a record header
    that printed only the first line) is taken whole.  Without a SUBJECT
    label, an upper-case title line between the header fields and the body
    is the subject (see ``_unlabelled_subject``).  Typographic quotes become
    ASCII ones, as the cable was sent.
    """
    found: str | None = None
    region = header_region(text)
    m = _SUBJECT.search(region)
    if m is None:
        return _unlabelled_subject(region)
    while m is not None:
        subject = _subject_at(text, m.end())
        if not subject:
            pass
        elif found is None or (_is_preview(found) and not _is_preview(subject)):
            found = subject
        elif len(subject) > len(found) and subject.lower().startswith(found.lower()):
            # "MONGOLIA'S ... VICE FOREIGN" then "mongolia's ... vice foreign minister kim"
            # (scraped-text/09ULAANBAATAR234): the cable is upper-case, the copy lowered it.
            tail = subject[len(found) :]
            found = found + (tail.upper() if found.upper() == found else tail)
        # (most headers hold one SUBJECT: two plain finds end the scan at C speed)
        if region.find("UBJ", m.end()) < 0 and region.find("ubj", m.end()) < 0:
            break
        m = _SUBJECT.search(region, m.end())
    return found


def _is_preview(subject: str) -> bool:
    return subject.endswith(("...", "\u2026"))


def _subject_at(text: str, start: int) -> str:
    chunk = text[start : start + _SUBJECT_MAX]
    end = _SUBJECT_END.search(chunk)
    stop = end.start() if end else len(chunk)
    if end and not end.group(0).strip(" \t\\\n") and not _is_preview(chunk[:stop].rstrip(" \\")):
        stop = _wrapped_past_blank_line(chunk, stop, end.end())
    subject = _squash(chunk[:stop]).rstrip(" \\")
    if subject[:4].upper() == "SUBJ" and (label := _REPEATED_LABEL.match(subject)):
        subject = subject[label.end() :]
    if "<" in subject:  # "SUBJECT:</strong> GENERAL JAMES L. JONES'..." (scraped-text/07TELAVIV3586)
        subject = _squash(_MARKUP.sub(" ", subject))
    if _PILCROW in subject:
        subject = _squash(subject.replace(_PILCROW, ""))
    if subject[-1:].isdigit() and (glued := _GLUED_PAGE_HEADER.search(subject)):
        subject = _drop_station(subject[: glued.start()], text[:start], int(glued["serial"]))
    if not subject.isascii():
        subject = subject.translate(_QUOTES)
    return subject.rstrip(" \\")


def _wrapped_past_blank_line(chunk: str, stop: int, after_blank: int) -> int:
    """Where an upper-case subject ends when one blank line splits it.

    Scraped pages double some line breaks: "... TREASURY UNDER\n\nSECRETARY
    LEVEY'S MESSAGE\n\nSIPDIS" (07THEHAGUE566, both layouts).  The line after
    the blank line continues the subject when it is upper-case, no header
    field or handling line, and is itself followed by a blank line or a field.
    """
    if _LOWER.search(chunk, 0, stop):
        return stop
    line = _WRAPPED_LINE.match(chunk, after_blank)
    if line is None or _NOT_TITLE.match(line["line"]):
        return stop
    if not _SUBJECT_END.match(chunk, line.end()):
        return stop
    return line.end()


def _drop_station(before: str, header: str, serial: int) -> str:
    """``before`` without the page header's station, which the serial line names.

    "... IN NEW YORK TRIPOLI" + page header of TRIPOLI 000014: only the words
    the serial line prints before the serial number are the station.
    """
    words = before.split()
    line = re.search(rf"([A-Z][A-Z ]*?)[ \t]+0*{serial}(?!\d)", header)
    station = line[1].split() if line else words[-1:]
    n = 0
    while n < min(len(words), len(station)) and words[-1 - n] == station[-1 - n]:
        n += 1
    return " ".join(words[: len(words) - n])


# An unlabelled subject: after the TAGS line and a blank line, an upper-case
# title line, then a blank line and the REF / Classified By / first paragraph
# (scraped-text/06SAOPAULO910: "TAGS: KIPR ETRD ECON KJUS BR\n\nBRAZIL'S NATIONAL
# PLAN TO COMBAT PIRACY: AN UPDATE ON IMPLEMENTATION EFFORTS \n\nREF: A) Brasilia 599").
_TAGS_LINE = re.compile(r"\n[ \t]*TAGS?\b[^\n]*\n(?:[ \t\\]*[^\n \t\\][^\n]*\n){0,3}?[ \t\\]*\n")
_TITLE_BLOCK = re.compile(r"[ \t\n]*(?P<title>(?:[ \t]*[^\s\\][^\n]*\n){1,3}?)[ \t\\]*\n\s*(?P<next>[^\n]*)")
_BODY_OR_FIELD = re.compile(
    r"(?:REF|Ref|Classified|CLASSIFIED|¶|\d{1,2}\.|\(|-{3}|SUMMARY|Summary|[A-Z][A-Z ]{1,25}[ \t]0\d{7}\b)"
)


def _unlabelled_subject(region: str) -> str | None:
    tags = _TAGS_LINE.search(region)
    if tags is None:
        return None
    block = _TITLE_BLOCK.match(region, tags.end())
    if block is None or not _BODY_OR_FIELD.match(block["next"]):
        return None
    lines = block["title"].splitlines()
    if any(_NOT_TITLE.match(line) for line in lines):
        return None
    title = _squash(" ".join(lines)).rstrip(" \\")
    # a title, not a one-line first paragraph of an upper-case cable
    if title.endswith(".") or len(title.split()) < 2 or len(title) > 250:
        return None
    return title.translate(_QUOTES) if not title.isascii() else title


# --------------------------------------------------------------- CLASSIFIED BY / REASONS

# "Classified By:", "CLASSIFIED BY", "Classified by:" -- repeated, as some
# exports do ("Classified By: CLASSIFIED BY CHARGE ..."; "Classifed by").
# (Literal-led, as _SUBJECT.)
_CLASSIFIED_BY = re.compile(
    r"(?:C(?<![A-Za-z]C)|c(?<![A-Za-z]c))(?i:lassifi?ed[ \t]+by)[ \t]*:?[ \t]*"
)
_REPEATED = re.compile(r"(?i)^(?:\(U\)\s*)?(?:classifi?ed\s+by\s*:?\s*)+")
# The block ends at a blank line or where the body begins on the next line.
_BLOCK_END = re.compile(
    r"\n[ \t\\]*\n(?![ \t\\\n]*(?:(?i:reasons?\b)|1\.[4-6]))|\n[ \t]*(?:¶|\d{1,2}\.[ \t(]|\([A-Z/]{1,8}\)[ \t]*\d|-{3,}|(?i:summary\b))"
)
_BLOCK_MAX = 500
# The reasons keyword, tolerant of words broken by wrapping ("REAS ONS", "reaso ns").
_REASON_WORD = r"r\s?e\s?a\s?s\s?o\s?n\s?s?"
# Where the name ends: before "for reasons", ", reasons", ". Reason:", "per",
# a bare section number ("Kathleen Allegrone, Political Minister-Counselor, 1.4 (b/d)").
_NAME_END = re.compile(
    rf"[\s,;:.]*(?:(?:\bfor|\bper|\bunder)\s+)?(?:{_REASON_WORD}\b|(?<![\w.])1\s?\.\s?[4-6](?!\d))"
    r"|\s+per\s+(?:E\.?\s?O\.?|1\.)",
    re.IGNORECASE,
)
_SECTION = re.compile(r"(?<![\w.])1\s?\.\s?([4-6])(?!\d)\.?")
# After the section number: letters a-h, in brackets or not, joined by
# commas, "and", "&", "/", "+"; "a nd" and "an d" are wrapped "and"s.
_LETTERS = re.compile(
    r"(?i)(?:[\s(),/&+.]|\band\b|\ba\s+nd\b|\ban\s+d\b|\bor\b|(?<![a-z])[a-h](?![a-z]))*"
)
_LETTER = re.compile(r"(?i)(?<![a-z])(?!and\b|a\s+nd\b|an\s+d\b)[a-h](?![a-z])")
_ABBREVIATION = re.compile(r"(?:(?<![A-Za-z])[A-Za-z]|Jr|Sr|a\.i|Amb|Dept|Mr|Ms|Mrs|Dr)\.$")


def parse_classified_by(text: str) -> tuple[str | None, list[str]]:
    """The classifying official as printed and the reasons, normalised.

    ``"Classified By: Ambassador Clark T. Randt, Jr. Reasons 1.4 (b), (c) and (d)."``
    -> ``("Ambassador Clark T. Randt, Jr.", ["1.4(b)", "1.4(c)", "1.4(d)"])``.
    The section number is kept as printed (1.4 of E.O. 12958 as amended, 1.5
    before 2003).  ``(None, [])`` when there is no Classified By line.
    """
    found: tuple[str | None, list[str]] = (None, [])
    for m in _CLASSIFIED_BY.finditer(_header_and_first_line(text)):
        chunk = text[m.end() : m.end() + _BLOCK_MAX]
        end = _BLOCK_END.search(chunk)
        block = _squash(chunk[: end.start()] if end else chunk).rstrip(" \\")
        block = _REPEATED.sub("", block)
        stop = _NAME_END.search(block)
        if stop is None:
            name, reasons = block, []
        else:
            # keep the period the stop pattern swallowed: it may end "Jr."
            name = block[: stop.start()] + ("." if block.startswith(".", stop.start()) else "")
            reasons = _reasons(block[stop.start() :])
        # scraped pages show a cut preview ("Ambassador Cl...") before the cable
        if block.endswith(("...", "\u2026")):
            found = found if found[0] else (_clean_name(name), reasons)
            continue
        return _clean_name(name), reasons
    return found


def _clean_name(name: str) -> str | None:
    name = name.strip(" ,;:-")
    # A final period is punctuation unless it ends an abbreviation ("Jr.", "T.").
    while name.endswith(".") and not _ABBREVIATION.search(name):
        name = name[:-1].rstrip(" ,;:")
    return name or None


def _reasons(tail: str) -> list[str]:
    reasons: list[str] = []
    for m in _SECTION.finditer(tail):
        letters = _LETTER.findall(_LETTERS.match(tail, m.end()).group(0))
        # "1.4 (b) and (d)  (C) HMG is aware": a glued paragraph marking is not
        # a reason; reasons are printed in one case.
        if letters:
            upper = letters[0].isupper()
            letters = [x for x in letters if x.isupper() == upper]
        for letter in letters:
            reason = f"1.{m.group(1)}({letter.lower()})"
            if reason not in reasons:
                reasons.append(reason)
    return reasons


# ------------------------------------------------------------------- E.O. 12958: DECL

# "E.O. 12958: DECL: 09/03/2033", "EO 12958 DECL: 03/26/2033",
# "E.O. 12356: DECL:OADR", "E. O. 11652: GDS", "E.O. 12958: DNG: CO 01/22/2019".
# (the "not after a letter" check follows the "E": the regex engine then
# skips from one E or e to the next instead of trying every offset)
_EO = re.compile(r"E(?<![A-Za-z]E)\.?[ ]?O\.?[ \t]*\d{5}[ \t]*:?[ \t]*(?P<value>[^\n]*)", re.IGNORECASE)
_DECL = re.compile(r"(?i)^DECL(?:ASSIFY)?[ \t]*(?:ON)?[ \t]*:?[ \t]*")
_VALUE_END = re.compile(r"(?<![A-Za-z])TAGS?\b|\\|[ \t]{3,}")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_NONE = {"N/A", "NA", "NONE", ""}


def parse_declassify_on(text: str) -> str | None:
    """The declassification instruction of the E.O. line.

    A date (``MM/DD/YYYY``, ``YYYY/MM/DD``, ``MM/DD/YY``) becomes ISO
    ``YYYY-MM-DD``.  Anything else is kept as printed -- ``OADR`` ("originating
    agency's determination required"), ``1.6X6``, ``MR``, ``GDS``, ``DNG: CO
    01/22/2019`` (a downgrade, not a declassification date), ``TEN YEARS AFTER
    KOREAN UNIFICATION``.  A declassification stamped on later
    (``DECLASSIFIED BY NARA 09/02/2009``, ``AS AMENDED; DECLASSIFIED JUNE 21,
    2006``) is also kept as printed: it records what happened to the copy, not
    the instruction the author gave, and turning it into a date would make the
    two indistinguishable.  ``N/A`` and a missing line give None.
    """
    m = _EO.search(header_region(text))
    if m is None:
        return None
    value = m["value"]
    end = _VALUE_END.search(value)
    value = _squash(value[: end.start()] if end else value)
    decl = _DECL.match(value)
    if decl:
        value = value[decl.end() :]
    if value.upper() in _NONE:
        return None
    date = _YMD.fullmatch(value)
    if date:
        return _iso(int(date[1]), int(date[2]), int(date[3]))
    date = _MDY.fullmatch(value)
    if date:
        year = int(date[3])
        if year < 100:
            year += 1900 if year > 50 else 2000
        return _iso(year, int(date[1]), int(date[2]))
    return value


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return f"{month:02d}/{day:02d}/{year}"
    return f"{year:04d}-{month:02d}-{day:02d}"
