"""The entities step's tally of mention keys, read in consecutive row ranges
(as worker processes read it) and joined, equals one pass over all rows."""
import sqlite3

import pytest

from prolifwatch.store.entities import key_records, mention_row_ranges, read_key_records, tally_keys


@pytest.fixture(scope="module")
def db(corpus_db):
    connection = sqlite3.connect(corpus_db)
    yield connection
    connection.close()


def _as_rows(records):
    return [(r.key, r.type, list(r.forms.items()), r.mentions, r.documents) for r in records]


@pytest.mark.parametrize("parts", [2, 7, 1000])
def test_ranges_joined_equal_one_pass(db, parts):
    ranges = mention_row_ranges(db, parts)
    assert 1 < len(ranges) <= parts
    assert (ranges[0][0], ranges[-1][1]) == db.execute("SELECT MIN(rowid), MAX(rowid) FROM mentions").fetchone()
    assert all(a[1] + 1 == b[0] for a, b in zip(ranges, ranges[1:]))  # consecutive, no row twice
    # (forms compared in order: the commonest form's ties are broken by first appearance)
    assert _as_rows(key_records(tally_keys(db, rows) for rows in ranges)) == _as_rows(read_key_records(db))


def test_a_document_cut_between_two_ranges_counts_once(db):
    # the rows of the document with most mentions of one key, cut in the middle of that run
    key, pk = db.execute("SELECT key, pk FROM mentions WHERE key IS NOT NULL AND type NOT IN ('Quantity', 'Date') "
                         "GROUP BY key, pk ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    rows = [r for (r,) in db.execute("SELECT rowid FROM mentions WHERE key = ? AND pk = ? ORDER BY rowid", (key, pk))]
    assert len(rows) >= 4
    last = db.execute("SELECT MAX(rowid) FROM mentions").fetchone()[0]
    cut = rows[len(rows) // 2]
    parts = [tally_keys(db, (1, cut - 1)), tally_keys(db, (cut, last))]
    assert parts[0][key].last_pk == parts[1][key].first_pk == pk
    joined = {r.key: r for r in key_records(parts)}
    whole = {r.key: r for r in read_key_records(db)}
    assert joined[key].documents == whole[key].documents == sum(p[key].documents for p in parts) - 1
