"""The SQLite store: migrations, idempotent and atomic puts, merging, round trips."""
from __future__ import annotations

import sqlite3

import pytest

from prolifwatch.model import Article, Cable, Paragraph, Source
from prolifwatch.store import StoreVersionError, open_store
from prolifwatch.store.migrations import SCHEMA_VERSION

TEXT = (
    "S E C R E T BEIJING 000724\n\nSUBJECT: CHINA URGED TO HALT LIMMT'S CONTINUED\n"
    "PROLIFERATION TO IRAN'S MISSILE PROGRAM\n\n"
    "1. (S) PolOff highlighted the potential supply of the 3GFF-700 cold flow\nforming machine.\n"
    "2. (C) Sun said sanctions were not conducive.\nPICCUTA"
)


def _cable(source_path="a.txt", fmt="plain-cable-text", sha="1" * 64, *, with_header=True) -> Cable:
    p1_start = TEXT.index("1. (S)")
    p1_end = TEXT.index("machine.") + len("machine.")
    p2_start = TEXT.index("2. (C)")
    p2_end = TEXT.index("conducive.") + len("conducive.")
    return Cable(
        id="09BEIJING724",
        subject="CHINA URGED TO HALT LIMMT'S CONTINUED PROLIFERATION TO IRAN'S MISSILE PROGRAM",
        created="2009-03-20T08:40:00",
        origin="Embassy Beijing",
        classification="SECRET",
        tags=["PARM", "MTCRE", "CH", "IR"],
        references=["09STATE25689"],
        dtg="200840Z MAR 09" if with_header else None,
        from_="AMEMBASSY BEIJING" if with_header else None,
        paragraphs=[
            Paragraph(0, TEXT[p1_start:p1_end], p1_start, p1_end, "1.", "(S)", "SECRET", []),
            Paragraph(1, TEXT[p2_start:p2_end], p2_start, p2_end, "2.", "(C)", "CONFIDENTIAL", []),
        ],
        sources=[Source(source_path, fmt, sha)],
        text=TEXT,
    )


def _dump(store) -> dict[str, list]:
    tables = ["documents", "document_tags", "sources", "paragraphs"]
    return {t: sorted(map(repr, store.db.execute(f"SELECT * FROM {t}"))) for t in tables}


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "s.sqlite") as s:
        yield s


def test_new_store_is_migrated_and_in_wal_mode(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreVersionError, match="Upgrade ProlifWatch"):
        open_store(path)


def test_reopening_keeps_the_data(tmp_path):
    with open_store(tmp_path / "s.sqlite") as s:
        s.put(_cable())
    with open_store(f"sqlite:///{tmp_path / 's.sqlite'}") as s:
        assert s.get("09BEIJING724").subject.startswith("CHINA URGED")


def test_postgres_urls_are_not_supported_yet(tmp_path):
    with pytest.raises(NotImplementedError):
        open_store("postgresql://localhost/prolifwatch")


def test_put_then_get_round_trips_the_record(store):
    cable = _cable()
    assert store.put(cable) == "new"
    back = store.get("09BEIJING724")
    assert back.to_json(with_text=True) == cable.to_json(with_text=True)
    assert back.paragraphs[0].text.startswith("1. (S) PolOff highlighted")


def test_article_round_trip(store):
    text = "Title\n\nSeoul (AsiaNews) - A story about the Harmony Wish."
    start = text.index("Seoul")
    art = Article(
        id="article-0123456789abcdef", title="Title", published="2012-06-14", publisher="AsiaNews",
        dateline="Seoul", paragraphs=[Paragraph(0, text[start:], start, len(text))],
        sources=[Source("a.txt", "article-text", "2" * 64)], text=text,
    )
    assert store.put(art) == "new"
    assert store.get(art.id).to_json(with_text=True) == art.to_json(with_text=True)


def test_second_put_of_the_same_source_changes_nothing(store):
    store.put(_cable())
    before = _dump(store)
    assert store.put(_cable()) == "unchanged"
    assert _dump(store) == before


