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
"""
from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

import numpy as np

FIELDS = ("kind", "classification", "origin")


@dataclass
class DocValues:
    generation: int
    present: np.ndarray          # bool per pk: a document has this pk
    codes: dict[str, np.ndarray]  # field -> int32 code per pk, -1 for NULL
    vocab: dict[str, list[str]]  # field -> sorted distinct values
    date_rank: np.ndarray        # int32 per pk: index of its date in vocab["date"], -1 for NULL
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

    def dated_from(self, since: str) -> np.ndarray:
        """date >= since, as strings compare."""
        return self.date_rank >= bisect_left(self.vocab["date"], since)

    def dated_until(self, until_day: str) -> np.ndarray:
        """the first ten characters of the date <= until_day."""
        return (self.date_rank >= 0) & (self.date_rank < bisect_right(self._day_of_rank, until_day))

    # -- counting -------------------------------------------------------------
    def counts(self, name: str, pks: np.ndarray) -> dict[str, int]:
        """How many of ``pks`` have each value of a field (NULL not counted)."""
        if name == "tag":
            selected = np.zeros(len(self.present), dtype=bool)
            selected[pks] = True
            codes, vocab = self.tag_code[selected[self.tag_pk]], self.vocab["tag"]
        elif name == "year":
            vocab, of_pk = self._year_index
            codes = of_pk[pks]
        else:
            codes, vocab = self.codes[name][pks], self.vocab[name]
        tally = np.bincount(codes[codes >= 0], minlength=len(vocab))
        return {vocab[i]: int(tally[i]) for i in np.flatnonzero(tally)}

    @cached_property
    def _day_of_rank(self) -> list[str]:
        return [d[:10] for d in self.vocab["date"]]  # sorted, since the dates are

    @cached_property
    def _year_index(self) -> tuple[list[str], np.ndarray]:
        """The years, and each pk's year code (-1 without a date)."""
        years = [d[:4] for d in self.vocab["date"]]
        vocab = sorted(set(years))
        index = {y: i for i, y in enumerate(vocab)}
        of_rank = np.array([index[y] for y in years] + [-1], dtype=np.int32)
        return vocab, of_rank[self.date_rank]  # rank -1 picks the trailing -1


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_FOLD)


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# -- building, saving, loading ----------------------------------------------------
def generation(db) -> int:
    return db.execute("SELECT value FROM store_counters WHERE name = 'documents'").fetchone()[0]


def build(db) -> DocValues:
    current = generation(db)
    rows = db.execute(
        "SELECT pk, kind, classification, origin, date FROM documents INDEXED BY documents_fields"
    ).fetchall()
    size = (max((r[0] for r in rows), default=0)) + 1
    present = np.zeros(size, dtype=bool)
    pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    present[pks] = True
    vocab: dict[str, list[str]] = {}
    codes: dict[str, np.ndarray] = {}
    for column, name in enumerate(FIELDS, start=1):
        codes[name], vocab[name] = _coded(pks, [r[column] for r in rows], size)
    date_rank, vocab["date"] = _coded(pks, [r[4] for r in rows], size)
    tag_rows = db.execute("SELECT pk, tag FROM document_tags").fetchall()
    tag_pk = np.fromiter((r[0] for r in tag_rows), dtype=np.int64, count=len(tag_rows))
    vocab["tag"] = sorted({r[1] for r in tag_rows})
    index = {t: i for i, t in enumerate(vocab["tag"])}
    tag_code = np.fromiter((index[r[1]] for r in tag_rows), dtype=np.int32, count=len(tag_rows))
    return DocValues(current, present, codes, vocab, date_rank, tag_pk, tag_code)


def _coded(pks: np.ndarray, values: list[str | None], size: int) -> tuple[np.ndarray, list[str]]:
    vocab = sorted({v for v in values if v is not None})
    index = {v: i for i, v in enumerate(vocab)}
    out = np.full(size, -1, dtype=np.int32)
    out[pks] = np.fromiter((index.get(v, -1) if v is not None else -1 for v in values),
                           dtype=np.int32, count=len(values))
    return out, vocab


def save(db, values: DocValues) -> None:
    """Keep a copy in the store (call inside the writer's transaction)."""
    arrays = {"present": values.present, "date_rank": values.date_rank,
              "tag_pk": values.tag_pk, "tag_code": values.tag_code}
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
        vocab = {key[len("vocab_"):]: data[key].tolist() for key in data.files if key.startswith("vocab_")}
        return DocValues(
            current, data["present"], {name: data[f"code_{name}"] for name in FIELDS}, vocab,
            data["date_rank"], data["tag_pk"], data["tag_code"],
        )
