"""Where the merge cuts a pattern's body that begins with another mention.

"Chinese Foreign Ministry" found by the body pattern overlaps the Country "Chinese";
"IRISL and OASIS Freight Agency" overlaps the known "IRISL".  The longer span would win
the merge and hide the first name, so the body keeps only what follows it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .mention import Mention


def after_country(m: Mention, clash: list[Mention]) -> Mention | None:
    """"Chinese Foreign Ministry" found by a pattern keeps "Foreign Ministry"
    once "Chinese" is a Country: the adjective qualifies the body."""
    if m.source != "patterns" or m.type not in ("GovernmentBody", "Organization") or len(clash) != 1:
        return None  # callers keep m as it is
    country = clash[0]
    if country.type != "Country" or country.start != m.start or country.end >= m.end:
        return None
    rest = m.text[country.end - m.start :]
    cut = len(rest) - len(rest.lstrip("'’s \n")) if rest.startswith(("'", "’")) else len(rest) - len(rest.lstrip())
    rest = rest[cut:]
    if not rest or not rest[0].isupper() or " " not in rest.replace("\n", " "):
        return None
    start = country.end + cut
    return replace(m, start=start, text=rest)


# "IRISL and OASIS Freight Agency": a known name, then "and" (or "&", a comma), then the rest.
_COORDINATOR = re.compile(r"^[ \n]*(?:,[ \n]*)?(?:and|&)[ \n]+|^[ \n]*,[ \n]+")


def after_coordinated(m: Mention, known: list[Mention]) -> Mention | None:
    """A pattern's body that starts with a known organisation and a coordinator names
    two: the known one stays a mention of its own and the body keeps the rest."""
    if m.type not in ("GovernmentBody", "Organization") or not known:
        return None
    first = max(known, key=lambda k: k.end)
    if first.end >= m.end:
        return None
    rest = m.text[first.end - m.start :]
    joint = _COORDINATOR.match(rest)
    if joint is None:
        return None
    rest = rest[joint.end():]
    if not rest or not rest[0].isupper() or " " not in rest.replace("\n", " "):
        return None
    start = first.end + joint.end()
    return replace(m, start=start, text=rest)
