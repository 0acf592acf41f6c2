"""Within one document a ship's short name is the ship its full name names.

"the Iranian-flagged M/V Matin" in a cable that also names "M/V Iran Matin" is that
ship: a vessel mention whose words are the last (or first) words of exactly one
longer vessel name in the same document takes that name's key.  Across documents
nothing is joined here ("Matin" alone may be another ship); resolution decides.
"""
from __future__ import annotations

from dataclasses import replace

from .mention import Mention


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.casefold().split())


def join_short_vessels(mentions: list[Mention]) -> list[Mention]:
    vessels = [m for m in mentions if m.type == "Vessel" and m.key and not m.key.startswith("imo:")]
    full: dict[tuple[str, ...], str] = {}
    for m in vessels:
        full.setdefault(_words(m.text), m.key)
    if len(full) < 2:
        return list(mentions)
    out = []
    for m in mentions:
        if m.type == "Vessel" and m in vessels:
            words = _words(m.text)
            longer = {key for name, key in full.items()
                      if len(name) > len(words) and (name[-len(words):] == words or name[:len(words)] == words)}
            if len(longer) == 1:
                m = replace(m, key=longer.pop(), attributes={**m.attributes, "short_form_of_vessel": True})
        out.append(m)
    return out
