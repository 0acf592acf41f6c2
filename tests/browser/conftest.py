"""The web app in a real browser: a live ``prolifwatch serve`` and Debian's chromium.

``live_server`` serves a private copy of the corpus store (with the UN list
fixture loaded, for the screening flow) on a free loopback port.  ``page`` is a
fresh chromium page on it whose console errors, uncaught exceptions, CSP
violations and dialogs are recorded in ``page.problems``; tests end with
``page.problems.assert_none()`` and the fixture checks again at teardown, so
a forgotten check still fails.

Chromium is the system one (``/usr/bin/chromium``, installed by
``scripts/setup.sh test``); ``playwright install`` is never run.  Every test
module here is in the ``browser`` xdist group, so one worker runs them all
against one browser and one server.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from .live import CHROMIUM, CHROMIUM_ARGS, browser_page, copy_with_un_list, finish, serving


@pytest.fixture(scope="session")
def browser_store(corpus_db, tmp_path_factory) -> Path:
    """A private copy of the corpus store with the UN list fixture loaded
    (the flows screen against it and upload into it)."""
    return copy_with_un_list(corpus_db, tmp_path_factory.mktemp("browser-store") / "corpus.sqlite")


@pytest.fixture(scope="session")
def live_server(browser_store) -> str:
    with serving(browser_store, browser_store.parent / "serve.log") as base:
        yield base


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/setup.sh test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, request):
    with browser_page(chromium, live_server) as page:
        yield page
        finish(page, request)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Tell ``finish`` whether the test failed, so it saves a screenshot of what was on screen."""
    report = (yield).get_result()
    if report.when == "call":
        item.browser_call_failed = report.failed


