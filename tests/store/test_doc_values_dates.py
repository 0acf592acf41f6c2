"""Doc values keep each date as the interval of days it stands for, and replace copies of an older layout."""
from __future__ import annotations

import io
import sqlite3
import time

import numpy as np
import pytest

from prolifwatch.model import Article, Cable, Paragraph, Source
from prolifwatch.store import doc_dates, doc_values, open_store


def _cable(doc_id: str, created: str | None, precision: str | None = None) -> Cable:
    body = f"{doc_id} body"
    return Cable(
        id=doc_id, subject="s", created=created, created_precision=precision, origin="Embassy X",
        classification="SECRET", tags=["PARM"], text=body, paragraphs=[Paragraph(0, body, 0, len(body))],
        sources=[Source(f"{doc_id}.txt", "scraped-cable-text", doc_id.ljust(64, "0"))],
    )


# (id, created, stated precision) -> (first day, last day, precision): real ids with the
# values their files allow (see tests/query/date_store.py), and the forms a date can take
DATES = [
    ("08BRASILIA1477", "2008", "year", ("2008-01-01", "2008-12-31", "year")),
    ("08REYKJAVIK152", "2008-01-01", "year", ("2008-01-01", "2008-12-31", "year")),
    ("08BEIJING3039", "2008-08-06", "day", ("2008-08-06", "2008-08-06", "day")),
    ("08BEIJING2322", "2008-06-13T06:06:00", "day", ("2008-06-13", "2008-06-13", "day")),
    ("08BEIJING2087", "2008-05-29T10:10:00", None, ("2008-05-29", "2008-05-29", "day")),  # stored before precision
    ("75ROME1001", "1975-02", "month", ("1975-02-01", "1975-02-28", "month")),  # before 1970: negative day numbers
    ("66SAIGON100", "1966-12-01", "month", ("1966-12-01", "1966-12-31", "month")),
    ("08PARIS1", "2008-02", None, ("2008-02-01", "2008-02-29", "month")),  # as written, in a leap year
    # a coarser precision on a day that does not start its interval contradicts the date:
    # the day stands, as written (what is filtered on is what is shown)
    ("08PARIS2", "2008-03-15", "month", ("2008-03-15", "2008-03-15", "day")),
    ("08PARIS3", "2008-03-01", "year", ("2008-03-01", "2008-03-01", "day")),
    ("08PARIS4", "2008", "day", ("2008-01-01", "2008-12-31", "year")),  # never finer than written
]
UNDATED = [("08MADRID308", None, None), ("08PARIS5", "March 2008", None), ("08PARIS6", "2008-02-30", "day")]


@pytest.fixture()
def store(tmp_path):
    s = open_store(tmp_path / "s.sqlite")
    with s.batch():
        for doc_id, created, precision, *_ in DATES + UNDATED:
            s.put(_cable(doc_id, created, precision))
        text = "Seoul (AsiaNews)"
        s.put(Article(id="article-1", title="t", published="2012-06-14", publisher="AsiaNews", text=text,
                      paragraphs=[Paragraph(0, text, 0, len(text))],
                      sources=[Source("a.txt", "article-text", "f" * 64)]))
    yield s
    s.close()


def _pk(store, doc_id: str) -> int:
    return store.db.execute("SELECT pk FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]


def test_each_date_is_the_interval_of_its_precision(store):
    values = store.doc_values()
    for doc_id, _, _, (first, last, precision) in DATES:
        pk = _pk(store, doc_id)
        found = (doc_dates.day_text(int(values.date_first[pk])), doc_dates.day_text(int(values.date_last[pk])),
                 doc_dates.PRECISIONS[values.date_precision[pk] - 1])
        assert found == (first, last, precision), doc_id
    article = _pk(store, "article-1")
    assert doc_dates.day_text(int(values.date_first[article])) == "2012-06-14"


def test_a_date_that_is_not_iso_counts_as_none(store):
    values = store.doc_values()
    for doc_id, *_ in UNDATED:
        pk = _pk(store, doc_id)
        assert values.date_precision[pk] == 0
        assert not values.dated_from(-10**6)[pk] and not values.dated_until(10**6)[pk]
    everyone = np.flatnonzero(values.present)
    # day: five cables and the article
    assert values.counts("date_precision", everyone) == {"day": 6, "month": 3, "year": 3, None: 3}
    assert values.counts("year", everyone) == {"1966": 1, "1975": 1, "2008": 9, "2012": 1, None: 3}


def test_the_saved_copy_equals_a_fresh_build(store):
    loaded, built = doc_values.load(store.db), doc_values.build(store.db)
    for name in ("date_first", "date_last", "date_precision", "present"):
        assert np.array_equal(getattr(loaded, name), getattr(built, name))


def _save_in_the_first_layout(db, values) -> None:
    """What ProlifWatch saved before dates had intervals: a rank into a vocabulary of date strings."""
    dates = [r[0] for r in db.execute("SELECT date FROM documents ORDER BY pk")]
    vocab = sorted({d for d in dates if d})
    rank = np.full(len(values.present), -1, dtype=np.int32)
    for pk, date in db.execute("SELECT pk, date FROM documents"):
        rank[pk] = vocab.index(date) if date else -1
    arrays = {"present": values.present, "date_rank": rank, "tag_pk": values.tag_pk, "tag_code": values.tag_code,
              "vocab_date": np.array(vocab, dtype=str)}
    arrays.update({f"code_{n}": values.codes[n] for n in doc_values.FIELDS})
    arrays.update({f"vocab_{n}": np.array(values.vocab[n], dtype=str) for n in (*doc_values.FIELDS, "tag")})
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    db.execute("UPDATE doc_values SET data = ? WHERE name = 'documents'", (buffer.getvalue(),))


def _saved_format(db) -> int | None:
    with np.load(io.BytesIO(db.execute("SELECT data FROM doc_values").fetchone()[0])) as data:
        return int(data["format"]) if "format" in data.files else None


def test_a_copy_saved_in_an_older_layout_is_rebuilt_and_replaced(store):
    _save_in_the_first_layout(store.db, store.doc_values())
    generation = doc_values.generation(store.db)
    assert _saved_format(store.db) is None
    # its generation is current, so only its layout tells it apart
    with open_store(store.path) as reader:
        values = reader.doc_values()
        pk = _pk(reader, "08BRASILIA1477")
        assert doc_dates.day_text(int(values.date_last[pk])) == "2008-12-31"
    assert _saved_format(store.db) == doc_values.FORMAT
    assert store.db.execute("SELECT generation FROM doc_values").fetchone()[0] == generation


def test_a_reader_does_not_wait_for_the_writer_to_replace_an_old_copy(store):
    _save_in_the_first_layout(store.db, store.doc_values())
    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an ingest holds the write lock
    try:
        with open_store(store.path) as reader:
            started = time.monotonic()
            values = reader.doc_values()
            assert time.monotonic() - started < 2  # the busy timeout is 5 s
            assert values.date_precision[_pk(reader, "08BRASILIA1477")] == 1  # year, rebuilt in memory
            assert not reader.db.in_transaction
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert _saved_format(store.db) is None  # left for a reader that can take the lock
