"""The REF block of a cable header: which cables (and other papers) it cites.

Real REF blocks, all from the corpus, show what has to be handled:

    REF: STATE 93558
    REF: A. STATE 109649 B. BEIJING5237 C. STATE 071143 ...   (inside a SUBJECT line)
    REF: (A)07 STATE 4837 (NOTAL), (B)07 BEIJING 331, ...
    REF: A. A. STATE 56282 B. B. STATE 56666 C. C. STATE 41252 AND 44603
    REF: A. STATE 021770B. STATE 039585C. STATE 052030       (labels glued to serials)
    REF: TRIPOLI 33, 53 / TEHRAN 1091: TEHRAN 263: MOSCOW 1603
    REF: A. SECSTATE 15113  B. DOHA 152 (08)                  (year after the serial)
    REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966     (an airgram: not a cable)
    REF A SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS       (one REF per line)
    REF B SECSTATE 76108
    Ref(s): A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044       (issue 18)
    REF: SECDEF 122723; CAIRO IIR 6 899 0149 10               (a cable, then an IIR: text)

A reference is a cable when it is a known station followed by a serial
(optionally preceded by a two- or four-digit year); every other reference --
e-mails, telcons, letters, date-time groups, IIRs, airgrams -- is kept as text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .ids import canonical_id, is_station, station, two_digit_year

__all__ = ["References", "parse_references", "reference_year_fixed"]


class References(NamedTuple):
    cables: list[str]  # canonical ids, in order of appearance, without duplicates
    other: list[str]  # non-cable references as printed, one string each


# "REF:", "REFS:", "REFTEL:", "REF(S):", "Ref(s):", "Ref:" -- or "REF A)" without a colon.
# (Starts with the literal "R" so the scan over a whole cable stays fast.)
_START = re.compile(
    r"R(?<![A-Za-z]R)(?:EF(?:ERENCE)?S?|ef(?:erence)?s?|EFTELS?|EF\(S\)|ef\(s\))"
    r"(?:[ \t]*:|[ \t]+(?=\(?[Aa](?:[.):]|[ \t])))"
)
# The body starts at the first numbered paragraph ("1. ", "¶1.", "1.(SBU)" at
# the start of a line); "REF" after that is prose.
_ONE = re.compile(r"1\.(?=[ \t(])")
_MARKUP = re.compile(r"<[^>]*>")
# Page headers repeated inside long headers: "BRASILIA 00000028  001.4 OF 003".
_PAGE_HEADER = re.compile(r"[A-Z][A-Z ]{1,20}?[ \t]+0\d{7}(?:[ \t]+\d{3}(?:\.\d+)?[ \t]+OF[ \t]+\d{3})?")
# (the serial every page header holds: looked for first, since _PAGE_HEADER
# is tried at every capital letter of the block)
_SERIAL = re.compile(r"0\d{7}")
# The older page header of PDFs and 1970s cables: "PAGE 02 ROME 01196 01 OF 02"
# (issue 18), "PAGE 02        HANOI  00686  01 OF 07  050821Z" (pdf/00HANOI686.pdf);
# read as a reference it would be 02ROME1196.
_PRINTED_PAGE_HEADER = re.compile(
    r"PAGE[ \t]+\d{1,3}[ \t]+[A-Z][A-Z .'-]*?[ \t]+\d{1,7}[ \t]+\d{1,3}[ \t]+OF[ \t]+\d{1,3}(?:[ \t]+\d{6}Z)?"
)
# A whole message header ("O 131830Z JUN 00 / FM AMEMBASSY DAMASCUS / TO ...",
# pdf/00DAMASCUS3013.pdf holds nothing else) is not a bare REF block.
_ROUTING_LINE = re.compile(r"(?m)^FM[ \t]")
# Where the block ends when the next thing is on the same line or the next one.
_STOP = re.compile(
    r"""
      (?i:classified\s+by|derived\s+from)
    | (?<![A-Za-z])(?:SUBJECT|SUBJ|Subject|TAGS)[ \t]*:
    | (?<![A-Za-z])(?:E\.[ ]?O\.[ ]?1\d{4}|SIPDIS|NOTE:|PLEASE\s+PASS)
    | ¶[ \t]*\d                                   # paragraph sign before a number
    | (?m:^[ \t]*\d{1,2}\.(?=[ \t(]))             # numbered paragraph, "1.(SBU)" too
    | (?<=\s)\d{1,2}\.[ \t]+\((?:[A-Z]+/?)+\)     # run-in "1. (C)"
    | (?m:^[ \t]*-{3,})                           # section rule
    | (?im:^[ \t]*(?:[IVX]+\.[ \t]*)?summary\b)
    """,
    re.VERBOSE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# After a blank line the block goes on only with another labelled reference.
_CONTINUES = re.compile(r"[ \t]*(?:¶[ \t]*)?(?:\(?[A-Za-z][.):]|(?:REF|Ref)\w*[ \t:])")
# A line that repeats the marker, "REF B SECSTATE 76108", labels its reference "B".
_LINE_MARKER = re.compile(
    r"(?m)^[ \t]*(?:REF|Ref)(?:ERENCE|erence)?(?:S|s|TELS?|\(S\)|\(s\))?[ \t]*:?[ \t]*(?:([A-Za-z])[ \t:])?"
)
# Letter labels "A.", "A)", "(A)"; "A. (A)" and "A. A)" are one doubled label.
_LABEL = re.compile(r"(?<![^\s,;:(¶\d])(?:\(([A-Za-z])\)|([A-Za-z])\)|([A-Za-z])\.(?=\s|\(|$))")
_SEPARATOR = re.compile(r"[;|]")
_TRIM = " \t\n,;:-"
_TRUNCATED = ("...", "\u2026")  # previews cut a reference short; such a stub cites nothing


# A cable reference: year?, up to four words that end in a known station, serial.
# Which words form the station is decided by a table look-up (is_station), not
# by a 300-way regex alternation, which would be far slower on 250,000 cables.
_CABLE = re.compile(
    r"""
    (?<![A-Za-z0-9])
    (?:(?P<year>(?:19|20)\d\d|\d\d)\s*)?     # 07 STATE 4837, 2007 MANAGUA 2135, (A)07 STATE
    (?P<words>[A-Za-z]+(?:[ \t]+[A-Za-z]+){0,3})
    \s*-?\s*(?P<serial>\d{1,7})(?!\d|\.\.\.|\u2026)   # BEIJING5237, STATE -097844 (PlusD)
    (?!Z\b)                                    # "STATE 261300Z": a date-time group
    (?!\s+(?!AND\b)[A-Za-z]+\s+\d)             # "BRASILIA 09 MDA 839" is not BRASILIA 9
    (?:\s*\((?P<year2>\d\d)\))?                # DOHA 152 (08)
    """,
    re.VERBOSE,
)
# "TRIPOLI 33, 53", "STATE 41252 AND 44603": more serials of the same station --
# unless the number is the year of the next reference ("33, 09 TRIPOLI 5").
_MORE = re.compile(
    r"\s*(?:,|&|\bAND\b)\s*(?P<serial>\d{1,7})(?![\d/.:-])(?!\s*(?!AND\b)[A-Za-z]+\s*-?\s*\d)"
)
# ; : | are split on only right before something shaped like a cable reference
# (and is_station confirms it): "TEHRAN 1091: TEHRAN 263" splits,
# 'QADHAFI: "REGAN WAS CRAZY; LIBYA ...' (a title) does not.
_SPLIT_CANDIDATE = re.compile(r"[;:|]")
_LAST_WORDS = re.compile(r"([A-Za-z]+(?:[ \t]+[A-Za-z]+){0,3})[ \t]*$")


def _station_in(words: str) -> int | None:
    """Index of the first word of the longest known station ending ``words``."""
    parts = words.split()
    for i in range(len(parts)):
        if is_station("".join(parts[i:])):
            return i
    return None


def _ends_with_station(line: str) -> bool:
    # Most lines end with a serial: ruled out before a search that would try
    # _LAST_WORDS at every offset of the line.
    if not line.rstrip(" \t")[-1:].isalpha():
        return False
    m = _LAST_WORDS.search(line)
    return m is not None and _station_in(m[1]) is not None


def _starts_with_cable(text: str) -> bool:
    m = _CABLE.match(text.lstrip())
    return m is not None and _station_in(m["words"]) == 0


def parse_references(text: str, year: int | str | None, reference_id: str | None = None) -> References:
    """The references of a cable: canonical ids of cited cables plus other cited papers.

    ``text`` is a whole cable, a header, or just the REF block (with or without
    the ``REF:`` marker).  A reference without a year takes ``year`` (the year of
    the citing cable) -- or the year before, when ``reference_id`` (the citing
    cable) shows that its station had not reached that serial yet (see
    ``reference_year_fixed``); a citation of ``reference_id`` itself is dropped.
    """
    block = _ref_block(text)
    if not block:
        return References([], [])
    yy = two_digit_year(year)
    own = canonical_id(reference_id) if reference_id else None
    cables: dict[str, None] = {}
    other: dict[str, None] = {}
    for piece in _pieces(block):
        found = _cables_in(piece, yy, own)
        if found is None:
            # Not a cable -- or a cable whose year nobody told us: keep it as text.
            cleaned = " ".join(piece.split()).strip(_TRIM).lstrip(")").strip()
            if any(c.isalnum() for c in cleaned) and not cleaned.endswith(_TRUNCATED):
                other[cleaned] = None
            continue
        for cable_id in found:
            if cable_id != own:
                cables[cable_id] = None
    return References(list(cables), list(other))


def _ref_block(text: str) -> str | None:
    start = _START.search(text, 0, _body_start(text))
    if start is None:
        # A fragment that is the block itself ("STATE 93558", "72MOSCOW1603|72TEHRAN1091").
        if len(text) < 1000 and not _BLANK_LINE.search(text) and not _ROUTING_LINE.search(text):
            return _MARKUP.sub(" ", text)
        return None
    window = text[start.start() : start.start() + 3000]
    if "<" in window:
        window = _MARKUP.sub(" ", window)
    lines: list[str] = []
    blank = False
    for line in _lines(window):
        if not line.strip():
            blank = bool(lines)
            continue
        # "E)PARIS" <blank> "3967, F)PARIS 3853": a reference wrapped across a blank line.
        if blank and not _CONTINUES.match(line) and not _ends_with_station(lines[-1]):
            break
        lines.append(line)
        blank = False
    # Lines first, then the stop search on what they kept: much less text to scan.
    block = "\n".join(lines)
    stop = _STOP.search(block, len(start.group()))
    if stop:
        block = block[: stop.start()]
    if _SERIAL.search(block):
        block = _PAGE_HEADER.sub(" ", block)
    if "PAGE" in block:
        block = _PRINTED_PAGE_HEADER.sub(" ", block)
    block = block.replace("\\", " ").replace("¶", " ")  # scraped line-end artefacts
    return _LINE_MARKER.sub(lambda m: f"({m[1]}) " if m[1] else "", block)


def _lines(window: str) -> Iterator[str]:
    """The lines of ``window`` without carriage returns, one at a time: the
    block is usually done after a few of the window's many lines."""
    pos = 0
    while (end := window.find("\n", pos)) >= 0:
        yield window[pos:end].replace("\r", "")
        pos = end + 1
    yield window[pos:].replace("\r", "")


def _body_start(text: str) -> int:
    # Candidates are few ("1.4 (b)" is not one), so checking their line in
    # Python is faster than one regex with a line-start alternation.
    for m in _ONE.finditer(text):
        prefix = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
        if not prefix or prefix.endswith(("¶", "¶</a>")):
            return m.start()
    return len(text)


def _pieces(block: str) -> list[str]:
    """Split on letter labels (A, B, C ... in sequence), then on separators.

    Unlabelled blocks use ``;`` and ``|`` between references; inside a labelled
    reference those may be part of its title, so there (and for ``:`` always)
    only a separator right before another cable reference counts.
    """
    items: list[str] = []
    expected, last, last_end, cut = "A", "", -1, 0
    for m in _LABEL.finditer(block):
        letter = (m[1] or m[2] or m[3]).upper()
        if letter == last and not block[last_end : m.start()].strip():
            cut = last_end = m.end()  # the second half of "A. (A)"
        elif letter == expected:
            items.append(block[cut : m.start()])
            cut = last_end = m.end()
            last, expected = letter, chr(ord(letter) + 1)
    items.append(block[cut:])
    pieces = []
    for item in items:
        for part in _SEPARATOR.split(item) if len(items) == 1 else (item,):
            pieces.extend(p for p in _split_before_cables(part) if p.strip(_TRIM))
    return pieces


def _split_before_cables(part: str) -> list[str]:
    out, cut = [], 0
    for m in _SPLIT_CANDIDATE.finditer(part):
        if _starts_with_cable(part[m.end() :]):
            out.append(part[cut : m.start()])
            cut = m.end()
    out.append(part[cut:])
    return out


def _cables_in(piece: str, yy: str | None, own: str | None) -> list[str] | None:
    """Canonical ids in one reference; None when it names no cable (or no year is known).

    ``own`` is the citing cable's id: a serial whose year was not printed is
    checked against it (``reference_year_fixed``).
    """
    found: list[str] = []
    named_cable = False
    pos = 0
    while (m := _CABLE.search(piece, pos)) is not None:
        first = _station_in(m["words"])
        if first is None:
            # Not a station ("STATE CA-3400", "USDAO RANGOON IIR 6"): retry from the next word.
            pos = m.start("words") + len(m["words"].split()[0])
            continue
        named_cable = True
        # Words before the station ("EMBASSY VIENNA 1450") mean the year, if any, was not next to it.
        ref_year = (m["year"] if first == 0 else None) or m["year2"]
        ref_yy = ref_year[-2:] if ref_year else yy
        pos = m.end()
        serials = [m["serial"]]
        while (c := _MORE.match(piece, pos)) is not None:
            serials.append(c["serial"])
            pos = c.end()
        if ref_yy is None:
            return None
        name = station(" ".join(m["words"].split()[first:]), ref_yy)
        ids = [f"{ref_yy}{name}{s.lstrip('0')}" for s in serials if s.strip("0")]
        # A printed year is kept as printed: the drafter stated it (no reference in
        # the corpus prints its citing cable's year with a serial above the cable's own).
        if own and not ref_year:
            ids = [reference_year_fixed(i, own) for i in ids]
        found.extend(ids)
    if not named_cable:
        return None
    return found


_SPLIT_ID = re.compile(r"(\d\d)([A-Z]+?)(\d+)")


def reference_year_fixed(ref_id: str, citing_id: str) -> str:
    """``ref_id`` moved to the year before when the citing cable could not yet cite it.

    Serials count up through the year at each station, so when the citing cable
    is serial N of its station and year, the same station's serial above N of
    that year did not exist yet: a reference printed without a year ("K. STATE
    159388" in 08STATE50524) to such a serial means last year's
    (07STATE159388).  Both arguments are canonical ids; anything else -- another
    station, another year, an id of another shape -- comes back unchanged.
    """
    ref = _SPLIT_ID.fullmatch(ref_id)
    citing = _SPLIT_ID.fullmatch(citing_id)
    if ref is None or citing is None or ref[1] != citing[1] or ref[2] != citing[2]:
        return ref_id
    if int(ref[3]) <= int(citing[3]):
        return ref_id
    return f"{(int(ref[1]) - 1) % 100:02d}{ref[2]}{ref[3]}"
