"""Other spellings of a name to compare besides the name as written.

The matcher compares every name of the query with every name of the entry
and keeps the best pair, so extra spellings let it see through differences
that are not differences between parties: a company suffix added or dropped,
hyphenated syllables ("Ho-jin"/"Hojin"), syllables run together
("Chongchongang"/"Chong Chon Gang"), romanisation ("Qorb"/"Ghorb"),
abbreviations ("HK"/"Hong Kong") and word order ("Ryonbong General
Corporation Korea": both sides are also compared with their words sorted).
The rules are data files in ``data/``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.translit import ascii_text

from ..knowledge.name_rules import COMPANY_SUFFIXES, ROMANISATION
from .keys import ABBREVIATIONS, name_tokens

_DOUBLED = re.compile(r"([a-z])\1+")
_WORD = re.compile(r"[a-z0-9]+")

SUFFIXES = COMPANY_SUFFIXES


def _words(name: str) -> list[str]:
    return _WORD.findall(ascii_text(name).casefold())


def without_suffix(name: str) -> str | None:
    words = _words(name)
    end = len(words)
    while end > 1 and words[end - 1] in SUFFIXES:
        end -= 1
    return " ".join(words[:end]) if end < len(words) else None


def folded(name: str) -> str:
    """The name in a spelling where romanisation variants coincide."""
    text = " ".join(_words(name))
    for source, target in ROMANISATION:
        text = text.replace(source, target)
    return _DOUBLED.sub(r"\1", text)


@lru_cache(maxsize=100_000)
def name_variants(name: str, *, run_together: bool = False) -> tuple[str, ...]:
    """Spellings of ``name`` to compare besides itself (not including it)."""
    found: list[str] = []
    stripped = without_suffix(name)
    if stripped:
        found.append(stripped)
    words = _words(name)
    if any(w in ABBREVIATIONS for w in words):
        found.append(" ".join(ABBREVIATIONS.get(w, w) for w in words))
    tokens = name_tokens(name)
    if len(tokens) > 1:
        found.append(" ".join(sorted(tokens)))
    if "-" in name:
        found.append(name.replace("-", ""))
    if run_together and len(_words(name)) > 1:
        found.append("".join(_words(name)))
    for variant in [name, *found]:
        found.append(folded(variant))
    plain = " ".join(_words(name))
    return tuple(v for v in dict.fromkeys(found) if v and v != plain)


def closest_spellings(query: str, names: list[str]) -> tuple[str | None, str | None]:
    """The query spelling and list-name spelling (variants only) that share the most words.

    Comparing every spelling with every other costs the matcher ~0.1 ms a
    pair; a set overlap picks the one pair worth its time.  Sorted-word
    spellings win only when the words are the same and only the order differs.
    """
    ours = _spelling_words(query, False)
    theirs = [pair for name in names for pair in _spelling_words(name, True)]
    best = 0.0
    found: tuple[str | None, str | None] = (None, None)
    for mine, my_words in ours:
        for other, other_words in theirs:
            if mine is None and other is None:
                continue
            shared = len(my_words & other_words) / len(my_words | other_words)
            if shared > best:
                best, found = shared, (mine, other)
    return found


@lru_cache(maxsize=100_000)
def _spelling_words(name: str, run_together: bool) -> tuple[tuple[str | None, frozenset[str]], ...]:
    """(variant, its words) for each variant, and (None, the words as written)."""
    pairs = [(v, frozenset(v.split())) for v in name_variants(name, run_together=run_together)]
    return (*pairs, (None, frozenset(_words(name))))
