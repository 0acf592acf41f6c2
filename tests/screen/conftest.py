from __future__ import annotations

from pathlib import Path

import pytest

from prolifwatch.knowledge.lists import load_list
from prolifwatch.screen import IndexedEntry, Screener

DATA = Path(__file__).resolve().parents[1] / "data"
LISTS = DATA / "lists"
UN_XML = LISTS / "un_consolidated.xml"
OFAC_XML = LISTS / "ofac_sdn.xml"
OFAC_CSV = LISTS / "ofac_sdn.csv"
OFAC_ALT = LISTS / "ofac_alt.csv"
FTM_JSON = LISTS / "opensanctions.ftm.json"
PAIRS = DATA / "screening_pairs.tsv"


def indexed(*files: tuple[Path, str]) -> list[IndexedEntry]:
    entries = []
    for path, fmt in files:
        loaded = load_list(path, fmt)
        entries += [IndexedEntry(loaded.name, e, loaded.as_of) for e in loaded.entries]
    return entries


@pytest.fixture(scope="session")
def screener() -> Screener:
    """UN and OFAC XML fixtures: the lists the screening test set is written against."""
    return Screener(indexed((UN_XML, "un"), (OFAC_XML, "ofac")))


@pytest.fixture(scope="session")
def dated_screener() -> Screener:
    """The OpenSanctions fixture, whose entries carry listing and delisting dates."""
    return Screener(indexed((FTM_JSON, "ftm")))
