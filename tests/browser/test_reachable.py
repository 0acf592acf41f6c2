"""Every page is reachable by links from the home page, and none fails.

Every link on the home page and on the pages it links to (depth 2) is
collected.  Links are grouped by their shape (first path segment, number of
segments, query parameter names: ``/documents/ID``, ``/search?q=&tag=``):
chromium opens a few pages of each shape linked from the home page, failing
on any console error or CSP violation, and more of each shape at both depths
are fetched over HTTP and must answer 2xx or 3xx.  Every kind of page the issue
names must be among the links.  Links into the JSON API and the streamed
exports are left to the API tests (an export streams the whole store).
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest

from .live import visit

pytestmark = pytest.mark.xdist_group("browser")

# path patterns of the pages issue 21 lists, each to be reached from the home page
PAGE_KINDS = {
    "search": r"^/search$", "browse": r"^/browse(/|$)", "document": r"^/documents/[^/]+$",
    "entity": r"^/entities/[^/]+$", "ledger": r"^/events$", "case list": r"^/cases$",
    "case": r"^/cases/[^/]+$", "graph": r"^/graph$", "screening": r"^/screen$", "ingest": r"^/ingest$",
    "exports": r"^/exports$", "decisions": r"^/decisions$", "API docs": r"^/api/docs$",
}
NOT_FOLLOWED = re.compile(r"^/(api/v1/|api/openapi\.json|static/)|/export/")


def _links(page, base: str) -> set[str]:
    hrefs = page.evaluate("Array.from(document.querySelectorAll('a[href]:not([download])'), a => a.href)")
    found = set()
    for href in hrefs:
        url = urldefrag(urljoin(page.url, href))[0]
        if url.startswith(base + "/"):
            found.add(url[len(base):])
    return found


def _shape(link: str) -> tuple:
    parts = urlsplit(link)
    segments = parts.path.split("/")
    return segments[1], len(segments), tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def _sample(links, per_shape: int) -> list[str]:
    """Up to ``per_shape`` links of each shape, spread over the sorted links (the same every run)."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for link in sorted(links):
        if not NOT_FOLLOWED.search(urlsplit(link).path):
            groups[_shape(link)].append(link)
    picked = []
    for group in groups.values():
        step = max(1, len(group) // per_shape)
        picked += group[::step][:per_shape]
    return picked


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_is_reachable_from_home_without_errors(page, live_server):
    visit(page, "/")
    depth1 = _links(page, live_server)
    depth2: set[str] = set()
    opened = _sample(depth1, per_shape=3)
    for link in opened:
        visit(page, link)  # asserts a 2xx answer
        depth2 |= _links(page, live_server)
    page.problems.assert_none()

    fetched = _sample(depth1 - set(opened), per_shape=10) + _sample(depth2 - depth1, per_shape=6)
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda link: _status(live_server + link), fetched))
    failures = [(link, status) for link, status in zip(fetched, statuses) if status >= 400]
    assert not failures, failures
    paths = {urlsplit(link).path for link in depth1 | depth2}
    missing = [kind for kind, pattern in PAGE_KINDS.items() if not any(re.search(pattern, p) for p in paths)]
    assert not missing, f"not reachable from the home page within two clicks: {missing}"
