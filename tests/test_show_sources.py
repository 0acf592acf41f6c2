"""``show ID --sources``: each source of a cable and how it differs, end to end on real files.

scraped-text/09ULAANBAATAR234.txt is the redacted copy of the cable ("xxxxx"
for names); scraped-text/09CHISINAU694.txt is the same cable unredacted: its
¶4 opens "(S) VFM Kim said the DPRK is spending too much on weapons" where the
redacted copy has "(S)xxxxx said the DPRK is not a threat".
"""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from tests.conftest import CORPUS

REDACTED = CORPUS / "scraped-text" / "09ULAANBAATAR234.txt"
UNREDACTED = CORPUS / "scraped-text" / "09CHISINAU694.txt"
BEIJING_PAGE = CORPUS / "wikileaks-html" / "2008" / "03" / "08BEIJING1141.html"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("show-sources")
    copy = root / "copy" / "08BEIJING1141.html"
    copy.parent.mkdir()
    shutil.copy(BEIJING_PAGE, copy)
    path = str(root / "store.sqlite")
    result = CliRunner().invoke(app, ["ingest", str(REDACTED), str(UNREDACTED), str(BEIJING_PAGE), str(copy),
                                      "--db", path, "--no-extract", "--no-resolve", "--workers", "1"])
    assert result.exit_code == 0, result.output
    return path


def _show(db, *args) -> str:
    result = CliRunner().invoke(app, ["show", *args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sources_lists_each_file_and_the_paragraphs_the_redaction_changed(db):
    out = _show(db, "09ULAANBAATAR234", "--sources")
    section = out[out.index("\nsources (2)"):]
    assert str(REDACTED) in section and str(UNREDACTED) in section
    assert section.count("[kept record]") == 1
    assert "text sha256" in section
    assert "text differs: 10 paragraphs differ" in section
    para4 = section[section.index("¶4. differs"):section.index("¶6. differs")]
    assert "(S)xxxxx" in para4 and "(S) VFM Kim said the DPRK is spending too much on weapons" in para4
    # ¶5 and ¶8 differ only in ' against ’: not a difference of wording.
    assert "¶5. differs" not in section and "¶8. differs" not in section


def test_the_same_file_twice_shows_no_difference(db):
    out = _show(db, "08BEIJING1141", "--sources")
    assert "same text as the kept record; same fields" in out
    assert "differs" not in out[out.index("\nsources (2)"):]


def test_json_carries_the_versions_only_when_asked(db):
    plain = json.loads(_show(db, "09ULAANBAATAR234", "--json"))
    assert "versions" not in plain
    record = json.loads(_show(db, "09ULAANBAATAR234", "--json", "--sources"))
    assert {k: v for k, v in record.items() if k != "versions"} == plain
    kept, other = sorted(record["versions"], key=lambda e: not e["kept"])
    assert kept["kept"] and "paragraphs" not in kept
    assert [s["path"] for s in record["sources"]] == [e["path"] for e in record["versions"]]
    assert other["same_text"] is False
    assert [p["number"] for p in other["paragraphs"]][3] == "¶4."
    assert all(len(e["text_sha256"]) == 64 for e in record["versions"])
