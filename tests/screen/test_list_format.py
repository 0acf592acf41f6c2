"""`lists load` tells a list's format from its content; --format stays as an override."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.knowledge.lists import ListFormatError
from prolifwatch.screen.list_format import detect_list_format
from tests.screen.conftest import FTM_JSON, LISTS, OFAC_ALT, OFAC_CSV, OFAC_XML, UN_XML


@pytest.mark.parametrize(("path", "expected"), [(UN_XML, "un"), (OFAC_XML, "ofac"), (OFAC_CSV, "ofac"),
                                                (FTM_JSON, "ftm")])
def test_each_fixture_list_is_told_by_its_content(path, expected):
    assert detect_list_format(path) == expected


def test_a_file_in_no_known_format_names_the_file_and_the_formats(tmp_path):
    with pytest.raises(ListFormatError) as raised:
        detect_list_format(LISTS / "README.md")
    message = str(raised.value)
    assert "README.md" in message and "un (" in message and "ofac (" in message and "ftm (" in message
    other = tmp_path / "feed.xml"
    other.write_text('<?xml version="1.0"?>\n<!-- a feed -->\n<rss><channel/></rss>\n')
    with pytest.raises(ListFormatError, match=r"feed\.xml: an XML file whose root element <rss>"):
        detect_list_format(other)


def test_ofac_alt_csv_is_named_as_the_companion_it_is():
    with pytest.raises(ListFormatError, match="ALT.CSV.*--aliases"):
        detect_list_format(OFAC_ALT)


def test_lists_load_without_format(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "store.sqlite")
    for path, name in ((UN_XML, "un"), (OFAC_XML, "ofac"), (FTM_JSON, "ftm")):
        result = runner.invoke(app, ["lists", "load", str(path), "--db", db])
        assert result.exit_code == 0, result.output
        assert f"into list '{name}'" in result.stdout
    refused = runner.invoke(app, ["lists", "load", str(LISTS / "README.md"), "--db", db])
    assert refused.exit_code == 2 and "README.md" in refused.stderr and "formats known" in refused.stderr
    forced = runner.invoke(app, ["lists", "load", str(OFAC_XML), "--format", "un", "--db", db])
    assert forced.exit_code == 2 and "not a UN consolidated list" in forced.stderr
