"""Column copies of the small document fields, for filters and facet counts.

Counting facets with SQL over a large matching set means one row lookup per
matching document (60,000 lookups for "missile" in a 250,000-cable store,
about a third of a second).  Here the fields are arrays indexed by document pk,
with each value coded against a sorted vocabulary, so a facet is one
``bincount`` over the matching pks and a filter one comparison.

The arrays are derived data: ``documents`` carries a generation counter that
triggers raise on every insert, update and delete (schema V6), and a saved copy
is used only while its generation is current.  The writer saves a fresh copy
after each ingest batch; a reader that finds it stale rebuilds it in memory.
A saved copy also records the layout of its arrays (``FORMAT``): one written
by an older ProlifWatch is rebuilt, as if stale, and saved again by the first
reader that can take the write lock at once (the writer replaces only copies
whose generation is stale).

Dates are intervals of days (``doc_dates``): a document dated "2008" with
precision "year" spans 2008-01-01..2008-12-31.  A date filter keeps the
documents whose interval overlaps the filter's; an undated document never
passes one.
"""
from __future__ import annotations

import io
import sqlite3
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import doc_dates

FIELDS = ("kind", "classification", "origin")
# The layout of the saved arrays; raise it whenever it changes (1: a date rank
# against a vocabulary of date strings; 2: date intervals and precisions).
FORMAT = 2
# Day numbers of a document without a date: past any day a user can type, so
# no range typed reaches them (search still masks them out by precision 0).
NO_FIRST, NO_LAST = np.iinfo(np.int32).max, np.iinfo(np.int32).min


