"""The signature at the end of a cable body.

Real endings (corpus):

    ... Post,s assistance.\\nRICE                      (seed 003)
    ...(reftel non-paper ...).\\nRANDT                 (seed 001, no newline at the end)
    ...End Comment. CROCKER                          (glued to the last sentence)
    ...(Tripoli Post, 3/1/2009] CRETZ / STEVENS. / CLINTON.
    Randt / LeBaron / van Voorst / VAN VOORST / SCHREIBER HUGHES
    HELLING\\n\\nMCMULLEN                             (two signers)
    MILAM 0 11/07/2007                              (a stray date after the name)
    LEBARON\\nNNNN\\nEnd Cable Text                   (trailers after the name)
    JEFFREY\\n"Visit Ankara's Classified Web Site at http://..."
    Randt\\n\\nHTS ACTIVIST LIU XIAOBO...             (a scraped preview tail)
    GP-3\\nSACCIO / EXEMPT\\nHECK                      (1960s-70s)
    LAINGEN\\n\\nCONFIDENTIAL                       (the closing classification, 1970s)
    HELMS\\n\\nDeclassified/Released US Department of State EO   (a later stamp)

A redacted signer (``XXXXXXXXXXXX``) is no name; the signature then is empty.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["parse_signers", "signature_start"]

_TAIL = 700
_MARKUP = re.compile(r"<[^>]*>")
# Lines after the signature that are not part of the body: transmission
# marks, the closing classification of older cables ("LAINGEN\n\nCONFIDENTIAL",
# wikileaks-html/79TEHRAN8980), the State Department's declassification stamp
# ("HELMS\n\nDeclassified/Released US Department of State EO\nSystematic Review
# 05 JUL 2006", 75TEHRAN2069), PlusD's footer ("PORTER\n\n\nLIMITED OFFICIAL USE
# \nNMAFVVZCZ\n...*** Current Classification *** LIMITED OFFICIAL USE",
# 1973STATE097844) and a PDF's footer (">", "2000HANOI00686 - CONFIDENTIAL").
_TRAILER = re.compile(
    r"(?i)N{3,}|BT|End Cable Text|[.#\\\"\u201d>]|\*+[\s*]*|\*{3}[ ]+Current[ ].*|.*(?:\.\.\.|\u2026)"
    r"|(?-i:(?:TOP[ ]SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED[ ]OFFICIAL[ ]USE"
    r"|S[ ]E[ ]C[ ]R[ ]E[ ]T|C[ ]O[ ]N[ ]F[ ]I[ ]D[ ]E[ ]N[ ]T[ ]I[ ]A[ ]L)"
    r"(?:[ /]+(?:NOFORN|EXDIS|LIMDIS|NODIS|STADIS|SIPDIS|SENSITIVE))*)"
    r"|Declassified/Released US Department of State.*|Systematic Review \d\d [A-Z]{3} \d{4}"
    r"|\w*VZCZ\w*|\d{4}[A-Z]+\d+ - [A-Z /]+"
)
# Post banners after the signature; a signature can be glued to their end.
_BANNER = re.compile(r"(?i).*(?:https?:|sgov\.gov|intelink|Web ?Site|wiki/Portal).*")
_PARTICLE = r"(?:van|von|de|del|da|di|le|la)"
_WORD = r"(?:[A-Z][A-Za-z'\u2019-]*[A-Za-z]|[A-Z])"
# A whole line that is a signature: one to three name words.
_NAME_LINE = re.compile(
    rf"(?P<name>(?:{_PARTICLE}[ ])?{_WORD}(?:[ ](?:{_PARTICLE}|{_WORD})){{0,2}})[ ]?[.,]{{0,2}}(?:[ \t]+0[ \t]+\d\d/\d\d/\d{{4}})?"
)
# A signature glued after the last sentence: one upper-case or capitalised word.
# (Led by the blank, with the look back behind it: the regex engine then
# skips from blank to blank instead of trying every offset of a long line.)
_GLUED = re.compile(
    r"[ \t](?:(?<=[.!?)\]\"\u201d'*X][ \t])|(?<=(?i:END COMMENT)[ \t]))[ \t]*(?:MINIMIZE[ ]CONSIDERED[ \t]+)?(?P<name>[A-Z]{2,}(?:[ ][A-Z]{2,})?|[A-Z][a-z]*[A-Z]?[a-z]+)[ ]?[.,]?"
    r"(?:[ \t]+0[ \t]+\d\d/\d\d/\d{4})?[ \t]*$"
)
_NOT_NAMES = frozenset(
    """END COMMENT TEXT SUMMARY NOTE CONCLUSION SIPDIS NNNN NNN EXEMPT GDS BT QUOTE UNQUOTE
    CLEARED SECRET CONFIDENTIAL UNCLASSIFIED UNCLAS NOFORN SENSITIVE DECONTROLLED NONE
    AMEMBASSY AMCONSUL USMISSION SECSTATE WASHDC COLLECTIVE IMMEDIATE PRIORITY ROUTINE NIACT""".split()
)
# (the routing words: a PDF holding only the routing header ends "AMEMBASSY
# NICOSIA\nAMEMBASSY ANKARA", pdf/00DAMASCUS3013, and names no signer)
# Transmission words printed on the signature line itself.
_NOISE = re.compile(r"^MINIMIZE CONSIDERED[ \t]+|[ \t]+NNNN$")
_REDACTED = re.compile(r"X{5,}")


def _clean(line: str) -> str:
    # (the substitutions only where they can match: most lines have neither)
    if "<" in line:
        line = _MARKUP.sub("", line)
    line = line.strip(" \t\\")
    if "NNNN" in line or "MINIMIZE" in line:
        line = _NOISE.sub("", line)
    return line


def _is_name(name: str) -> bool:
    return not _NOT_NAMES.intersection(name.upper().split()) and not _REDACTED.fullmatch(name)


def _lines_from(text: str, base: int) -> list[tuple[int, str]]:
    """(offset, line) of the lines from ``base`` on, each non-empty line followed
    by an empty entry at its end: the entries ``re.finditer(r"[^\\n]*", text, base)``
    gives, which the second-signer look-back (three entries) was tuned on.
    One split of the tail costs a fraction of that regex walk."""
    lines: list[tuple[int, str]] = []
    pos = base
    for line in text[base:].split("\n"):
        lines.append((pos, line))
        if line:
            lines.append((pos + len(line), ""))
        pos += len(line) + 1
    return lines


# parse_cable asks for this several times per cable; str hashes are cached.
@lru_cache(maxsize=16)
def _signature(text: str) -> tuple[int, list[str]]:
    """(offset where the signature starts, names); offset is len(text) if none."""
    base = max(0, len(text) - _TAIL)
    # (the first line may be cut short by the window; only its end matters)
    lines = _lines_from(text, base)
    while lines:
        content = _clean(lines[-1][1])
        if content and not _TRAILER.fullmatch(content):
            if not _BANNER.fullmatch(content):
                break
            glued = _GLUED.search(content)
            if glued and _is_name(glued["name"]):
                break
        lines.pop()
    if not lines:
        return len(text), []
    start, line = lines[-1]
    content = _clean(line)
    if _REDACTED.fullmatch(content):
        return start + line.index(content[0]), []
    m = _NAME_LINE.fullmatch(content)
    # "REPORT FURTHER DEVELOPMENTS." ends a sentence: a name line with a
    # period is one word ("STEVENS.", scraped-text/09TRIPOLI321)
    if m and _is_name(m["name"]) and not (content.endswith(".") and " " in m["name"]):
        names = [m["name"]]
        start += line.index(content[0])
        # A second signer on its own line above ("HELLING\n\nMCMULLEN").
        earlier = [(s, l) for s, l in lines[:-1][-3:] if _clean(l)]
        if earlier:
            s, l = earlier[-1]
            prev = _clean(l)
            if prev.isupper() and not prev.endswith(".") and _NAME_LINE.fullmatch(prev) and _is_name(prev):
                if prev != names[0]:
                    names.insert(0, prev)
                return s + l.index(prev[0]), names
        return start, names
    m = _GLUED.search(content)
    if m and _is_name(m["name"]):
        return start + line.index(content[0]) + m.start("name"), [m["name"]]
    return len(text), []


def parse_signers(text: str) -> list[str]:
    """The names signing the cable, as printed: ``["RICE"]``, ``["HELLING", "MCMULLEN"]``."""
    return list(_signature(text)[1])


def signature_start(text: str) -> int:
    """Offset where the signature begins (``len(text)`` when there is none)."""
    return _signature(text)[0]
