"""Sanctions lists read from files the user passes, into one internal form.

``load_list(path, "un" | "ofac" | "ftm")``: OFAC files are read as XML or CSV
by their content.  Nothing is fetched: the user downloads the list and passes
the file.
"""
from __future__ import annotations

from pathlib import Path

from .ftm import load_ftm
from .model import ENTITY_TYPES, STRONG, WEAK, WEAK_ALIAS_LETTERS, Identifier, ListEntry, ListFormatError, Listing, ListName, LoadedList
from .ofac_csv import load_ofac_csv
from .ofac_xml import load_ofac_xml
from .un import load_un

FORMATS = ("un", "ofac", "ftm")


def _looks_like_xml(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def load_list(path: str | Path, format: str, *, name: str | None = None, aliases: str | Path | None = None,
              addresses: str | Path | None = None) -> LoadedList:
    """Read one list file; ``aliases``/``addresses`` are OFAC's ALT.CSV and ADD.CSV companions."""
    path = Path(path)
    if format not in FORMATS:
        raise ListFormatError(f"unknown list format {format!r}: use one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise ListFormatError(f"{path}: no such file")
    name = name or format
    if format == "un":
        return load_un(path, name)
    if format == "ftm":
        return load_ftm(path, name)
    if _looks_like_xml(path):
        return load_ofac_xml(path, name)
    return load_ofac_csv(path, name, aliases=Path(aliases) if aliases else None,
                         addresses=Path(addresses) if addresses else None)


__all__ = ["ENTITY_TYPES", "STRONG", "WEAK", "WEAK_ALIAS_LETTERS", "FORMATS", "Identifier", "ListEntry", "ListFormatError", "ListName", "Listing",
           "LoadedList", "load_list"]
