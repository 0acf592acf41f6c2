"""Hostile documents in a real browser: nothing they hold runs, and their text shows as written.

A news page and a cable carrying script tags, event handlers, ``javascript:``
links, entities that decode to tags, Rich markup and ANSI escapes are ingested
into a store of their own and served; chromium opens the home page, the search
results and both document pages.  ``window.__pwned`` stays undefined, no alert
opens, the console is clean (no CSP violation: nothing was even tried), and the
hostile text is on screen literally.
"""
from __future__ import annotations

import pytest

from .live import browser_page, finish, serving, shoot, visit
from .hostile import CABLE_ID, IMG, LINK, MARKER, RICH, SCRIPT, write_hostile_files

pytestmark = pytest.mark.xdist_group("browser")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """(base URL, article id) of a server over a store holding only the hostile documents."""
    from prolifwatch.pipeline import ingest, resolve_store
    from prolifwatch.store import open_store

    folder = tmp_path_factory.mktemp("hostile")
    article, cable = write_hostile_files(folder / "files")
    db = folder / "hostile.sqlite"
    with open_store(db) as store:
        report = ingest([str(article), str(cable)], store)
        resolve_store(store)
        (article_id,) = [row[0] for row in store.db.execute("SELECT id FROM documents WHERE kind = 'article'")]
    assert report.to_json()["failed"] == [] and report.to_json()["new"] == 2
    with serving(db, folder / "serve.log") as base:
        yield base, article_id


@pytest.fixture
def hostile_page(chromium, hostile_site, request):
    base, _ = hostile_site
    with browser_page(chromium, base) as page:
        yield page
        finish(page, request)


def _assert_inert(page) -> None:
    """Nothing ran, and nothing that could run is in the DOM."""
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("Array.from(document.scripts).every(s => s.src && new URL(s.src).origin === location.origin)")
    assert page.locator('a[href^="javascript:" i]').count() == 0
    assert page.evaluate("""Array.from(document.querySelectorAll('*')).every(
        el => Array.from(el.attributes).every(a => !a.name.startsWith('on')))""")
    assert page.locator('img[src="x"]').count() == 0
    page.problems.assert_none()


def test_home_page_shows_the_hostile_titles_as_text(hostile_page):
    page = hostile_page
    text = visit(page, "/")
    assert SCRIPT in text  # the article's headline, among the latest documents
    _assert_inert(page)


def test_search_results_show_the_hostile_documents_as_text(hostile_page, hostile_site):
    _, article_id = hostile_site
    page = hostile_page
    text = visit(page, f"/search?q={MARKER}")
    assert SCRIPT in text
    for doc_id in (article_id, CABLE_ID):
        assert page.locator(f'a[href^="/documents/{doc_id}"]').count() >= 1, doc_id
    shoot(page, "hostile-search")
    _assert_inert(page)


def test_article_page_shows_decoded_tags_literally(hostile_page, hostile_site):
    _, article_id = hostile_site
    page = hostile_page
    text = visit(page, f"/documents/{article_id}")
    # the page's entities decoded to these tags: they are now the document's text
    assert SCRIPT in text
    assert IMG in text
    assert '<a href="javascript:alert(4)">a second link</a>' in text
    assert RICH in text and "[31mred" in text
    shoot(page, "hostile-article")
    _assert_inert(page)


def test_cable_page_shows_raw_tags_and_entities_literally(hostile_page):
    page = hostile_page
    text = visit(page, f"/documents/{CABLE_ID}")
    assert IMG in text and LINK in text and SCRIPT in text
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in text  # entities in a text file are characters, not tags
    assert RICH in text and "[31mred" in text
    shoot(page, "hostile-cable")
    _assert_inert(page)
