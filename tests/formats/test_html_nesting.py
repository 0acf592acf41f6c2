"""Deeply nested HTML is refused in linear time, with one line naming the file; the run goes on.

Before the nesting check, lexbor took 235 s over 200,000 nested <div> and
124 s over 50,000 unclosed <pre> (its tree builder walks the open elements at
each tag).  The check counts the depth lexbor would build without building it.
"""
from __future__ import annotations

import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from prolifwatch.formats import ReadError, article, read_paths
from prolifwatch.formats.html_depth import MAX_HTML_NESTING, nesting_depth
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS

_PROSE = "<p>" + "The shipment of aluminium tubes was stopped at the port by customs officers. " * 3 + "</p>"


def _page(opening: str, count: int, closing: str = "") -> bytes:
    return f"<!doctype html><html><body>{opening * count}{_PROSE}{closing * count}</body></html>".encode()


def _read_timed(tmp_path, data: bytes):
    (tmp_path / "a_deep.html").write_bytes(data)
    (tmp_path / "b_cable.html").write_bytes(next((CORPUS / "wikileaks-html").rglob("*.html")).read_bytes())
    started = time.perf_counter()
    items = list(read_paths([tmp_path]))
    return items, time.perf_counter() - started


def _assert_refused_and_run_goes_on(items, seconds):
    errors = [i for i in items if isinstance(i, ReadError)]
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert len(errors) == 1 and os.path.basename(errors[0].path) == "a_deep.html"
    assert f"nested more than {MAX_HTML_NESTING:,} elements deep" in errors[0].reason
    assert "\n" not in str(errors[0]) and str(errors[0]).startswith(errors[0].path)
    assert [os.path.basename(d.source.path) for d in docs] == ["b_cable.html"]
    assert seconds < 5


def test_200000_nested_divs_are_refused_in_well_under_five_seconds(tmp_path):
    items, seconds = _read_timed(tmp_path, _page("<div>", 200_000, "</div>"))
    _assert_refused_and_run_goes_on(items, seconds)


def test_50000_unclosed_pre_are_refused(tmp_path):
    items, seconds = _read_timed(tmp_path, _page("<pre>", 50_000))
    _assert_refused_and_run_goes_on(items, seconds)


def test_unclosed_formatting_reopened_by_the_builder_counts_as_depth():
    # <b id=N> left open: the builder reopens each in every new paragraph.
    page = "<body>" + "".join(f"<p><b id={i}>x" for i in range(1500))
    assert nesting_depth(page.encode()) > MAX_HTML_NESTING


def test_tags_hidden_in_scripts_comments_and_attributes_are_not_counted():
    noise = "<script>var s = '" + "<div>" * 3000 + "';</script><!-- " + "<div>" * 3000 + " -->"
    noise += '<span title="' + "<div>" * 3000 + '">x</span>'
    assert nesting_depth(f"<body>{noise}{_PROSE}".encode()) < 5


def test_a_page_within_a_lower_limit_is_read_and_beyond_it_refused(tmp_path):
    path = tmp_path / "nested.html"
    path.write_bytes(_page("<div>", 60, "</div>"))
    assert list(article.read_html(path.read_bytes(), str(path), "0" * 64))
    try:
        list(article.read_html(path.read_bytes(), str(path), "0" * 64, max_nesting=50))
    except Exception as exc:  # FormatError: read_paths turns it into the file's ReadError
        assert "more than 50 elements deep" in str(exc)
    else:
        raise AssertionError("a 60-deep page passed a limit of 50")


def test_every_real_page_is_far_below_the_limit():
    pages = sorted(CORPUS.rglob("*.html"))
    assert len(pages) > 150
    assert max(nesting_depth(p.read_bytes(), 10**9) for p in pages) < 30


def _lexbor_depth(page: str) -> int:
    """Elements on the longest path from <html> down, less <html> and <body>."""
    deepest, stack = 0, [(LexborHTMLParser(page).root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            if child.tag and not child.tag.startswith("-"):  # -text, -comment, processing instructions
                stack.append((child, depth + 1))
            child = child.next
    return deepest - 2


_TAG_NAMES = (
    "div p span b i a font nobr li ul ol dd dt table td th tr tbody thead caption colgroup col pre h1 h2 "
    "button select option form template object svg g desc foreignObject title math mi mo mglyph "
    "annotation-xml style script textarea x br img"
).split()
_ATTRIBUTES = ("", " id=1", " color=red", ' encoding="text/html"', " a='>'", ' b="x"', " c=d/")
_token = st.one_of(
    st.builds(lambda t, a, slash: f"<{t}{a}{'/' if slash else ''}>", st.sampled_from(_TAG_NAMES),
              st.sampled_from(_ATTRIBUTES), st.booleans()),
    st.builds(lambda t: f"</{t}>", st.sampled_from(_TAG_NAMES)),
    st.sampled_from(["x", " ", "<!-- c -->", "<!x>", "</>", "<?p>"]),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_token, min_size=1, max_size=300))
def test_the_count_is_never_shallower_than_what_lexbor_builds(tokens):
    page = "".join(tokens)
    # +1: a void or self-closed element is a level of the tree, not of the open elements.
    assert _lexbor_depth(page) <= nesting_depth(page.encode(), 10**9) + 1
