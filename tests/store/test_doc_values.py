"""Column copies of document fields: saved by the writer, trusted only while current."""
from __future__ import annotations

import numpy as np

from prolifwatch.model import Cable, Paragraph, Source
from prolifwatch.store import doc_dates, doc_values, open_store


def _cable(doc_id: str, *, origin: str, classification: str, created: str, tags: list[str]) -> Cable:
    body = f"{doc_id} body"
    return Cable(
        id=doc_id, subject="s", created=created, origin=origin, classification=classification, tags=tags,
        text=body, paragraphs=[Paragraph(0, body, 0, len(body))],
        sources=[Source(f"{doc_id}.txt", "plain-cable-text", doc_id.ljust(64, "0"))],
    )


def _store(path):
    store = open_store(path)
    with store.batch():
        store.put(_cable("09BEIJING724", origin="Embassy Beijing", classification="SECRET//NOFORN",
                         created="2009-03-20T08:40:00", tags=["PARM", "CH"]))
        store.put(_cable("05BRASILIA295", origin="Embassy Brasilia", classification="CONFIDENTIAL",
                         created="2005-02-01T19:07:00", tags=["KNNP"]))
    return store


def test_the_writer_saves_a_current_copy_after_a_batch(tmp_path):
    with _store(tmp_path / "s.sqlite") as store:
        saved = store.db.execute("SELECT generation FROM doc_values").fetchone()[0]
        assert saved == doc_values.generation(store.db) == 2
        loaded, built = doc_values.load(store.db), doc_values.build(store.db)
        assert loaded.vocab == built.vocab
        for dates in ("date_first", "date_last", "date_precision"):
            assert np.array_equal(getattr(loaded, dates), getattr(built, dates))
        assert np.array_equal(loaded.codes["origin"], built.codes["origin"])


def test_a_change_outside_a_batch_makes_the_saved_copy_stale(tmp_path):
    with _store(tmp_path / "s.sqlite") as store:
        store.put(_cable("07STATE159388", origin="Secretary of State", classification="SECRET",
                         created="2007-11-22T00:12:00", tags=["PARM"]))
        values = store.doc_values()
        assert values.generation == 3
        everyone = np.flatnonzero(values.present)
        assert values.counts("tag", everyone) == {"PARM": 2, "CH": 1, "KNNP": 1}


def test_filters_follow_sqlite_comparisons(tmp_path):
    with _store(tmp_path / "s.sqlite") as store:
        values = store.doc_values()

        def ids(mask):
            pks = np.flatnonzero(mask & values.present).tolist()
            return sorted(store.db.execute(
                f"SELECT id FROM documents WHERE pk IN ({','.join('?' * len(pks))})", pks).fetchall())

        assert ids(values.origin_is("EMBASSY beijing")) == [("09BEIJING724",)]  # NOCASE
        assert ids(values.classification_starts("secret")) == [("09BEIJING724",)]  # LIKE 'SECRET%'
        march_20 = doc_dates.parse_bound("2009-03-20")[0]
        assert ids(values.dated_from(march_20)) == [("09BEIJING724",)]  # 2009-03-20T08:40 is on that day
        assert ids(values.dated_until(march_20 - 1)) == [("05BRASILIA295",)]
        assert ids(values.has_tag("KNNP")) == [("05BRASILIA295",)]
        assert ids(values.has_tag("NONE")) == []
        assert values.counts("year", np.flatnonzero(values.present)) == {"2005": 1, "2009": 1}
