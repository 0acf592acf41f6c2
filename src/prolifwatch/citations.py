"""How a paragraph is cited to a user: by the number the document prints.

Every stage keys a paragraph by its ``index`` (its place in the parsed record,
counted from 0; the key in the store).  A reader who copies a citation looks
for the number printed in the cable, so what users see is that number:
"¶5" for a paragraph printed "¶5." or "5.".  A paragraph printed without a
number is cited by its place counted from 1, marked as unnumbered so that it
cannot be taken for a printed number: "para. 4 (unnumbered)".

This module is the one place that decides the form; the terminal, the
exports and the JSON faces all call it.  It imports nothing of the stages,
so any of them may use it without breaking the one-way flow.
"""
from __future__ import annotations

from typing import Any

_SIGN = "¶"
# What surrounds a number as printed: the sign, the full stop and the
# parentheses of forms such as "(5)", none of them part of the number itself.
_AROUND_NUMBER = f"{_SIGN}.() \t"


def printed_number(number: str | None) -> str | None:
    """The number alone, as printed: "5" for "¶5.", "5." or "(5)"; None when there is none."""
    return (number or "").strip(_AROUND_NUMBER) or None


def paragraph_citation(number: str | None, index: int | None) -> str:
    """How a user sees and copies a paragraph citation: "¶5" for a paragraph
    printed "¶5." or "5."; "para. 4 (unnumbered)" for the fourth paragraph
    when it has no printed number."""
    printed = printed_number(number)
    if printed is not None:
        return f"{_SIGN}{printed}"
    if index is None or index < 0:
        return "paragraph unknown"
    return f"para. {index + 1} (unnumbered)"


def evidence_citation(evidence: dict[str, Any]) -> str:
    """The citation of an evidence record (``paragraph`` index, ``paragraph_number`` as printed)."""
    index = evidence.get("paragraph")
    if "paragraph_number" not in evidence and index is not None and index >= 0:
        # never claim "unnumbered" for a paragraph whose number was simply not looked up
        return f"para. {index + 1} (printed number unknown)"
    return paragraph_citation(evidence.get("paragraph_number"), index)


def with_paragraph_number(evidence: dict[str, Any], number: str | None) -> dict[str, Any]:
    """``evidence`` with ``paragraph_number`` (as printed, None if unnumbered) right after its
    ``paragraph`` index: the index stays, scripts read it; the number is what the reader sees."""
    out: dict[str, Any] = {}
    for key, value in evidence.items():
        if key != "paragraph_number":
            out[key] = value
        if key == "paragraph":
            out["paragraph_number"] = number
    if "paragraph" not in evidence:
        out["paragraph_number"] = number
    return out
