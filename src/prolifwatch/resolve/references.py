"""Cable → cable links from ids: the REF block (``cites``) and ids in running text (``names``).

``cites``: the parsed record already holds the canonical ids of the REF block
(``record["references"]``, from ``prolifwatch.cable.references``).  Here each
one gets its evidence: the letter it is filed under ("REF A") and the
reference as printed, with its offsets in the document text, found by
re-reading the REF block piece by piece.

``names``: a cable id printed in the text of a paragraph -- "07STATE159388",
"08 BEIJING 3400", "see MEXICO 3586", "State 109649".  False ids are the risk
("Beijing 2008", "UNSCR 1737", page headers "PAGE 02 ATHENS 02959 171944Z"),
so a match must name a known station (``is_station``) and:

- carry its year ("07STATE159388", "08 BEIJING 3400"), or
- print the station in capitals ("MEXICO 3586") with a serial that is not a
  year, or
- follow a cue word ("ref", "reftel", "see", "cable" ...; data file
  ``data/links_id_cues.txt``), for mixed-case stations ("see State 109649").

Without a printed year the citing cable's year is used; an article's
publication year says nothing about the cable's, so an article needs the year
printed.  A document's own id, and ids its REF block already cites, are not
``names`` links.
"""
from __future__ import annotations

import re
from functools import cache

from ..cable import canonical_id, parse_references
from ..cable.ids import is_station, station
from ..datafiles import data_lines
from .links import CITES, NAMES, DocumentInfo, DocumentLink
from .links_text import sentence_at

__all__ = ["cite_links", "name_links", "document_year"]

# --- cites ---------------------------------------------------------------

_REF_MARKER = re.compile(r"(?<![A-Za-z])(?:REF|Ref)(?:ERENCES?|erences?|TELS?|S|s|\(S\))?(?![A-Za-z])[ \t]*:?")
# The block ends at the classification authority, a new header field, or a blank line
# not followed by another labelled reference.
_REF_END = re.compile(
    r"(?i:classified\s+by|derived\s+from)|(?<![A-Za-z])(?:SUBJECT|SUBJ|TAGS|E\.\s?O\.)\b|\n[ \t]*\n(?![ \t]*¶?[ \t]*\(?[A-Z][.):])"
)
_LABEL = re.compile(r"(?<![A-Za-z0-9])(?:\(([A-Z])\)|([A-Z])[.):])(?=[\s(\dA-Z]|$)")
_BLOCK_LIMIT = 2000
_TRIM = " ,;:¶\\"
_UNLABELLED_SEPARATOR = re.compile(r"[;|]")


