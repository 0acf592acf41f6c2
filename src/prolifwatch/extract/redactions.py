"""Redaction marks are not names.

WikiLeaks printed a protected source as "XXXXXXXXXXXX"; other releases print
"(REDACTED)" or "[REDACTED]".  A model reads the mark as an organisation or a
person ("XXXXXXXXXXXX told us"), and as a party it would join every cable that
hides a source into one actor.  A mention that is only a mark is dropped; one
that begins or ends with a mark ("Vann Van Diepen XXXXXXXXXXXX") keeps the rest.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .mention import Mention

# Three X's or more, alone as a word ("XXXX", "xxxxx", "XXXXXXXXXXXX--"), or the word REDACTED.
REDACTION = re.compile(r"(?<![A-Za-z])(?:[Xx]{3,}|[(\[]?REDACTED[)\]]?|[(\[]?redacted[)\]]?)(?![A-Za-z])")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def is_redaction(text: str) -> bool:
    """True when ``text`` holds nothing but redaction marks, spaces and punctuation."""
    return bool(REDACTION.search(text)) and not any(c.isalpha() for c in REDACTION.sub("", text))


def without_redactions(mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        mark = REDACTION.search(m.text)
        if mark is None:
            out.append(m)
            continue
        if is_redaction(m.text):
            continue
        before, after = m.text[: mark.start()], m.text[mark.end():]
        if any(c.isalpha() for c in before) and not any(c.isalpha() for c in after):
            kept = _EDGE.sub("", before)
            start = m.start + m.text.index(kept)
        elif any(c.isalpha() for c in after) and not any(c.isalpha() for c in before) and not REDACTION.search(after):
            kept = _EDGE.sub("", after)
            start = m.start + mark.end() + after.index(kept)
        else:
            continue  # a mark inside a name: no telling which words were the name
        out.append(replace(m, text=kept, start=start, end=start + len(kept), key=None if not m.key or
                           m.key.startswith(("person:", "org:", "body:", "place:", "vessel:")) else m.key))
    return out
