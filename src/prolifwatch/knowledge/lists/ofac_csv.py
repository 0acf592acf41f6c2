"""The US OFAC SDN list in its CSV layout (``SDN.CSV`` with ``ALT.CSV`` and ``ADD.CSV``).

SDN.CSV has no header row and twelve columns; "-0-" stands for an empty
field; a row with several programmes writes them as ``IRAN] [NPWMD``; people
are written "LAST, First".  Aliases live in ALT.CSV (ent_num, alt_num,
alt_type, alt_name, remarks) and addresses in ADD.CSV (ent_num, add_num,
address, city, country, remarks): both optional.  Identifiers (IMO, MMSI)
are only in the remarks, e.g. "Vessel Registration Identification IMO 9051624".
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from .model import Identifier, ListEntry, ListFormatError, ListName, Listing, LoadedList
from .ofac_xml import AUTHORITY, SDN_TYPES
from .values import country_code, imo_numbers, mmsi_numbers

SDN_COLUMNS = 12
_NULL = "-0-"
_REMARK_AKA = re.compile(r"a\.k\.a\.,?\s*'([^']+)'", re.IGNORECASE)


def _rows(path: Path, width: int) -> Iterator[tuple[int, list[str]]]:
    """Rows with their line numbers; a short (truncated) row is an error naming the line."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            for row in reader:
                if not row or (len(row) == 1 and not row[0].strip()) or row[0].startswith("\x1a"):
                    continue  # blank lines and the DOS end-of-file mark OFAC appends
                if len(row) < width:
                    raise ListFormatError(
                        f"{path}: line {reader.line_num}: expected {width} columns, found {len(row)} (truncated row?)")
                yield reader.line_num, [_value(v) for v in row]
        except csv.Error as exc:
            raise ListFormatError(f"{path}: line {reader.line_num}: {exc}") from exc


def _value(field: str) -> str:
    field = field.strip()
    return "" if field == _NULL else field


def _display_name(name: str, sdn_type: str) -> str:
    if sdn_type == "person" and ", " in name:
        last, first = name.split(", ", 1)
        return f"{first} {last}"
    return name


def load_ofac_csv(path: Path, name: str = "ofac", *, aliases: Path | None = None,
                  addresses: Path | None = None) -> LoadedList:
    alias_rows: dict[str, list[str]] = defaultdict(list)
    if aliases:
        for _, row in _rows(aliases, 4):
            alias_rows[row[0]].append(row[3])
    address_rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if addresses:
        for _, row in _rows(addresses, 5):
            address_rows[row[0]].append((", ".join(p for p in row[2:5] if p), row[4]))
    loaded = LoadedList(name=name, format="ofac", as_of=None, path=str(path))
    for line, row in _rows(path, SDN_COLUMNS):
        uid, sdn_name, sdn_type, programmes = row[0], row[1], row[2], row[3]
        if not uid or not sdn_name:
            raise ListFormatError(f"{path}: line {line}: missing ent_num or SDN_Name")
        kind = SDN_TYPES.get(sdn_type.lower(), "organization" if not sdn_type else "unknown")
        remarks = row[11]
        names = [ListName(_display_name(sdn_name, kind))]
        names += [ListName(_display_name(a, kind)) for a in alias_rows.get(uid, []) + _REMARK_AKA.findall(remarks)]
        identifiers = [Identifier("imo", n) for n in imo_numbers(remarks)]
        identifiers += [Identifier("mmsi", n) for n in mmsi_numbers(remarks)]
        if row[5]:
            identifiers.append(Identifier("call_sign", row[5]))
        flag = country_code(row[9])
        countries = [country_code(country) for _, country in address_rows.get(uid, [])] + [flag]
        loaded.entries.append(ListEntry(
            id=f"ofac-{uid}",
            type=kind,
            names=tuple(dict.fromkeys(names)),
            countries=tuple(dict.fromkeys(c for c in countries if c)),
            identifiers=tuple(dict.fromkeys(identifiers)),
            addresses=tuple(a for a, _ in address_rows.get(uid, []) if a),
            listings=tuple(Listing(p.strip(), AUTHORITY) for p in programmes.strip("[] ").split("] [") if p.strip()),
            remarks=remarks,
            flag=flag,
        ))
    return loaded
