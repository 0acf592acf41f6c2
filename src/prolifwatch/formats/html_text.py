"""Helpers shared by the readers: markup to text, layout timestamps to ISO 8601."""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"<[^>]*>")


def html_fragment_to_text(fragment: str) -> str:
    """Markup to text: tags dropped (link text kept), entities decoded, newlines normalised."""
    text = html.unescape(_TAG.sub("", fragment))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def iso_minutes(value: str) -> str:
    """``"2005-02-01 19:07"`` -> ``"2005-02-01T19:07:00"``."""
    value = value.strip().replace(" ", "T")
    return value if value.count(":") == 2 else value + ":00"