@dataclass
class DocValues:
    generation: int
    present: np.ndarray          # bool per pk: a document has this pk
    codes: dict[str, np.ndarray]  # field -> int32 code per pk, -1 for NULL
    vocab: dict[str, list[str]]  # field -> sorted distinct values
    date_first: np.ndarray       # int32 per pk: first day of its date's interval (NO_FIRST without a date)
    date_last: np.ndarray        # int32 per pk: last day of it (NO_LAST without a date)
    date_precision: np.ndarray   # int8 per pk: 0 no date, else 1 + index in doc_dates.PRECISIONS
    tag_pk: np.ndarray           # one entry per (document, tag) row: its pk ...
    tag_code: np.ndarray         # ... and its tag's code in vocab["tag"]

    # -- filters (each returns a bool mask over pks) --------------------------
    def _field_mask(self, name: str, accept) -> np.ndarray:
        wanted = [i for i, value in enumerate(self.vocab[name]) if accept(value)]
        return np.isin(self.codes[name], wanted)

    def kind_is(self, kind: str) -> np.ndarray:
        return self._field_mask("kind", lambda v: v == kind)

    def origin_is(self, origin: str) -> np.ndarray:
        # as SQLite's NOCASE: ASCII letters fold, nothing else
        folded = _ascii_lower(origin)
        return self._field_mask("origin", lambda v: _ascii_lower(v) == folded)

    def classification_starts(self, prefix: str) -> np.ndarray:
        # as SQLite's LIKE 'prefix%': ASCII case-insensitive
        folded = _ascii_lower(prefix)
        return self._field_mask("classification", lambda v: _ascii_lower(v).startswith(folded))

    def has_tag(self, tag: str) -> np.ndarray:
        mask = np.zeros(len(self.present), dtype=bool)
        vocab = self.vocab["tag"]
        i = bisect_left(vocab, tag)
        if i < len(vocab) and vocab[i] == tag:
            mask[self.tag_pk[self.tag_code == i]] = True
        return mask

    def dated_from(self, first_day: int) -> np.ndarray:
        """The date's interval reaches ``first_day`` or later (overlaps [first_day, ...))."""
        return self.date_last >= first_day

    def dated_until(self, last_day: int) -> np.ndarray:
        """The date's interval starts on ``last_day`` or earlier."""
        return self.date_first <= last_day

    def dated_within(self, first_day: int, last_day: int) -> np.ndarray:
        """The whole interval lies in [first_day, last_day]: the document surely matches."""
        return (self.date_first >= first_day) & (self.date_last <= last_day)

    @property
    def dated(self) -> np.ndarray:
        return self.date_precision > 0

    def newest_key(self, pks: np.ndarray) -> np.ndarray:
        """A key for "newest first" agreeing with SQL's ``ORDER BY date DESC``:
        the interval's first day is never lower for a greater date string, and
        an undated document (NULL, last in SQL) is the lowest."""
        return np.where(self.date_precision[pks] > 0, self.date_first[pks], NO_LAST)

    # -- counting -------------------------------------------------------------
    def counts(self, name: str, pks: np.ndarray) -> dict[str | None, int]:
        """How many of ``pks`` have each value of a field; under None, how many
        have none (no tag at all for "tag"), left out when there are none.
        "year" is the year the date's interval starts in; "date_precision"
        counts day, month and year."""
        if name == "tag":
            selected = np.zeros(len(self.present), dtype=bool)
            selected[pks] = True
            codes, vocab = self.tag_code[selected[self.tag_pk]], self.vocab["tag"]
            without = len(pks) - int(np.count_nonzero(self._tagged[pks]))
        else:
            if name == "year":
                vocab, of_pk = self._year_index
                codes = of_pk[pks]
            elif name == "date_precision":
                vocab, codes = list(doc_dates.PRECISIONS), self.date_precision[pks].astype(np.int32) - 1
            else:
                codes, vocab = self.codes[name][pks], self.vocab[name]
            without = int(np.count_nonzero(codes < 0))
        tally = np.bincount(codes[codes >= 0], minlength=len(vocab))
        found: dict[str | None, int] = {vocab[i]: int(tally[i]) for i in np.flatnonzero(tally)}
        if without:
            found[None] = without
        return found

    @cached_property
    def _tagged(self) -> np.ndarray:
        tagged = np.zeros(len(self.present), dtype=bool)
        tagged[self.tag_pk] = True
        return tagged

    @cached_property
    def _year_index(self) -> tuple[list[str], np.ndarray]:
        """The years, and each pk's year code (-1 without a date)."""
        dated = self.dated
        years = np.zeros(len(dated), dtype=np.int64)
        days = self.date_first[dated].astype("datetime64[D]")
        years[dated] = days.astype("datetime64[Y]").astype(np.int64) + 1970
        distinct = np.unique(years[dated])
        of_pk = np.full(len(dated), -1, dtype=np.int32)
        of_pk[dated] = np.searchsorted(distinct, years[dated])
        return [f"{y:04d}" for y in distinct.tolist()], of_pk


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_FOLD)


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# -- building, saving, loading ----------------------------------------------------
def generation(db) -> int:
    return db.execute("SELECT value FROM store_counters WHERE name = 'documents'").fetchone()[0]


# A record can state a coarser precision than its date is written with only
# when the date is written as that interval's first day ("2008-01-01" for the
# year 2008; doc_dates.precision_of).  Only those rows' records are read (one
# in thirty): SQLite seeks a table row only when the CASE needs it, so the
# other rows come from the covering index alone.
_STATED_PRECISION = (
    "CASE WHEN substr(date, 9, 2) = '01' OR (length(date) = 7 AND substr(date, 6, 2) = '01') "
    "THEN json_extract(record, '$.created_precision') END"
)


def build(db) -> DocValues:
    current = generation(db)
    rows = db.execute(
        f"SELECT pk, kind, classification, origin, date, {_STATED_PRECISION} "
        "FROM documents INDEXED BY documents_fields"
    ).fetchall()
    size = (max((r[0] for r in rows), default=0)) + 1
    present = np.zeros(size, dtype=bool)
    pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    present[pks] = True
    vocab: dict[str, list[str]] = {}
    codes: dict[str, np.ndarray] = {}
    for column, name in enumerate(FIELDS, start=1):
        codes[name], vocab[name] = _coded(pks, [r[column] for r in rows], size)
    first, last, precision = _dates(pks, [(r[4], r[5]) for r in rows], size)
    tag_rows = db.execute("SELECT pk, tag FROM document_tags").fetchall()
    tag_pk = np.fromiter((r[0] for r in tag_rows), dtype=np.int64, count=len(tag_rows))
    vocab["tag"] = sorted({r[1] for r in tag_rows})
    index = {t: i for i, t in enumerate(vocab["tag"])}
    tag_code = np.fromiter((index[r[1]] for r in tag_rows), dtype=np.int32, count=len(tag_rows))
    return DocValues(current, present, codes, vocab, first, last, precision, tag_pk, tag_code)


