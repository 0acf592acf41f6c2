"""Does a hit rest on enough of the listed name?  A check after the matcher's score.

logic-v2 scores "Li" against "LI Fangwei" at 0.83 and "Chen Hao" against
"Yun Ho-chin" at 0.82 (Chen ~ Chin, Hao ~ Ho as name symbols), and
"Department of Energy" against "General Department of Atomic Energy" at 0.83:
a listed party's name shares one given name, or only words that say what
kind of body it is.  A compliance officer cannot act on such a hit, so:

* a **person** hit needs two parts of one listed name shared (a hyphenated
  given name "Ho-jin" is one part): one shared given name or family name is
  not enough, unless the list gives only that one name;
* any **other** hit needs one shared word that is not generic
  (``data/generic_words.txt``), or every word of one listed name, its form
  ("Organisation", ``data/form_words.txt``) in any spelling: "Defence
  Industries Org." is the listed Defence Industries Organisation, Turkey's
  "Defense Industries" (Undersecretariat) is not
  ("Ministry of Energy and Industry" is not "Ministry of Atomic Energy
  Industry").

Words are shared when equal, equal once romanisation is folded, equal as
family names written differently (``data/surname_equivalents.txt``), or
close in spelling (a typo); parts run together ("Hojin", "Chongchongang")
meet the parts written apart.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from rigour.text.distance import levenshtein
from rigour.text.translit import ascii_text

from .keys import name_tokens
from .variants import folded

_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TYPO_SIMILARITY = 0.75  # "Ryongbong" ~ "Ryonbong", "Dastgerdi" ~ "Dastjerdi"; not "Fang" ~ "Fangwei"
TYPO_MIN_LENGTH = 5  # shorter words differ by one letter too often ("Kim"/"Lim", "Ho"/"Hao")
LONGEST_RUN = 3  # parts run together: at most this many ("Chong Chon Gang")


def _data_lines(name: str) -> list[str]:
    text = (resources.files(__package__) / "data" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


GENERIC_WORDS = frozenset(_data_lines("generic_words.txt"))
FORM_WORDS = frozenset(_data_lines("form_words.txt"))
_SURNAME_GROUP = {word: number for number, line in enumerate(_data_lines("surname_equivalents.txt"))
                  for word in line.split()}


@lru_cache(maxsize=100_000)
def same_word(left: str, right: str) -> bool:
    if left == right:
        return True
    group = _SURNAME_GROUP.get(left)
    if group is not None and group == _SURNAME_GROUP.get(right):
        return True
    if folded(left) == folded(right):
        return True
    if min(len(left), len(right)) < TYPO_MIN_LENGTH:
        return False
    return 1 - levenshtein(left, right) / max(len(left), len(right)) >= TYPO_SIMILARITY


def _runs(parts: Sequence[str]) -> list[tuple[range, str]]:
    """Every run of up to LONGEST_RUN neighbouring parts, with the parts joined."""
    return [(range(start, end), "".join(parts[start:end]))
            for start in range(len(parts)) for end in range(start + 1, min(start + LONGEST_RUN, len(parts)) + 1)]


def shared_parts(query: Sequence[str], listed: Sequence[str]) -> list[str]:
    """The listed parts the query also has, alone or run together on either side."""
    matched: set[int] = set()
    query_runs = _runs(query)
    for span, joined in _runs(listed):
        if any(same_word(joined, other) for _, other in query_runs):
            matched.update(span)
    return [listed[n] for n in sorted(matched)]


def _words(name: str) -> list[str]:
    """The words as written (legal forms kept, which organisation_parts drops)."""
    return re.findall(r"[a-z0-9]+", ascii_text(name).casefold())


def person_parts(name: str) -> list[str]:
    """Parts of a person's name: words, a hyphenated given name as one ("ho-jin" -> "hojin")."""
    return [part.replace("-", "") for part in _PART.findall(ascii_text(name).casefold())]


def organisation_parts(name: str) -> list[str]:
    return list(name_tokens(name))


def person_shortfall(query: str, listed_names: Sequence[str]) -> str | None:
    """Why no listed name of a person is shared enough with ``query``; None when one is."""
    ours = person_parts(query)
    best: list[str] = []
    for listed in listed_names:
        theirs = person_parts(listed)
        shared = shared_parts(ours, theirs)
        if theirs and len(shared) >= min(2, len(theirs)):
            return None
        best = max(best, shared, key=len)
    if not best:
        return "no part of the listed name is shared"
    return f"only {' '.join(best)!r} shared: a person hit needs two parts of the listed name"


def organisation_shortfall(query: str, listed_names: Sequence[str]) -> str | None:
    """Why no listed name is shared enough with ``query``; None when one is."""
    ours = organisation_parts(query)
    our_form = bool(FORM_WORDS.intersection(_words(query)))
    best: list[str] = []
    for listed in listed_names:
        theirs = organisation_parts(listed)
        shared = shared_parts(ours, theirs)
        if any(word not in GENERIC_WORDS for word in shared):
            return None
        needed = [word for word in theirs if word not in FORM_WORDS]
        form_given = our_form or not FORM_WORDS.intersection(_words(listed))
        if shared and set(needed) <= set(shared) and form_given:
            return None
        best = max(best, shared, key=len)
    if not best:
        return "no word of the listed name is shared"
    return f"only generic words shared ({', '.join(best)}): a hit needs a distinctive word of the listed name"
