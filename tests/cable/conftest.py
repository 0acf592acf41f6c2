"""Every cable of ../shared/seeds and ../shared/corpus as (RawDocument, Cable), parsed once."""
from __future__ import annotations

import pytest

from prolifwatch.cable.document import cable_from_raw
from prolifwatch.formats import read_paths
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS, SEEDS


@pytest.fixture(scope="session")
def corpus_records() -> list:
    out = []
    for raw in read_paths([SEEDS, CORPUS]):
        if isinstance(raw, RawDocument) and raw.kind == "cable":
            out.append((raw, cable_from_raw(raw)))
    return out
