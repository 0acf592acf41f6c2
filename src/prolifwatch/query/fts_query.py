"""A user's free-text query to a safe FTS5 MATCH expression.

Users type words, "exact phrases", prefix*, OR and -exclusions; everything
else (parentheses, NEAR, column filters, stray quotes) is taken as words, so
no input can raise an FTS5 syntax error.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\w*]+", re.UNICODE)


def _quote(term: str) -> str:
    return '"' + term.replace('"', "") + '"'


def _prefix_term(parts: list[str]) -> str:
    """``proliferat*``: the index holds Porter stems ("prolifer"), which a
    typed prefix can be longer than, so the prefix is cut by up to three
    letters (never below four).  The shortest cut alone: every longer one
    matches a subset of it, and each extra phrase would be scored again."""
    head, last = parts[:-1], parts[-1]
    cut = last[:max(len(last) - 3, 4)] if len(last) > 5 else last
    return _quote(" ".join([*head, cut])) + "*"


def to_match(query: str) -> str | None:
    """The MATCH expression, or None when the query has no positive term."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for m in _TOKEN.finditer(query):
        negate, phrase, word = m.group(1), m.group(2), m.group(3)
        if phrase is not None:
            term = _quote(phrase) if phrase.strip() else None
        else:
            if word == "OR":
                pending_or = bool(positive)
                continue
            negate = "-" if word.startswith("-") and len(word) > 1 else ""
            word = word.lstrip("-")
            prefix = word.endswith("*")
            parts = [p for p in _WORD_CHARS.split(word.replace("*", " ")) if p]
            if not parts:
                continue
            term = _prefix_term(parts) if prefix else _quote(" ".join(parts))
        if term is None:
            continue
        if negate:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
            pending_or = False
        else:
            positive.append(term)
    if not positive:
        return None
    expr = " AND ".join(f"({p})" for p in positive)
    if negative:
        expr = f"({expr}) NOT ({' OR '.join(negative)})"
    return expr
