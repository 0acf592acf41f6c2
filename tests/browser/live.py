"""A live ``prolifwatch serve`` and chromium pages that record what went wrong.

``serving(db)`` starts the server the way a user does, in its own process on
a free loopback port.  ``browser_page`` opens a page whose console errors,
uncaught exceptions, CSP violations and dialogs are recorded in
``page.problems``.  ``shoot`` saves screenshots.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).parent / "out"             # every screenshot (git-ignored)
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"  # the README's, refreshed with PROLIFWATCH_DOCS_SCREENSHOTS=1
# `serve` through the typer app, so it works whether the CLI is a module or a package.
SERVE = [sys.executable, "-c", "from prolifwatch.cli import app; app()", "serve"]
UN_LIST = REPO / "tests" / "data" / "lists" / "un_consolidated.xml"


def copy_with_un_list(store: Path, copy: Path) -> Path:
    """``store`` copied to ``copy`` with the UN list fixture loaded (screening needs a list)."""
    from prolifwatch import actions
    from prolifwatch.query.context import Reader

    shutil.copyfile(store, copy)
    reader = Reader.open(copy)
    try:
        actions.load_list(reader, UN_LIST)
    finally:
        reader.close()
    return copy


def same_package_path() -> str:
    """PYTHONPATH that makes a child process import the prolifwatch these tests
    import (a relative ``PYTHONPATH=src`` would not survive the child's cwd)."""
    import prolifwatch

    return os.pathsep.join(filter(None, [str(Path(prolifwatch.__file__).resolve().parents[1]),
                                         os.environ.get("PYTHONPATH")]))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(db: Path, log: Path, timeout: float = 60.0):
    """``prolifwatch serve --db db`` on a free loopback port; yields its base URL, stops it after."""
    port = free_port()
    env = dict(os.environ, PROLIFWATCH_SCREEN_SERVER="off", PYTHONPATH=same_package_path())
    with open(log, "wb") as log_file:
        process = subprocess.Popen([*SERVE, "--db", str(db), "--port", str(port)], env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT, cwd=db.parent)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(base, process, log, timeout)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def _wait_until_answering(base: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/static/app.js", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"serve did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')}")


# Chromium logs a CSP violation to the console too, in its own words; this
# names the directive and what it blocked, and survives navigations (the
# console listener hears it whatever page is on screen).
_CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
                " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


@dataclass
class Problems:
    """What went wrong in a page: console errors (CSP violations among them), uncaught exceptions, dialogs.
    Each is (what, message, page URL)."""

    found: list[tuple[str, str, str]] = field(default_factory=list)

    def all(self) -> list[str]:
        """One line per distinct problem, with the pages it happened on (a crawl repeats them)."""
        pages: dict[tuple[str, str], list[str]] = {}
        for what, message, url in self.found:
            pages.setdefault((what, message), []).append(url)
        lines = []
        for (what, message), urls in pages.items():
            distinct = list(dict.fromkeys(urls))
            more = f" and {len(distinct) - 1} more" if len(distinct) > 1 else ""
            lines.append(f"{what}: {message} (on {distinct[0]}{more})")
        return lines

    def assert_none(self) -> None:
        assert not self.found, "\n".join(self.all())


def _watch(page) -> Problems:
    problems = Problems()

    def on_console(message):
        source = message.location.get("url") or page.url
        if message.type == "error":
            origin = "" if source == page.url else f" (from {source})"
            problems.found.append(("console", message.text + origin, page.url))

    def on_dialog(dialog):
        problems.found.append(("dialog", f"{dialog.type}: {dialog.message}", page.url))
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.found.append(("exception", str(error), page.url)))
    page.on("dialog", on_dialog)
    page.add_init_script(_CSP_REPORTER)
    return problems


@contextmanager
def browser_page(chromium, base_url: str):
    """A page on ``base_url`` in its own context, with ``page.problems`` recording what went wrong."""
    context = chromium.new_context(base_url=base_url, viewport={"width": 1280, "height": 860},
                                   accept_downloads=True)
    # generous: CI runs the other tests on both cores beside the server and chromium; a slow
    # page fails here after a minute, a wrong one fails on its assertions
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.problems = _watch(page)
    try:
        yield page
    finally:
        context.close()


def visit(page, path: str) -> str:
    """Open ``path``, wait until htmx and the page's scripts are done, and return the text on screen."""
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '-'}"
    page.wait_for_load_state("networkidle")
    return page.inner_text("body")


def finish(page, request) -> None:
    """At a test's end: a screenshot when it failed; a failure when the page logged problems."""
    if getattr(request.node, "browser_call_failed", False):
        OUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT / f"{request.node.name}-failure.png"))
        return
    page.problems.assert_none()


def shoot(page, name: str, *, docs: bool = False) -> Path:
    """Save a screenshot of what is on screen to tests/browser/out/; ``docs``:
    also to docs/screenshots/ when PROLIFWATCH_DOCS_SCREENSHOTS=1 (so a test
    run does not rewrite committed files)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    if docs and os.environ.get("PROLIFWATCH_DOCS_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / path.name)
    return path