def _split_unlabelled(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"10 STATE 9124; STATE 120288": an unlabelled block splits on ; and |."""
    spans, cut = [], start
    for m in _UNLABELLED_SEPARATOR.finditer(text, start, end):
        spans.append((cut, m.start()))
        cut = m.end()
    spans.append((cut, end))
    return spans


def document_year(doc: DocumentInfo) -> str | None:
    """Two-digit year of a document: from its date, else from its cable id."""
    if doc.date and doc.date[:4].isdigit():
        return doc.date[2:4]
    m = re.match(r"(\d\d)[A-Z]", doc.id)
    return m[1] if m else None


def _labelled_pieces(block: str, base: int) -> list[tuple[str | None, int, int]]:
    """(label, start, end) of each labelled reference in order; one unlabelled piece otherwise."""
    pieces: list[tuple[str | None, int, int]] = []
    expected, label, cut = "A", None, 0
    for m in _LABEL.finditer(block):
        letter = m[1] or m[2]
        if letter == label and not block[cut : m.start()].strip():
            cut = m.end()  # the doubled label of "A. A. STATE 56282"
        elif letter == expected:
            if label is not None or block[cut : m.start()].strip():
                pieces.append((label, base + cut, base + m.start()))
            label, expected, cut = letter, chr(ord(letter) + 1), m.end()
    pieces.append((label, base + cut, base + len(block)))
    return pieces


def _printed_references(doc: DocumentInfo, year: str | None) -> dict[str, dict]:
    """Canonical id → {label, printed, start, end} for the references found in the REF block."""
    header = doc.body[: doc.header_end]
    marker = _REF_MARKER.search(header)
    if marker is None:
        return {}
    limit = min(len(header), marker.end() + _BLOCK_LIMIT)
    stop = _REF_END.search(header, marker.end(), limit)
    block = header[marker.end() : stop.start() if stop else limit]
    found: dict[str, dict] = {}
    for label, start, end in _labelled_pieces(block, marker.end()):
        spans = [(start, end)] if label else _split_unlabelled(doc.body, start, end)
        for piece_start, piece_end in spans:
            printed = " ".join(doc.body[piece_start:piece_end].split()).strip(_TRIM)
            if not printed:
                continue
            # the citing id lets a yearless serial above its own go to the year before
            for cable_id in parse_references(printed, year, reference_id=doc.id).cables:
                found.setdefault(cable_id, {"label": label, "printed": printed, "start": piece_start,
                                            "end": piece_end})
    return found


def cite_links(doc: DocumentInfo) -> list[DocumentLink]:
    """One ``cites`` link per cable in the record's references, with how it was printed."""
    references = doc.record.get("references") or []
    if not references:
        return []
    printed = _printed_references(doc, document_year(doc))
    links = []
    for position, cable_id in enumerate(references, 1):
        where = printed.get(cable_id)
        if where:
            prefix = f"REF {where['label']}: " if where["label"] else "REF: "
            evidence = {"reference": prefix + where["printed"], **where, "position": position}
        else:
            evidence = {"reference": cable_id, "label": None, "position": position}
        links.append(DocumentLink(doc.id, cable_id, CITES, 1.0, evidence))
    return links


# --- names ---------------------------------------------------------------

_EXPLICIT = re.compile(
    r"""
    (?<![A-Za-z0-9/#.-])
    (?:(?P<year>(?:19|20)\d\d|\d\d)(?P<gap>\s{0,3}))?   # wrapped lines: "06 \nParis 5733"
    (?P<words>[A-Z][A-Za-z]*+(?:[ ][A-Z][A-Za-z]*+){0,2})   # possessive: twice as fast on capitals
    (?P<sep>\s{0,2}-?[ ]?)
    (?P<serial>\d{1,7})
    (?![\d]|[.,:/-]\d|[A-Za-z])
    """,
    re.VERBOSE,
)
_PAGE_HEADER_BEFORE = re.compile(r"PAGE\s+\d+\s*$")
_DTG_AFTER = re.compile(r"\s+\d{6}Z\b")
_SERIAL_LINE_BEFORE = re.compile(r"(?:SECRET|CONFIDENTIAL|UNCLAS\w*|\bOF(?:\s+\d+)?|[A-Z] [A-Z] [A-Z])\s*$")
_CUE_WINDOW = 24
# "TO SECSTATE WASHDC 5366": a routing line's number is a message count, not a serial.
_ROUTING = {"SECSTATE WASHDC", "WASHDC"}
_ROUTING_LINE = re.compile(r"(?:^|\n|\s)(?:FM|TO|INFO)\s+(?:[A-Z]+\s+){0,4}$")
_EVIDENCE_WIDTH = 400
_LIST_JOINER = re.compile(r"\s*(?:,|;|&|and|or)\s*(?:(?:and|or)\s+)?", re.I)


@cache
def _cues() -> frozenset[str]:
    return frozenset(line.lower() for line in data_lines(__package__, "links_id_cues.txt"))


def _cued(before: str) -> bool:
    words = re.findall(r"[A-Za-z]+", before[-_CUE_WINDOW:].lower())
    return any(w in _cues() for w in words[-3:])


def _station_suffix(words: str) -> tuple[str, int] | None:
    """The longest run of trailing words that is a known station, and where it starts."""
    parts = words.split(" ")
    for i in range(len(parts)):
        if is_station("".join(parts[i:])):
            return " ".join(parts[i:]), sum(len(p) + 1 for p in parts[:i])
    return None


def _looks_like_year(serial: str) -> bool:
    return len(serial) == 4 and 1940 <= int(serial) <= 2030


def explicit_ids(text: str, year: str | None) -> list[tuple[str, int, int, bool]]:
    """(canonical id, start, end, year printed?) of each cable id printed in ``text``."""
    found = []
    pos = 0
    last_end: int | None = None
    while (m := _EXPLICIT.search(text, pos)) is not None:
        # Retry from the next word when this is no cable id: "See 09 San Jose 897"
        # first matches "See 09", and the year must stay available to "San Jose".
        pos = m.start("words") + len(m["words"].split(" ")[0])
        hit = _station_suffix(m["words"])
        if hit is None or hit[0].upper() in _ROUTING:
            continue
        name, offset = hit
        if offset and m["year"]:
            continue  # "07 SOME STATE 12": the year is not next to the station
        start = m.start("words") + offset if offset else m.start()
        before, serial = text[:start], m["serial"]
        if _PAGE_HEADER_BEFORE.search(before) or _DTG_AFTER.match(text, m.end()):
            continue
        if _SERIAL_LINE_BEFORE.search(before[-40:].split("\n")[-1]) or _ROUTING_LINE.search(before):
            continue
        capitals = name.isupper()
        # "see Ref 05 New Delhi 3846 and 05 New Delhi 4449": a list goes on under the same cue.
        cued = _cued(before) or (last_end is not None and _LIST_JOINER.fullmatch(text[last_end:start]) is not None)
        if m["year"]:
            if not capitals and not cued:
                continue
            ref_year = m["year"][-2:]
        else:
            # "KUWAIT 20 YEARS": a short number after a capitalised place is rarely a serial.
            # A three-letter short form ("PAP", "RIO") in capitals is as often an
            # acronym ("PAP 500": China's People's Armed Police): only after a cue.
            capitals = capitals and len(name.replace(" ", "")) > 3
            if not (capitals and not _looks_like_year(serial) and len(serial) >= 3) and not (
                cued and not _looks_like_year(serial)
            ):
                continue
            ref_year = year
        if ref_year is None:
            continue
        cable_id = canonical_id(f"{ref_year} {station(name, ref_year)} {serial}")
        if cable_id:
            found.append((cable_id, start, m.end(), bool(m["year"])))
            pos = last_end = m.end()
    return found


def _clip(text: str, start: int, end: int) -> str:
    """The sentence, or a window of it around the match when it is very long (scraped pages)."""
    if len(text) > _EVIDENCE_WIDTH:
        left = max(0, start - _EVIDENCE_WIDTH // 2)
        right = min(len(text), end + _EVIDENCE_WIDTH // 2)
        text = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(text.split())


def name_links(doc: DocumentInfo) -> list[DocumentLink]:
    """``names`` links for cable ids printed in the paragraphs of ``doc``."""
    year = document_year(doc) if doc.kind == "cable" else None
    skip = {doc.id, canonical_id(doc.id) or doc.id, *(doc.record.get("references") or [])}
    links: dict[str, DocumentLink] = {}
    for idx, start, end in doc.paragraphs:
        text = doc.body[start:end]
        for cable_id, m_start, m_end, year_printed in explicit_ids(text, year):
            if cable_id in skip or cable_id in links:
                continue
            sentence = sentence_at(text, m_start, start)
            evidence = {
                "paragraph": idx,
                "start": sentence.start,
                "end": sentence.end,
                "text": _clip(sentence.text, m_start + start - sentence.start, m_end + start - sentence.start),
                "printed": text[m_start:m_end],
            }
            # An id whose year was taken from the citing cable is a little less sure.
            links[cable_id] = DocumentLink(doc.id, cable_id, NAMES, 1.0 if year_printed else 0.9, evidence)
    return list(links.values())
