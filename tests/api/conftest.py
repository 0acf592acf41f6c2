"""Clients on the web app: ``api`` reads the shared corpus store; ``api_rw``
works on a private copy, for tests that change it."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from prolifwatch.api import create_app


@pytest.fixture(scope="session")
def api(corpus_db):
    with TestClient(create_app(corpus_db)) as client:
        yield client


@pytest.fixture
def api_rw(corpus_copy):
    with TestClient(create_app(corpus_copy)) as client:
        yield client
