"""A property-based run over the OpenAPI document: no request makes the API fail.

schemathesis generates requests for every operation in ``/api/openapi.json``
(valid ones, and invalid ones: wrong types, missing or out-of-range values)
and checks that none answers 5xx and that every documented answer matches its
schema.  GETs run on the shared corpus store; the other methods (screening,
uploads, the analyst's writes) on a private copy.  Few examples per operation
and a fixed seed (``derandomize``) keep the run short and reproducible; a
failure prints the request that caused it.
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from prolifwatch.api import create_app
from tests.browser.live import copy_with_un_list

CHECKS = [not_a_server_error, response_schema_conformance]
TIMEOUT = 60  # seconds: schemathesis's 10 s is too short on a busy 2-core CI machine
# A valid export streams the whole store (its own tests check it); here only
# its invalid requests are generated.
WHOLE_STORE = {"GET /api/v1/export/{format}"}
# The double-submit pair the CSRF check compares, so generated form and file
# bodies reach their handlers rather than stopping at 403.
CSRF = {"X-CSRF-Token": "fuzz", "Cookie": "prolifwatch_csrf=fuzz"}
QUICK = dict(derandomize=True, deadline=None, database=None,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _operations(read: bool) -> list[str]:
    """The operations' labels ("GET /api/v1/search"), read from the OpenAPI document
    alone (building it opens no store), so each is a test of its own."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(os.devnull))
    labels = [result.ok().label for result in schema.get_all_operations()]
    return [label for label in labels if label.startswith("GET ") == read]


def _run(schema, label: str, max_examples: int) -> None:
    method, path = label.split(" ", 1)
    operation = schema[path][method]
    modes = [GenerationMode.NEGATIVE] if label in WHOLE_STORE else [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    strategy = st.one_of(*(operation.as_strategy(mode) for mode in modes))

    @given(case=strategy)
    @settings(max_examples=max_examples, **QUICK)
    def never_fails(case):
        case.call_and_validate(checks=CHECKS, headers=None if method == "GET" else CSRF, timeout=TIMEOUT)

    never_fails()


@pytest.fixture(scope="module")
def read_schema(corpus_db):
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(corpus_db), timeout=TIMEOUT)


@pytest.fixture(scope="module")
def write_schema(corpus_db, tmp_path_factory):
    """The API over its own copy of the corpus store, with the UN list loaded
    (screening needs a list): generated POSTs change it."""
    copy = copy_with_un_list(corpus_db, tmp_path_factory.mktemp("fuzz-store") / "corpus.sqlite")
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(copy), timeout=TIMEOUT)


@pytest.mark.parametrize("operation", _operations(read=True))
def test_read_operation_never_fails_and_matches_its_schema(read_schema, operation):
    _run(read_schema, operation, max_examples=12)


@pytest.mark.parametrize("operation", _operations(read=False))
def test_write_operation_never_fails_and_matches_its_schema(write_schema, operation):
    # A JSON body passes the CSRF check (another site cannot send one without a
    # preflight); form and file bodies without the token are refused with 403.
    # Either way nothing may fail.
    _run(write_schema, operation, max_examples=6)