def _coded(pks: np.ndarray, values: list[str | None], size: int) -> tuple[np.ndarray, list[str]]:
    vocab = sorted({v for v in values if v is not None})
    index = {v: i for i, v in enumerate(vocab)}
    out = np.full(size, -1, dtype=np.int32)
    out[pks] = np.fromiter((index.get(v, -1) if v is not None else -1 for v in values),
                           dtype=np.int32, count=len(values))
    return out, vocab


def _dates(pks: np.ndarray, dates: list[tuple[str | None, str | None]], size: int):
    """First day, last day and precision code per pk from (date, stated precision);
    each distinct pair is worked out once (many documents share a date)."""
    known: dict[tuple, tuple[int, int, int]] = {}

    def interval(key: tuple[str | None, str | None]) -> tuple[int, int, int]:
        precision = doc_dates.precision_of(*key)
        bounds = doc_dates.day_bounds(key[0], precision)
        if bounds is None:  # no date, or one that is not ISO: nothing to compare
            return NO_FIRST, NO_LAST, 0
        return bounds[0], bounds[1], doc_dates.PRECISIONS.index(precision) + 1

    rows = np.array([known[k] if k in known else known.setdefault(k, interval(k)) for k in dates],
                    dtype=np.int64).reshape(-1, 3)
    first = np.full(size, NO_FIRST, dtype=np.int32)
    last = np.full(size, NO_LAST, dtype=np.int32)
    precision = np.zeros(size, dtype=np.int8)
    first[pks], last[pks], precision[pks] = rows[:, 0], rows[:, 1], rows[:, 2]
    return first, last, precision


_ARRAYS = ("present", "date_first", "date_last", "date_precision", "tag_pk", "tag_code")


def save(db, values: DocValues) -> None:
    """Keep a copy in the store (call inside the writer's transaction)."""
    arrays = {name: getattr(values, name) for name in _ARRAYS}
    arrays["format"] = np.array(FORMAT)
    arrays.update({f"code_{name}": values.codes[name] for name in FIELDS})
    arrays.update({f"vocab_{name}": np.array(words, dtype=str) for name, words in values.vocab.items()})
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    db.execute("INSERT OR REPLACE INTO doc_values (name, generation, data) VALUES ('documents', ?, ?)",
               (values.generation, buffer.getvalue()))


def load(db) -> DocValues:
    """The current values: the saved copy when it is current, else rebuilt."""
    current = generation(db)
    row = db.execute("SELECT generation, data FROM doc_values WHERE name = 'documents'").fetchone()
    if row is None or row[0] != current:
        return build(db)
    with np.load(io.BytesIO(row[1])) as data:
        if "format" not in data.files or int(data["format"]) != FORMAT:
            # Written by an older ProlifWatch: the writer only replaces a copy
            # whose generation is stale, so this one is replaced here.
            values = build(db)
            _replace_saved(db, values)
            return values
        vocab = {key[len("vocab_"):]: data[key].tolist() for key in data.files if key.startswith("vocab_")}
        return DocValues(current, codes={name: data[f"code_{name}"] for name in FIELDS}, vocab=vocab,
                         **{name: data[name] for name in _ARRAYS})


def _replace_saved(db, values: DocValues) -> None:
    """Save ``values`` if the write lock is free at once: a search never waits
    for an ingest, nor writes inside someone else's transaction; when it
    cannot, the next reader rebuilds again."""
    if db.in_transaction:
        return
    timeout = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute("PRAGMA busy_timeout = 0")
    try:
        db.execute("BEGIN IMMEDIATE")
        if generation(db) == values.generation:
            save(db, values)
        db.execute("COMMIT")
    except sqlite3.OperationalError:  # busy, or a read-only store
        if db.in_transaction:
            db.execute("ROLLBACK")
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
