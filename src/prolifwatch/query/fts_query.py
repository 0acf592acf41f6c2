"""A user's free-text query to safe FTS5 MATCH expressions.

Users type words, "exact phrases", prefix*, OR, and exclusions written
``-word`` or ``NOT word``; everything else (parentheses, NEAR, column filters,
stray quotes) is taken as words, so no input can raise an FTS5 syntax error.

FTS5 cannot say "every document but": its NOT needs something on its left.
So a query is parsed into what it includes and what it excludes, as two
MATCH expressions; the search subtracts the excluded set itself, which is
what lets ``-Iran`` alone mean "every document not mentioning Iran".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD_CHARS = re.compile(r"[^\w*]+", re.UNICODE)

# Shown whenever a query has nothing to search for: the forms that work.
QUERY_EXAMPLES = ('Iran', '"cold flow forming"', 'proliferat*', 'Iran OR Syria', 'Iran -Syria', 'Iran NOT Syria')


class QueryError(ValueError):
    """A query that names nothing to search for; the message says what to type."""


@dataclass(frozen=True)
class ParsedQuery:
    include: str | None   # MATCH expression of what a document must hold (None: any document)
    exclude: str | None   # MATCH expression of what it must not hold (None: nothing excluded)

    @property
    def is_empty(self) -> bool:
        return self.include is None and self.exclude is None


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


def _word_term(word: str) -> str | None:
    prefix = word.endswith("*")
    parts = [p for p in _WORD_CHARS.split(word.replace("*", " ")) if p]
    if not parts:
        return None  # punctuation only: "-", "*", "(", "..."
    return _prefix_term(parts) if prefix else _quote(" ".join(parts))


def parse(query: str) -> ParsedQuery:
    """What ``query`` includes and excludes.  A blank query is empty (the
    caller decides whether that means every document); a query that is not
    blank but holds no word at all ("*", "-", "()") raises QueryError."""
    positive: list[str] = []
    negative: list[str] = []
    pending_or = pending_not = False
    for m in _TOKEN.finditer(query):
        negate, phrase, word = bool(m.group(1)), m.group(2), m.group(3)
        if phrase is not None:
            term = _quote(phrase) if phrase.strip() else None
        else:
            if word in ("OR", "AND", "NOT"):  # operators only in capitals, as FTS5 has them
                pending_or = word == "OR" and bool(positive) and not pending_not
                pending_not = word == "NOT" or (pending_not and word == "AND")
                continue
            negate = word.startswith("-") and len(word.lstrip("-")) > 0
            term = _word_term(word.lstrip("-") if negate else word)
        if term is None:
            continue
        if negate or pending_not:
            negative.append(term)
        elif pending_or:
            positive[-1] = f"{positive[-1]} OR {term}"
        else:
            positive.append(term)
        pending_or = pending_not = False
    parsed = ParsedQuery(include=" AND ".join(f"({p})" for p in positive) or None,
                         exclude=" OR ".join(f"({n})" for n in negative) or None)
    if parsed.is_empty and query.strip():
        raise QueryError(f"nothing to search for in {query!r}: type words, e.g. "
                         + ", ".join(f"'{e}'" for e in QUERY_EXAMPLES))
    return parsed


_PHRASE_OR_NOT = re.compile(r'"[^"]*"\*?|\bNOT\b')


def any_included(match: str) -> str | None:
    """A MATCH expression for the documents holding any phrase that ``match`` (made by
    ``parse``) includes: its quoted phrases before its NOT, OR-ed.  A quoted phrase
    is matched whole, so a NOT inside one is not taken for the operator."""
    phrases: list[str] = []
    for found in _PHRASE_OR_NOT.finditer(match):
        if found.group() == "NOT":
            break
        phrases.append(found.group())
    return " OR ".join(phrases) or None


def to_match(query: str) -> str | None:
    """One MATCH expression for ``query``, or None when it has no positive term
    (such a query needs the search's subtraction: see ``parse``)."""
    try:
        parsed = parse(query)
    except QueryError:
        return None
    if parsed.include is None:
        return None
    return f"({parsed.include}) NOT ({parsed.exclude})" if parsed.exclude else parsed.include
