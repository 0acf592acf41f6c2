"""The two seed articles, field by field, as read from the seeds themselves."""
from __future__ import annotations

import pytest

from prolifwatch.article import parse_article
from prolifwatch.formats import read_file
from prolifwatch.model import Article, RawDocument, Source
from tests.conftest import SEED_ARTICLE_ASIANEWS, SEED_ARTICLE_WAPO


def _article(path) -> Article:
    [raw] = list(read_file(str(path)))
    assert isinstance(raw, RawDocument), raw
    assert raw.kind == "article" and raw.source.format == "article-text"
    return parse_article(raw)


def test_washington_post_seed_header_fields():
    art = _article(SEED_ARTICLE_WAPO)
    assert art.title == "U.S. asked China to stop missile parts shipment to Iran"
    assert art.published == "2010-11-29"  # "Monday, November 29, 2010"
    assert art.author == "John Pomfret"  # "- John Pomfret"
    assert art.publisher == "The Washington Post Company"  # "© 2010 The Washington Post Company"
    assert art.dateline is None  # the story has no dateline
    assert art.id.startswith("article-")


def test_washington_post_seed_story_paragraphs():
    art = _article(SEED_ARTICLE_WAPO)
    # Ten story paragraphs; the second headline, the byline and the copyright are not story.
    starts = [p.text[:40] for p in art.paragraphs]
    assert starts[0].startswith("The United States asked China in 2007")
    assert art.paragraphs[5].text.startswith("According to a cable dated Nov. 3, 2007, and signed by")
    assert art.paragraphs[-1].text.startswith("In that cable, in May, Clinton said")
    assert len(art.paragraphs) == 9
    assert not any("Pomfret" in p.text or "©" in p.text for p in art.paragraphs)
    assert not any(p.text == "U.S. asked China to keep missile parts from Iran" for p in art.paragraphs)


def test_asianews_seed_header_fields():
    art = _article(SEED_ARTICLE_ASIANEWS)
    assert art.title == 'Beijing "does not want to help Pyongyang in its arms race"'
    assert art.published == "2012-06-14"  # "06/14/2012, 00.00"
    assert art.author == "Joseph Yun Li-sun"  # "by Joseph Yun Li-sun"
    assert art.publisher == "AsiaNews"  # "Seoul (AsiaNews) - ..."
    assert art.dateline == "Seoul"


def test_asianews_seed_drops_page_chrome():
    art = _article(SEED_ARTICLE_ASIANEWS)
    texts = [p.text for p in art.paragraphs]
    assert texts[0].startswith("A source in South Korea's Interior Ministry tells AsiaNews")
    assert texts[1].startswith("Seoul (AsiaNews) - The Chinese government")
    assert texts[-1].startswith("After that, the United States and South Korea cut off humanitarian aid")
    assert len(texts) == 8
    joined = "\n".join(texts)
    for chrome in ("Send to a friend", "See also", "Newsletter", "Subscribe", "Giovanni Paolo II", "KOREA - CHINA"):
        assert chrome not in joined


@pytest.mark.parametrize("path", [SEED_ARTICLE_WAPO, SEED_ARTICLE_ASIANEWS], ids=["wapo", "asianews"])
def test_paragraph_offsets_point_into_the_document_text(path):
    art = _article(path)
    for i, para in enumerate(art.paragraphs):
        assert para.index == i
        assert art.text[para.start : para.end] == para.text


def test_same_story_as_html_gets_the_same_id():
    wapo = _article(SEED_ARTICLE_WAPO)
    paragraphs = "".join(f"<p>{p.text}</p>\n" for p in wapo.paragraphs)
    page = (
        "<!DOCTYPE html><html><head><title>x</title>"
        '<meta property="og:site_name" content="The Washington Post">'
        '<meta property="article:published_time" content="2010-11-29T00:00:00Z">'
        '<meta name="author" content="John Pomfret"></head><body>'
        "<nav><p>Home World Politics and a menu line long enough to look like prose to a naive reader of pages</p></nav>"
        f"<article><h1>{wapo.title}</h1>{paragraphs}</article>"
        "<footer><p>© 2010 The Washington Post Company</p></footer><script>alert(1)</script></body></html>"
    ).encode()
    from prolifwatch.formats import read_bytes

    [raw] = list(read_bytes(page, "page.html"))
    assert raw.source.format == "article-html"
    art = parse_article(raw)
    assert art.title == wapo.title
    assert art.published == "2010-11-29"
    assert art.author == "John Pomfret"
    assert art.publisher == "The Washington Post"
    assert [p.text for p in art.paragraphs] == [p.text for p in wapo.paragraphs]
    assert art.id == wapo.id


def test_text_that_is_not_an_article_is_refused():
    raw = RawDocument(text="shopping list\neggs\nmilk\n", source=Source("list.txt", "article-text", "0"), kind="article")
    from prolifwatch.formats import read_bytes
    from prolifwatch.formats.errors import FormatError

    with pytest.raises(FormatError):
        list(read_bytes(raw.text.encode(), "list.txt"))
