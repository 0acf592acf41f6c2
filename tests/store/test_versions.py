"""Versions across sources: what each file said when one cable is read from several.

The expected differences were read in the files themselves:
- ``scraped-text/09ULAANBAATAR234.txt`` is the redacted copy of the cable
  (names replaced by "xxxxx"); ``scraped-text/09CHISINAU694.txt`` holds the
  same cable, 09ULAANBAATAR234, unredacted.  "xxxxx" stands in ¶1-4, 6, 7 and
  9-12 of the redacted copy; ¶5 and ¶8 read the same but for ' against ’.
- The two WikiLeaks pages of 72TEHRAN1164 (``wikileaks-html/`` from a mirror,
  ``wikileaks-html-1960s-70s/test-set/`` the later site) carry the same cable
  text; its cables.csv row has the same text but for the ¶ signs, commas
  between the TAGS and trailing spaces.
- The seed ``003_...txt`` (WikiLeaks page as text) and
  ``wikileaks-html/2007/11/07STATE159388.html`` differ only by a blank line
  and the ¶ before paragraphs 1, 5 and 6.
"""
from __future__ import annotations

import copy
import json
import shutil
import sqlite3

import pytest

from prolifwatch.model import Source
from prolifwatch.pipeline import ingest, parse_paths
from prolifwatch.query.context import Reader
from prolifwatch.query.versions import SourceLine, source_lines
from prolifwatch.store import open_store
from prolifwatch.store.migrations import SCHEMA_VERSION
from tests.conftest import CORPUS, SEED_CABLE_PAGE
from tests.store.old_schemas import as_schema_7

REDACTED = CORPUS / "scraped-text" / "09ULAANBAATAR234.txt"
UNREDACTED = CORPUS / "scraped-text" / "09CHISINAU694.txt"
TEHRAN_MIRROR = CORPUS / "wikileaks-html" / "1972" / "02" / "72TEHRAN1164.html"
TEHRAN_SITE = CORPUS / "wikileaks-html-1960s-70s" / "test-set" / "1972" / "02" / "72TEHRAN1164.html"
MOSCOW_UNDATED = CORPUS / "scraped-text" / "07MOSCOW5154.txt"
MOSCOW_DATED = CORPUS / "scraped-text" / "07PARIS2725.txt"
CABLES_CSV = CORPUS / "cables-csv" / "cables_sample.csv"
STATE_PAGE = CORPUS / "wikileaks-html" / "2007" / "11" / "07STATE159388.html"
BEIJING_PAGE = CORPUS / "wikileaks-html" / "2008" / "03" / "08BEIJING1141.html"


def _put(store, *paths) -> list[str]:
    return [store.put(doc) for doc in parse_paths([str(p) for p in paths])]


def _sources(store) -> list[tuple]:
    return sorted(store.db.execute("SELECT d.id, path, format, sha256, row, version FROM sources "
                                   "JOIN documents d USING (pk)"))


def _by_path(entries: list[SourceLine]) -> dict[str, SourceLine]:
    return {e.path: e for e in entries}


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "s.sqlite") as s:
        yield s


def test_a_single_source_stores_no_version(store):
    assert _put(store, BEIJING_PAGE) == ["new"]
    assert store.db.execute("SELECT version FROM sources").fetchall() == [(None,)]
    (entry,) = source_lines(Reader(store), "08BEIJING1141")
    assert entry.kept and entry.recorded
    # The kept record's text hash is the hash of the stored text.
    assert len(entry.text_sha256) == 64 and entry.same_text is None  # not compared


def test_a_redacted_and_an_unredacted_copy_differ_where_the_names_were_cut(store):
    assert _put(store, REDACTED, UNREDACTED) == ["new", "merged"]
    entries = _by_path(source_lines(Reader(store), "09ULAANBAATAR234"))
    assert [e.kept for e in entries.values()].count(True) == 1
    other = next(e for e in entries.values() if not e.kept)
    redacted_side = "source" if other.path == str(REDACTED) else "kept"
    full_side = "kept" if redacted_side == "source" else "source"
    assert other.same_text is False
    assert entries[str(REDACTED)].text_sha256 != entries[str(UNREDACTED)].text_sha256
    differing = [d.number for d in other.paragraphs]
    assert differing == ["¶1.", "¶2.", "¶3.", "¶4.", "¶6.", "¶7.", "¶9.", "¶10.", "¶11.", "¶12."]
    assert all(d.status == "differs" for d in other.paragraphs)
    para4 = other.paragraphs[3]
    assert getattr(para4, redacted_side).startswith("¶4. (S)xxxxx said the DPRK is not a threat")
    assert getattr(para4, full_side).startswith("¶4. (S) VFM Kim said the DPRK is spending too much on weapons")
    first = para4.changes[0]
    assert getattr(first, redacted_side) == "(S)xxxxx"
    assert getattr(first, full_side).startswith("(S) VFM Kim said the DPRK is spending too much on weapons")
    # The unredacted copy names the MFAT official the redacted one cut from ¶2.
    para2 = " ".join(getattr(c, full_side) for c in other.paragraphs[1].changes)
    assert "J. Sukhee" in para2


