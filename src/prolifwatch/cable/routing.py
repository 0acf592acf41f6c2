"""The transmission header: precedence, date-time group, FM, TO and INFO.

    VZCZCXRO5199                          (transmission lines, ignored)
    OO RUEHCN RUEHGH RUEHVC               ("OO RUEH..." routes, it is not the precedence)
    DE RUEHBJ #0724 0790840
    ZNY SSSSS ZZH
    O 200840Z MAR 09                      precedence + date-time group
    FM AMEMBASSY BEIJING
    TO RUEHC/SECSTATE WASHDC IMMEDIATE 2986
    INFO RUEHOO/CHINA POSTS COLLECTIVE
    RUEHBJ/AMEMBASSY BEIJING 3078         (one addressee a line, until the classification line)
    S E C R E T BEIJING 000724

Addressees lose their routing indicator ("RUEHC/"), the precedence word
and the message serial ("IMMEDIATE 2986").  Seed 001 glues the
classification line onto the TO line ("... IMMEDIATE 9683S E C R E T
BEIJING 003400"); what follows the serial is not part of the addressee.
"""
from __future__ import annotations

import re

__all__ = ["PRECEDENCE", "parse_dtg", "parse_from", "parse_info_recipients", "parse_precedence", "parse_recipients"]

PRECEDENCE = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}


class Hinted:
    """A line pattern (``"(?m)^..."``) searched only where a literal-led hint
    finds a part it must contain, and then only at line starts.

    A pattern that starts at "^" is tried at every offset, and most cables
    of cables.csv have no routing header at all: the hint rules them out
    at a fraction of the cost.  Where it does not, the line starts are found
    from the newline before them (the first line is tried on its own).
    """

    def __init__(self, pattern: str, hint: str) -> None:
        assert pattern.startswith("(?m)^")
        line = pattern[len("(?m)^") :]
        self._line = re.compile("(?m)" + line)
        self._after_newline = re.compile("(?m)\n" + line)
        self._hint = re.compile(hint)

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """What ``re.compile(pattern).search(text, pos, endpos)`` finds."""
        if self._hint.search(text, pos, endpos) is None:
            return None
        if pos == 0 and (first := self._line.match(text, 0, endpos)):
            return first
        newline = self._after_newline.search(text, max(pos - 1, 0), endpos)
        return self._line.match(text, newline.start() + 1, endpos) if newline else None


# "O 200840Z MAR 09", "OO ..." and the pair "P R 011706Z JUL 09" (action
# precedence, then info precedence: wikileaks-html/2009/07/09STATE68250.html,
# wikileaks-html/1966/12/66BUENOSAIRES2481.html).  The first letter is the precedence.
DTG = Hinted(
    r"(?m)^[ \t]*(?P<prec>([ZOPR])(?:\2|[ ][ZOPR])?)[ \t]+(?P<dtg>\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}(?:\d{2})?)(?![\d])",
    r"Z(?<=\dZ)[ \t]",
)
_FROM = Hinted(r"(?m)^[ \t]*FM[ \t]+(?P<from>[^\n]+?)[ \t]*$", r"FM[ \t]")
_TO = Hinted(r"(?m)^[ \t]*TO[ \t]+", r"TO[ \t]")
_INFO = Hinted(r"(?m)^[ \t]*INFO[ \t]+", r"INFO[ \t]")
# A block of addressees ends at the next field, the classification line, "BT",
# a blank line.
_BLOCK_END = re.compile(
    r"""(?mx)
    ^[ \t]*(?:INFO|BT|XMT|ZEN)\b
    | ^[ \t]*$
    | ^[ \t]*(?:S[ ]?E[ ]?C[ ]?R[ ]?E[ ]?T|C[ ]?O[ ]?N[ ]?F[ ]?I|U[ ]?N[ ]?C[ ]?L[ ]?A[ ]?S|LIMITED|TOP[ ]SECRET)
    """
)
_PRECEDENCE_WORD = r"(?:FLASH|NIACT[ \t]+IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE)"
_ADDRESSEE = re.compile(
    rf"""
    ^[ \t]*(?:TO|INFO)?[ \t]*
    (?:R[A-Z]{{3,7}}/)?                        # routing indicator
    (?P<name>.+?)
    (?: [ \t]+{_PRECEDENCE_WORD}(?:[ \t]+\d{{1,4}}(?!\d))?.*
      | [ \t]+\d{{4}}(?!\d).*
      | [ \t\\]* )$
    """,
    re.VERBOSE,
)
_HEADER_MAX = 8000  # the routing block is always near the top


def parse_precedence(text: str) -> str | None:
    """``"O 200840Z MAR 09"`` -> ``"IMMEDIATE"`` (Z FLASH, O IMMEDIATE, P PRIORITY, R ROUTINE);
    of a pair ``"P R"`` the first, the action addressees' precedence."""
    m = DTG.search(text, 0, _HEADER_MAX)
    return PRECEDENCE[m["prec"][0]] if m else None


def parse_dtg(text: str) -> str | None:
    """The date-time group as printed: ``"200840Z MAR 09"``."""
    m = DTG.search(text, 0, _HEADER_MAX)
    return m["dtg"] if m else None


def parse_from(text: str) -> str | None:
    """The FM line: ``"AMEMBASSY BEIJING"``."""
    m = _FROM.search(text, 0, _HEADER_MAX)
    return m["from"].rstrip(" \\") if m else None


def parse_recipients(text: str) -> list[str]:
    """Action addressees of the TO block: ``["SECSTATE WASHDC"]``."""
    m = _TO.search(text, _after_from(text), _HEADER_MAX)
    return _block(text, m.end()) if m else []


def parse_info_recipients(text: str) -> list[str]:
    """Information addressees of the INFO block: ``["CHINA POSTS COLLECTIVE"]``."""
    m = _INFO.search(text, _after_from(text), _HEADER_MAX)
    return _block(text, m.end()) if m else []


def _after_from(text: str) -> int:
    # Received copies start with the receiving office's own "INFO LOG-00 AF-00
    # ..." distribution (plain-text/09USEUBRUSSELS1177): addressees follow FM.
    m = _FROM.search(text, 0, _HEADER_MAX)
    return m.end() if m else 0


def _block(text: str, start: int) -> list[str]:
    names: list[str] = []
    end = _BLOCK_END.search(text, text.find("\n", start) + 1 or len(text))
    stop = end.start() if end and end.start() > start else len(text)
    for line in text[start:stop].split("\n"):
        m = _ADDRESSEE.match(line)
        if m is None:
            continue
        name = " ".join(m["name"].split())
        if name and name not in names:
            names.append(name)
    return names
