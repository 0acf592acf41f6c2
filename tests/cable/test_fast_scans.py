"""The fast scans of the cable parser find exactly what the slow patterns they replace find.

Each pattern below was rewritten for speed (a literal first, a lower-cased
copy of the text searched once); the slow spelling is kept here as the
specification, and random texts built from the words that matter must give
the same matches.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prolifwatch.cable import header, parse, paragraphs, references, routing, signature, summary
from prolifwatch.cable.lowered import ascii_lowered


def texts(*tokens: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens + (" ", "\t", "\n", "x", "é", "(", "1", ":")), max_size=14).map("".join)


def spans(pattern: re.Pattern[str] | routing.Hinted, text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    found, at = [], pos
    while at <= endpos and (m := pattern.search(text, at, endpos)) is not None:
        found.append(m.span())
        at = m.end() + (m.end() == m.start())
    return found


def same_search(slow: str, fast: re.Pattern[str] | routing.Hinted, text: str, cut: int) -> None:
    pos, endpos = sorted((cut % (len(text) + 1), len(text) - cut % (len(text) + 1)))
    assert spans(re.compile(slow), text, pos, endpos) == spans(fast, text, pos, endpos)


@settings(max_examples=400)
@given(
    texts("SUMMARY", "Summary", "sUMmary", "\u212a", "bac\u212aground", "\u0130", "\u017f", "K", "k", "¶"),
    st.integers(0, 40),
)
def test_ascii_lowered_finds_what_lower_finds(text: str, cut: int) -> None:
    lowered = ascii_lowered(text)
    if len(text.lower()) != len(text):
        assert lowered is None
        return
    start = cut % (len(text) + 1)
    for word in ("summary", "background", "k", "s"):
        assert lowered.find(word.encode(), start) == text.lower().find(word, start)


@settings(max_examples=400)
@given(
    texts("End", "END", "eNd", "of", "OF", "summary", "SUMMARY", "weekend", "_", "(end summary)"),
    st.integers(0, 40),
)
def test_summary_close(text: str, cut: int) -> None:
    start = cut % (len(text) + 1)
    m = re.compile(r"\(?[ \t]*\b[Ee][Nn][Dd]\s+(?:[Oo][Ff]\s+)?[Ss][Uu][Mm][Mm][Aa][Rr][Yy]\b").search(
        text, start, start + summary._MAX
    )
    assert summary._end(text, start) == (m.start() if m else None)


@settings(max_examples=300)
@given(texts("SUMMARY", "Summary", "comment", "Background", "bac\u212aground", "\u0130", "BEIJING 00001141 002 OF 002"),
       st.integers(0, 40))
def test_other_headings(text: str, cut: int) -> None:
    start, end = sorted((cut % (len(text) + 1), len(text) - cut % (len(text) + 1)))
    assert paragraphs._other_headings(text, start, end) == [
        m.span() for m in paragraphs._OTHER_HEADING.finditer(text, start, end)
    ]


@settings(max_examples=300)
@given(texts("C", "c", "lassified by", "LASSIFED  BY", "REF", "Refs:", "REFTELS :", "SUBJECT:", "Subj:", "TAGS",
             "E.O. 12958", "EO 12345"), st.integers(0, 40))
def test_header_markers(text: str, cut: int) -> None:
    same_search(
        r"(?<![A-Za-z])(?:(?i:classifi?ed[ \t]+by)|(?:REF|Ref)(?:S|s|TELS?)?[ \t]*:|(?:SUBJECT|SUBJ|Subject)[ \t]*:"
        r"|TAGS?\b|E\.?[ ]?O\.?[ \t]*1\d{4})",
        paragraphs._HEADER_MARKER,
        text,
        cut,
    )
    same_search(r"(?<![A-Za-z])(?:SUBJECT|SUBJ|Subject|Subj)[ \t]*:[ \t]*", header._SUBJECT, text, cut)
    same_search(r"(?<![A-Za-z])(?i:classifi?ed[ \t]+by)[ \t]*:?[ \t]*", header._CLASSIFIED_BY, text, cut)
    same_search(r"(?<![A-Za-z(])T(?:AGS?|ags?)\b", parse._TAGS, text, cut)


@settings(max_examples=300)
@given(texts("S E C R E T", "SECRET", "C O N F I D E N T I A L", "CONFIDENTIAL", "ONFIDENTIAL", "UNCLAS",
             "UNCLASSIFIED", "LIMITED OFFICIAL USE", "TOP SECRET", "C", "O", "BEIJING", " 000724", "\\"),
       st.integers(0, 40))
def test_serial_line(text: str, cut: int) -> None:
    same_search(
        r"(?m)(?<![A-Za-z])(?:S[ ]?E[ ]?C[ ]?R[ ]?E[ ]?T|(?:C[ ]?)?O[ ]?N[ ]?F[ ]?I[ ]?D[ ]?E[ ]?N[ ]?T[ ]?I[ ]?A[ ]?L"
        r"|U[ ]?N[ ]?C[ ]?L[ ]?A[ ]?S(?:SIFIED)?|LIMITED[ ]OFFICIAL[ ]USE|TOP[ ]SECRET)"
        r"(?![a-z])[^\n]*?[ \t]\d{1,7}[ \t\\]*$",
        parse._SERIAL_LINE,
        text,
        cut,
    )


@settings(max_examples=300)
@given(
    texts("O ", "OO", "R", "200840Z", "MAR", "09", "FM", "AMEMBASSY BEIJING", "TO", "TO\t", "INFO", "RUEHC/SECSTATE"),
    st.integers(0, 40),
)
def test_routing_lines(text: str, cut: int) -> None:
    same_search(
        r"(?m)^[ \t]*(?P<prec>([ZOPR])\2?)[ \t]+(?P<dtg>\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}(?:\d{2})?)(?![\d])",
        routing.DTG,
        text,
        cut,
    )
    same_search(r"(?m)^[ \t]*FM[ \t]+(?P<from>[^\n]+?)[ \t]*$", routing._FROM, text, cut)
    same_search(r"(?m)^[ \t]*TO[ \t]+", routing._TO, text, cut)
    same_search(r"(?m)^[ \t]*INFO[ \t]+", routing._INFO, text, cut)


@settings(max_examples=300)
@given(texts("1.", "1. ", "1.(C)", "1.4 (b)", "¶ 1 .", "(C) 1.", "(SBU)", "2.", "\n"))
def test_first_paragraph_start(text: str) -> None:
    m = re.compile(
        r"(?m)^[ \t]*(?:¶[ \t]*1[ \t]*\.|1\.(?=[ \t]*\(|[ \t]+\S)|\([A-Za-z/ ]{1,12}\)[ \t]*1\.(?=\s))"
    ).search(text)
    assert header.first_paragraph_start(text) == (m.start() if m else None)


@settings(max_examples=400)
@given(texts("¶", "¶ ", "¶\t", "¶\n", "12.", "3", "x¶"), st.integers(0, 40))
def test_sign_before_number(text: str, cut: int) -> None:
    number = cut % (len(text) + 1)
    m = re.compile(r"¶[ \t]*$").search(text, max(0, number - 4), number)
    assert paragraphs._sign_before(text, number) == (m.start() if m else None)


@settings(max_examples=400)
@given(texts("RICE", "\n\n", "\\", "NNNN"), st.integers(0, 40))
def test_signature_lines(text: str, cut: int) -> None:
    base = cut % (len(text) + 1)
    expected = [(m.start(), m.group(0)) for m in re.compile(r"[^\n]*").finditer(text, base)]
    assert signature._lines_from(text, base) == expected


@settings(max_examples=300)
@given(texts("E.O. 12958:", "e.o. 12356", "EO 11652", "E. O.", "xE", "\u017f", "\u212a", "\u0131", "DECL: 09/03/2033"), st.integers(0, 40))
def test_eo_line(text: str, cut: int) -> None:
    same_search(r"(?i)(?<![A-Za-z])E\.?[ ]?O\.?[ \t]*\d{5}[ \t]*:?[ \t]*(?P<value>[^\n]*)", header._EO, text, cut)


@settings(max_examples=400)
@given(texts("RICE", "Randt", "CROCKER.", ". ", ") ", "END COMMENT ", "end comment\t", "X ", "MINIMIZE CONSIDERED ",
             " 0 11/07/2007", "\u201d "), st.integers(0, 40))
def test_glued_signature(text: str, cut: int) -> None:
    same_search(
        r"(?:(?<=[.!?)\]\"\u201d'*X])|(?<=(?i:END COMMENT)))[ \t]+(?:MINIMIZE[ ]CONSIDERED[ \t]+)?"
        r"(?P<name>[A-Z]{2,}(?:[ ][A-Z]{2,})?|[A-Z][a-z]*[A-Z]?[a-z]+)[ ]?[.,]?"
        r"(?:[ \t]+0[ \t]+\d\d/\d\d/\d{4})?[ \t]*$",
        signature._GLUED,
        text,
        cut,
    )


@settings(max_examples=400)
@given(texts("1.", "12.", "123.", "1234.", "4 .", "12\t.", ".", ",", "/", "2008.", "1.4", "¶"), st.integers(0, 40))
def test_paragraph_number_candidates(text: str, cut: int) -> None:
    start, stop = sorted((cut % (len(text) + 1), len(text) - cut % (len(text) + 1)))
    spec = re.compile(r"(?m)(?<![0-9.,/])([0-9]{1,3})[ \t]?\.(?=[ \t(]|$)")
    assert list(paragraphs._number_candidates(text, start, stop)) == [
        (m.start(), m.end(), int(m[1])) for m in spec.finditer(text, start, stop)
    ]


@given(texts("\r", "\r\n", "REF: A. STATE 1"))
def test_reference_window_lines(text: str) -> None:
    assert list(references._lines(text)) == text.replace("\r", "").split("\n")