def test_a_date_one_copy_states_and_the_other_does_not(store):
    # 07PARIS2725.txt opens with "Friday, 26 October 2007, 02:25"; 07MOSCOW5154.txt
    # is the same cable without that line and states no date of its own (its
    # one date is the declassification date, 10/09/2017).  Their paragraphs
    # differ only in blank lines.
    assert _put(store, MOSCOW_UNDATED, MOSCOW_DATED) == ["new", "merged"]
    entries = _by_path(source_lines(Reader(store), "07MOSCOW5154"))
    other = next(e for e in entries.values() if not e.kept)
    assert other.same_text is False and other.paragraphs == []
    (created,) = other.fields
    dated_side = "source" if other.path == str(MOSCOW_DATED) else "kept"
    undated_side = "kept" if dated_side == "source" else "source"
    assert created.field == "created"
    assert getattr(created, dated_side) == "2007-10-26T02:25:00"
    assert not (getattr(created, undated_side) or "").startswith("2007-10-26")
    # Whatever date the undated copy gets is an estimate, and is shown as one.
    assert created.model_extra[f"{undated_side}_created_source"] in (None, "declassify-estimate", "id-year")


def test_a_csv_row_and_a_page_of_the_same_text_differ_in_layout_only(store):
    _put(store, TEHRAN_SITE, CABLES_CSV)
    row = next(e for e in source_lines(Reader(store), "72TEHRAN1164") if e.format == "cables-csv")
    assert row.row == 2 and not row.kept
    assert row.same_text is False and row.paragraphs == []
    assert row.fields == []


def test_a_page_and_its_text_copy_have_the_same_fields_and_paragraphs(store):
    _put(store, SEED_CABLE_PAGE, STATE_PAGE)
    entries = source_lines(Reader(store), "07STATE159388")
    assert len(entries) == 2 and len({e.text_sha256 for e in entries}) == 2
    other = next(e for e in entries if not e.kept)
    assert (other.same_text, other.fields, other.paragraphs) == (False, [], [])


def test_the_same_file_at_two_paths_shows_no_difference(store, tmp_path):
    copy = tmp_path / "copy" / "08BEIJING1141.html"
    copy.parent.mkdir()
    shutil.copy(BEIJING_PAGE, copy)
    assert _put(store, BEIJING_PAGE, copy) == ["new", "merged"]
    entries = source_lines(Reader(store), "08BEIJING1141")
    assert [e.path for e in entries] == [str(BEIJING_PAGE), str(copy)]
    assert [e.kept for e in entries] == [True, False]
    assert (entries[1].same_text, entries[1].fields, entries[1].paragraphs) == (True, [], [])
    # The copy's text is the kept text: its version keeps fields and hash, not the paragraphs again.
    (stored,) = [json.loads(v) for (v,) in store.db.execute("SELECT version FROM sources WHERE version IS NOT NULL")]
    assert stored["paragraphs"] is None and stored["text_sha256"] == entries[0].text_sha256


def test_the_versions_stored_do_not_depend_on_ingest_order(tmp_path):
    files = [TEHRAN_MIRROR, TEHRAN_SITE, CABLES_CSV, REDACTED, UNREDACTED]
    stored = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        with open_store(tmp_path / f"{name}.sqlite") as s:
            _put(s, *order)
            stored.append((_sources(s), sorted(map(repr, source_lines(Reader(s), "09ULAANBAATAR234")))))
    assert stored[0] == stored[1]
    assert sum(1 for r in stored[0][0] if r[5] is not None) == 3  # one loser each for 72TEHRAN1164 x2, 09ULAANBAATAR234


def test_a_version_stored_without_paragraphs_gets_them_when_another_text_wins(tmp_path):
    # The two 72TEHRAN1164 pages share one text; a third, preferred source
    # (its checksum sorts last) with one word changed ("SHAH" -> "SHAX", same
    # length, so paragraph offsets hold) makes their paragraphs worth keeping.
    mirror, site = parse_paths([str(TEHRAN_MIRROR), str(TEHRAN_SITE)])
    better = copy.deepcopy(site)
    better.text = better.text.replace("SHAH", "SHAX")
    better.sources = [Source(str(tmp_path / "better.html"), "wikileaks-html", "f" * 64)]
    stored = []
    for n, order in enumerate(([mirror, site, better], [better, mirror, site], [site, better, mirror])):
        with open_store(tmp_path / f"{n}.sqlite") as s:
            for doc in order:
                s.put(doc)
            stored.append(_sources(s))
            entries = _by_path(source_lines(Reader(s), "72TEHRAN1164"))
            assert entries[str(tmp_path / "better.html")].kept
            for path in (TEHRAN_MIRROR, TEHRAN_SITE):
                changed = entries[str(path)].paragraphs
                assert changed and all(d.status == "differs" for d in changed)
                assert {(c.kept, c.source) for d in changed for c in d.changes} >= {("SHAX", "SHAH")}
    assert stored[0] == stored[1] == stored[2]


