"""Was the party listed on a given day?  Answered from the entry's listings."""
from __future__ import annotations

import datetime as dt

from ..knowledge.lists import ListEntry

LISTED, NOT_YET, DELISTED, UNKNOWN = "listed", "not yet listed", "delisted", "unknown"


def status_on(entry: ListEntry, day: dt.date) -> str:
    """``listed`` when any listing was in force that day; ``delisted`` when every
    listing that had started had also ended; ``not yet listed`` when all start
    later; ``unknown`` when the list gives no listing date to decide by."""
    answers = [listing.in_force_on(day) for listing in entry.listings]
    if any(a is True for a in answers):
        return LISTED
    if any(a is None for a in answers) or not answers:
        return UNKNOWN
    started = [l for l in entry.listings if l.listed_on and dt.date.fromisoformat(l.listed_on) <= day]
    return DELISTED if started else NOT_YET
