"""Which sanctions-list format a file is in, told by its content.

Every published format says what it is in its first bytes: the UN list's
root element is ``CONSOLIDATED_LIST``, OFAC's XML ``sdnList``, OFAC's
SDN.CSV rows start with a numeric uid and use OFAC's "-0-" for empty
fields, and an OpenSanctions export is JSON lines of FollowTheMoney
entities (``schema`` and ``properties``).  A file in none of them is an
error naming the file and the formats known, never a guess.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..knowledge.lists import ListFormatError

SNIFF_BYTES = 64 * 1024
KNOWN = ("un (UN consolidated list XML)", "ofac (OFAC SDN.XML or SDN.CSV)",
         "ftm (OpenSanctions FollowTheMoney JSON lines)")
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*)[\s>/]")  # the first element's name, after any <?xml ...?> and comments
_XML_ROOTS = {b"CONSOLIDATED_LIST": "un", b"sdnList": "ofac"}
OFAC_EMPTY = "-0-"
SDN_CSV_COLUMNS = 12
ALT_CSV_COLUMNS = 5


def _unknown(path: Path, what: str) -> ListFormatError:
    return ListFormatError(f"{path}: {what}; the list formats known are {'; '.join(KNOWN)} "
                           f"(give --format to read it as one of them)")


def detect_list_format(path: str | Path) -> str:
    """"un", "ofac" or "ftm" for the list file at ``path``; ListFormatError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise ListFormatError(f"{path}: no such file")
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise _unknown(path, "the file is empty")
    if head.startswith(b"<"):
        for match in _ROOT.finditer(head):
            name = match.group(1)
            if name in _XML_ROOTS:
                return _XML_ROOTS[name]
            if not name.startswith((b"?", b"!")):
                raise _unknown(path, f"an XML file whose root element <{name.decode('ascii', 'replace')}> is "
                                     f"no list format known")
        raise _unknown(path, "an XML file without a root element in its first 64 KiB")
    if head.startswith(b"{"):
        return _json_lines_format(path, head)
    return _csv_format(path, head)


def _json_lines_format(path: Path, head: bytes) -> str:
    first = head.split(b"\n", 1)[0]
    try:
        record = json.loads(first)
    except ValueError:
        raise _unknown(path, "JSON whose first line is not one JSON object (FollowTheMoney lists are one entity a "
                             "line)") from None
    if isinstance(record, dict) and "schema" in record and "properties" in record:
        return "ftm"
    raise _unknown(path, "JSON lines that are not FollowTheMoney entities (no 'schema' and 'properties')")


def _csv_format(path: Path, head: bytes) -> str:
    text = head.decode("utf-8", errors="replace")
    try:
        row = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        row = []
    cells = [cell.strip() for cell in row]
    if cells and cells[0].isdigit() and OFAC_EMPTY in cells:
        if len(cells) == SDN_CSV_COLUMNS:
            return "ofac"
        if len(cells) == ALT_CSV_COLUMNS:
            raise _unknown(path, "OFAC's ALT.CSV (aliases), not a list: load SDN.CSV and pass this file with --aliases")
    raise _unknown(path, "not a list format known")
