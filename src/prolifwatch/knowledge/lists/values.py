"""Cleaning of the values list files carry: countries, dates, vessel numbers."""
from __future__ import annotations

import datetime as dt
import re

from followthemoney.types import registry

_IMO = re.compile(r"\bIMO\s*(?:No\.?|number|:)?\s*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI\s*(?:No\.?|:)?\s*(\d{9})\b", re.IGNORECASE)
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d %b %Y", "%d %B %Y", "%Y")


def country_code(text: str | None) -> str | None:
    """ISO code for a country name or code as lists print them ("Korea, North", "Iran (Islamic Republic of)")."""
    if not text or not text.strip():
        return None
    return registry.country.clean(text.strip())


def iso_date(text: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from the layouts lists use; a bare year stays a year."""
    if not text or not text.strip():
        return None
    value = text.strip()
    if "T" in value:  # "2024-03-01T10:00:03.06Z": keep the day
        value = value.split("T", 1)[0]
    for layout in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(value, layout).date()
        except ValueError:
            continue
        return str(parsed.year) if layout == "%Y" else parsed.isoformat()
    return None


def imo_numbers(text: str) -> list[str]:
    return _IMO.findall(text or "")


def mmsi_numbers(text: str) -> list[str]:
    return _MMSI.findall(text or "")


def clean_imo(value: str) -> str | None:
    """The seven digits of an IMO number written as "IMO 9051624", "9051624" ..."""
    digits = re.sub(r"\D", "", value or "")
    return digits if len(digits) == 7 else None
