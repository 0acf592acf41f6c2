"""What codes mean to a reader: cable TAGS, control-list items, paragraph anchors.

Tag meanings come from the knowledge base (``knowledge/data/tags.yaml`` for
subject tags, ``countries.yaml`` for the two-letter country tags); it loads
once per process (``default_knowledge``), which the web app warms at start-up.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..citations import printed_number
from ..knowledge.load import default_knowledge


@lru_cache(maxsize=1)
def _tag_meanings() -> dict[str, str]:
    kb = default_knowledge()
    meanings = {c.tag: c.name for c in kb.countries if c.tag}
    meanings.update({t.code: t.meaning for t in kb.tags if t.meaning})
    return meanings


def tag_meaning(code: str | None) -> str | None:
    """"Arms controls and disarmament" for PARM, "China" for CH; None when unknown."""
    return _tag_meanings().get((code or "").upper()) if code else None


@lru_cache(maxsize=1)
def _item_names() -> dict[str, str]:
    return {item.key: item.name for item in default_knowledge().control_items}


def item_name(code: str) -> str | None:
    """The control-list entry's name for "MTCR 3.B.3" (None when unknown)."""
    return _item_names().get(code)


def item_keys(code: str) -> list[str]:
    """The stored keys an item code names: "MTCR 3.B.3" itself, or every list's
    entry "3.B.3" stands for (a code typed without its list)."""
    code = " ".join(code.split())
    known = [key for key in _item_names() if key.casefold() == code.casefold()
             or key.casefold().endswith(" " + code.casefold())]
    return known or [code]


_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9._-]+")


def paragraph_anchor(number: str | None, index: int) -> str:
    """The fragment of a paragraph's permalink: "p5" for a paragraph printed
    "¶5." or "5.", "para-4" for the fourth when it prints no number."""
    printed = printed_number(number)
    if printed:
        return "p" + _NOT_IN_ANCHOR.sub("-", printed)
    return f"para-{index + 1}"
