from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"

SEED_ARTICLE_WAPO = SEEDS / "000_64ff7e57a2bd5472.txt"
SEED_CABLE_PREAMBLE = SEEDS / "001_9c014b750e386666.txt"
SEED_CABLE_EXPORT = SEEDS / "002_f43618049e87ecce.txt"
SEED_CABLE_PAGE = SEEDS / "003_9b312f05c89310a6.txt"
SEED_ARTICLE_ASIANEWS = SEEDS / "004_b93a3101632fe7c5.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpus is expected beside the repository at {SHARED}")
    return SHARED