def test_a_second_source_is_merged_and_listed(store):
    store.put(_cable("a.html", "wikileaks-html", "a" * 64))
    assert store.put(_cable("b.txt", "scraped-cable-text", "b" * 64, with_header=False)) == "merged"
    doc = store.get("09BEIJING724")
    assert [s.path for s in doc.sources] == ["a.html", "b.txt"]
    assert store.stats()["documents"] == 1


def test_the_kept_record_does_not_depend_on_ingest_order(tmp_path):
    full = _cable("a.html", "wikileaks-html", "a" * 64)
    body_only = _cable("b.txt", "scraped-cable-text", "b" * 64, with_header=False)
    kept = []
    for order in ([full, body_only], [body_only, full]):
        with open_store(tmp_path / f"{len(kept)}.sqlite") as s:
            for doc in order:
                s.put(doc)
            record = s.get("09BEIJING724")
            kept.append((record.dtg, record.from_, sorted(x.path for x in record.sources)))
    assert kept[0] == kept[1] == ("200840Z MAR 09", "AMEMBASSY BEIJING", ["a.html", "b.txt"])


def test_a_failure_mid_document_leaves_no_trace(store, monkeypatch):
    store.put(_cable("a.txt", sha="a" * 64))
    before = _dump(store)
    other = _cable("c.txt", sha="c" * 64)
    other.id = "09BEIJING725"
    # A paragraph row that repeats an index violates the paragraphs primary key
    # after the document row has been written.
    other.paragraphs.append(other.paragraphs[0])
    with pytest.raises(sqlite3.IntegrityError):
        store.put(other)
    assert _dump(store) == before
    with store.batch():
        with pytest.raises(sqlite3.IntegrityError):
            store.put(other)
        other.paragraphs.pop()
        assert store.put(other) == "new"
    assert store.get("09BEIJING725") is not None


def test_stats(store):
    store.put(_cable())
    figures = store.stats()
    assert figures["documents"] == 1
    assert figures["by classification"] == {"SECRET": 1}
    assert figures["sources by layout"] == {"plain-cable-text": 1}
    assert figures["paragraphs"] == 2


def test_stats_count_how_dates_are_known_and_name_what_is_missing(store):
    read = _cable()
    read.created_source, read.created_precision = "dtg", "day"  # "IMMEDIATE 200840Z MAR 09"
    store.put(read)
    estimated = _cable("b.txt", sha="2" * 64)
    estimated.id, estimated.created, estimated.classification = "09BEIJING725", "2009", None
    estimated.created_source, estimated.created_precision = "id-year", "year"
    store.put(estimated)
    undated = _cable("c.txt", sha="3" * 64)
    undated.id, undated.created, undated.origin = "09BEIJING726", None, None
    store.put(undated)
    figures = store.stats()
    assert figures["dates by source"] == {"dtg": 1, "id-year": 1, "(undated)": 1}
    assert figures["by classification"] == {"SECRET": 2, "(unknown)": 1}
    assert figures["top origins"] == {"Embassy Beijing": 2, "(unknown)": 1}


def _indexed(store, word: str) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT d.id FROM documents_fts f JOIN documents d ON d.pk = f.rowid WHERE documents_fts MATCH ?", (word,))]


def test_index_writes_of_a_failed_document_are_dropped_with_it(store):
    bad = _cable("c.txt", sha="c" * 64)
    bad.id = "09BEIJING725"
    unreadable = {"mentions": [{"type": "Person"}]}  # fails after the document and its index entry are written
    better = _cable("d.html", "wikileaks-html", "d" * 64)
    better.text = better.text.replace("cold flow", "hot flow")
    with store.batch():
        store.put(_cable("a.txt", sha="a" * 64))
        with pytest.raises(KeyError):
            store.put(bad, unreadable)
        assert store.put(better) == "merged"  # the fuller layout replaces the record and its index entry
    assert _indexed(store, "forming") == ["09BEIJING724"]
    assert _indexed(store, "hot") == ["09BEIJING724"]
    assert _indexed(store, "cold") == []
    indexed = {r[0] for r in store.db.execute("SELECT id FROM documents_fts_docsize")}
    assert indexed == {r[0] for r in store.db.execute("SELECT pk FROM documents")}
