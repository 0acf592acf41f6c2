"""Xref in chromium: start it from the page, watch its job to the end, review the hits and
confirm one.  The server's store keeps only the mentions of 09LONDON118 (as in
tests/api/test_xref.py), so the job takes seconds; that cable names Bank Sepah, which the UN
list fixture holds as IRe.017."""
from __future__ import annotations

import pytest

from tests.api.test_xref import keep_one_cables_mentions

from .live import browser_page, copy_with_un_list, finish, serving, shoot, visit

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def xref_server(corpus_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("xref-browser")
    store = copy_with_un_list(corpus_db, folder / "corpus.sqlite")
    keep_one_cables_mentions(store)
    with serving(store, folder / "serve.log") as base:
        yield base


@pytest.fixture
def xref_page(chromium, xref_server, request):
    with browser_page(chromium, xref_server) as page:
        yield page
        finish(page, request)


def test_start_xref_follow_its_job_and_confirm_a_hit(xref_page):
    page = xref_page
    text = visit(page, "/xref")
    assert "Hits (0)" in text
    page.locator('form:has(input[name="restart"]) [type="submit"]').click()
    page.get_by_text("Review the hits").wait_for(timeout=180_000)  # the job's card, polled until done
    assert "DONE" in page.inner_text(".job .state").upper()
    page.get_by_text("Review the hits").click()
    page.wait_for_url("**/xref")
    sepah = page.locator('tr[data-entity="entity:bank-sepah"]')
    assert "un:IRe.017" in sepah.inner_text() and "Bank Sepah" in sepah.inner_text()
    sepah.locator('button[data-verdict="confirmed"]').click()  # htmx posts it; the page reloads
    sepah.locator(".badge", has_text="confirmed").wait_for()
    assert sepah.locator('button[data-verdict="confirmed"]').count() == 0
    page.wait_for_load_state("networkidle")
    shoot(page, "xref")
    page.problems.assert_none()
