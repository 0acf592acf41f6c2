"""CSV cells a spreadsheet reads as data, never as a formula (issue 19).

Excel, LibreOffice and Google Sheets evaluate a cell that begins with ``=``,
``+``, ``-`` or ``@`` (and, after trimming, a tab or carriage return) as a
formula, so a page titled ``=HYPERLINK("http://…","x")`` or a list entry named
``=cmd|' /C calc'!A0`` would become live on opening the export.  Following
the OWASP rule, such a cell gets a leading apostrophe: the spreadsheet shows
the text as it is, and a script reading the CSV can strip the one apostrophe.

Every CSV the project writes goes through :func:`inert_writer` or
:class:`InertDictWriter`.  Numbers we computed ourselves (ints and floats:
scores, offsets, counts) are written as they are: Python writes them as digits,
a sign, a point or an exponent, which cannot hold a formula, and an apostrophe
would turn a negative number into text a spreadsheet no longer sums or sorts.
A *string* such as "-5" from a document still gets the apostrophe: text is not
ours to trust.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _InertWriter:
    """csv.writer with :func:`inert_cell` applied to every cell."""

    def __init__(self, fh: TextIO, **kwargs: Any) -> None:
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([inert_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def inert_writer(fh: TextIO, **kwargs: Any) -> _InertWriter:
    """A ``csv.writer`` (same arguments) whose cells can never be formulas."""
    return _InertWriter(fh, **kwargs)


class InertDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose cells can never be formulas."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: inert_cell(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        # DictWriter.writerows would bypass writerow: route each row through it.
        for rowdict in rowdicts:
            self.writerow(rowdict)
