"""Every page is reachable by links from the home page, and none fails.

Chromium opens the home page and every page it links to (depth 1), failing on
any console error or CSP violation; the links on those pages (depth 2) are
fetched over HTTP and must not answer 5xx.  Every kind of page the issue names
must be among them.  Links into the JSON API and the streamed exports are left
to the API tests (an export streams the whole store).
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urldefrag, urljoin, urlsplit

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


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_page_is_reachable_from_home_without_errors(page, live_server):
    visit(page, "/")
    depth1 = sorted(link for link in _links(page, live_server) if not NOT_FOLLOWED.search(urlsplit(link).path))
    depth2: set[str] = set()
    for link in depth1:
        visit(page, link)  # asserts a 2xx answer
        depth2 |= _links(page, live_server)
    page.problems.assert_none()

    seen = set(depth1) | depth2
    failures = [(link, status) for link in sorted(depth2 - set(depth1))
                if not NOT_FOLLOWED.search(urlsplit(link).path)
                and (status := _status(live_server + link)) >= 500]
    assert not failures, failures
    paths = {urlsplit(link).path for link in seen}
    missing = [kind for kind, pattern in PAGE_KINDS.items() if not any(re.search(pattern, p) for p in paths)]
    assert not missing, f"not reachable from the home page within two clicks: {missing}"