def test_ingesting_the_same_files_again_changes_nothing(tmp_path):
    files = [str(REDACTED), str(UNREDACTED), str(TEHRAN_MIRROR), str(TEHRAN_SITE)]
    with open_store(tmp_path / "s.sqlite") as s:
        first = ingest(files, s, extract=False)
        before = _sources(s)
        second = ingest(files, s, extract=False)
        assert (first.new, first.merged) == (2, 2)
        assert (second.unchanged, second.new, second.merged) == (4, 0, 0)
        assert _sources(s) == before


def test_a_failed_merge_leaves_the_sources_as_they_were(store):
    # The WikiLeaks page is preferred to the cables.csv row, so its put first
    # keeps the row's record as a version, then fails on the unreadable
    # extraction (only a winning record's extraction is written, so the
    # KeyError also shows the page won): nothing of it may remain.
    _put(store, CABLES_CSV)
    before = _sources(store)
    (page,) = parse_paths([str(TEHRAN_SITE)])
    assert page.id == "72TEHRAN1164"
    with pytest.raises(KeyError):
        store.put(page, {"mentions": [{"type": "Person"}]})
    assert _sources(store) == before


def _as_schema_6(path) -> None:
    """Turn a store into what ProlifWatch wrote before versions existed."""
    as_schema_7(path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE sources DROP COLUMN version")
    db.execute("PRAGMA user_version=6")
    db.commit()
    db.close()


def test_a_store_written_before_versions_opens_and_keeps_its_records(tmp_path):
    path = tmp_path / "old.sqlite"
    with open_store(path) as s:
        _put(s, REDACTED, UNREDACTED)
        record = s.get("09ULAANBAATAR234").to_json(with_text=True)
        kept_path = next(e.path for e in source_lines(Reader(s), "09ULAANBAATAR234") if e.kept)
    _as_schema_6(path)
    with open_store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION == 10
        assert s.get("09ULAANBAATAR234").to_json(with_text=True) == record
        entries = source_lines(Reader(s), "09ULAANBAATAR234")
        # Which record is kept is still known (from its preference); what the
        # other file said was never stored.
        assert [e.path for e in entries if e.kept] == [kept_path]
        other = next(e for e in entries if not e.kept)
        assert other.recorded is False and other.text_sha256 is None and other.same_text is None  # not compared
        # A third source still merges, and its version is kept.
        copy = tmp_path / "copy.txt"
        shutil.copy(kept_path, copy)
        assert _put(s, copy) == ["merged"]
        third = next(e for e in source_lines(Reader(s), "09ULAANBAATAR234") if e.path == str(copy))
        assert third.recorded and third.same_text and third.fields == []


def test_every_cable_read_from_several_files_keeps_what_each_file_said(tmp_path):
    """Seeds and corpus: each source of a merged cable reports exactly the
    header fields in which its own record, parsed alone, differs from the
    kept one; sources with the same text (the two 72TEHRAN1164 pages) report
    no paragraph difference."""
    parsed: dict[str, list] = {}
    for doc in parse_paths([str(SEED_CABLE_PAGE.parent), str(CORPUS)]):
        if getattr(doc, "id", None):
            parsed.setdefault(doc.id, []).append(doc)
    merged = {doc_id: docs for doc_id, docs in parsed.items() if len(docs) > 1}
    assert len(merged) >= 29  # 819 records, 786 ids when this test was written
    fields = ("created", "origin", "classification", "tags", "references", "subject")
    with open_store(tmp_path / "s.sqlite") as s:
        for docs in merged.values():
            for doc in docs:
                s.put(doc)
        for doc_id, docs in merged.items():
            entries = source_lines(Reader(s), doc_id)
            assert len(entries) == len(docs) and [e.kept for e in entries].count(True) == 1
            record = {(d.sources[0].path, d.sources[0].row): d for d in docs}
            kept = next(record[e.path, e.row] for e in entries if e.kept)
            for entry in entries:
                if entry.kept:
                    continue
                own = record[entry.path, entry.row]
                expected = [f for f in fields if (getattr(own, f) or None) != (getattr(kept, f) or None)]
                assert [d.field for d in entry.fields] == expected, (doc_id, entry.path)
                assert entry.same_text == (own.text == kept.text)
        site = next(e for e in source_lines(Reader(s), "72TEHRAN1164") if e.path == str(TEHRAN_MIRROR))
        assert site.text_sha256 == next(
            e.text_sha256 for e in source_lines(Reader(s), "72TEHRAN1164") if e.path == str(TEHRAN_SITE))
        assert site.kept or site.paragraphs == []
