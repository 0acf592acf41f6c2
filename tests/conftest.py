from __future__ import annotations

import os
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


@pytest.fixture(autouse=True)
def no_warm_screener(monkeypatch):
    """A test's `screen` screens in its own process and leaves no server behind
    (tests/screen/test_screen_server.py turns it on to test it)."""
    monkeypatch.setenv("PROLIFWATCH_SCREEN_SERVER", "off")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared corpus is expected beside the repository at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, shared) -> Path:
    """Seeds and corpus ingested with extraction and resolved, built once per
    test run and shared between xdist workers (the first one builds it under
    a lock).  Read it in place; copy it (``corpus_copy``) before writing.

    ``PROLIFWATCH_TEST_CORPUS``: a folder holding a ``corpus.sqlite`` and
    ``corpus-ingest.json`` built by this fixture earlier, to skip the build
    while iterating on one area (CI never sets it)."""
    import fcntl
    import json

    from prolifwatch.pipeline import ingest, resolve_store
    from prolifwatch.store import open_store

    if prebuilt := os.environ.get("PROLIFWATCH_TEST_CORPUS"):
        return Path(prebuilt) / "corpus.sqlite"
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    db = root / "corpus.sqlite"
    report_path = root / "corpus-ingest.json"
    with open(root / "corpus.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not report_path.exists():
            with open_store(db) as store:
                report = ingest([SEEDS, CORPUS], store, workers=1)
                resolve_store(store)
            report_path.write_text(json.dumps(report.to_json()))
    return db


@pytest.fixture(scope="session")
def corpus_ingest_report(corpus_db) -> dict:
    """What ingest reported while building ``corpus_db``."""
    import json

    return json.loads((corpus_db.parent / "corpus-ingest.json").read_text())


@pytest.fixture(scope="session")
def corpus_sql(corpus_db):
    """A read-only SQLite connection on ``corpus_db``, for tests that check what a page or a
    query says against the stored rows themselves."""
    import sqlite3

    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


@pytest.fixture
def corpus_copy(corpus_db, tmp_path) -> Path:
    """A private copy of ``corpus_db`` for tests that write (merge, judge, re-resolve)."""
    import shutil

    copy = tmp_path / "corpus.sqlite"
    shutil.copyfile(corpus_db, copy)
    return copy
