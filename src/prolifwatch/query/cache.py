"""Results of the expensive page queries, kept in the process until the store changes.

A search page (its count, facets and date histogram are most of its cost: on
a 250,000-document store a broad query takes half a second), an entity page
and an entity's graph are kept here, keyed by what was asked (the function,
its arguments, the reader's clearance) and by the store's *data generation*.

The generation is ``PRAGMA data_version`` read on one connection this module
keeps per store file (and that connection's serial: two connections' numbers
are not comparable), which never writes: SQLite changes that number whenever
any other connection, in this process or in another one (an ingest job, the
CLI), commits a change.  So every write (ingest, merge, split, judge, review,
list loading) makes the next read compute afresh; results made before it
stay in the cache, unreachable, until they are pushed out.  The file's inode
is part of the generation too, so a store replaced by another file at the same
path is never answered from the old one's results.

The cache holds at most ``PROLIFWATCH_PAGE_CACHE`` results (default 512;
0 turns it off), the least recently used going first.  A result is shared by
every request that asks the same thing, so callers must not change it.
While one request computes a result, others asking the same thing wait for
it instead of computing it again (eight clients opening the same busy page).
What a face makes from a kept result (its HTML page for one URL) can be kept
beside it (``PageCache.derived``) and goes when the result goes.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

DEFAULT_ENTRIES = 512
DERIVED_PER_RESULT = 8   # renderings of one result (one per URL asking for it)
_MISSING = object()


def _entries_allowed() -> int:
    try:
        return max(0, int(os.environ.get("PROLIFWATCH_PAGE_CACHE", DEFAULT_ENTRIES)))
    except ValueError:
        return DEFAULT_ENTRIES


class _Watcher:
    """One read-only connection on a store file, asked for the data version.  The numbers
    of two connections are not comparable, so each watcher has a serial of its own."""

    opened = 0

    def __init__(self, path: str) -> None:
        _Watcher.opened += 1
        self.serial = _Watcher.opened
        self.path = path
        self.inode = os.stat(path).st_ino
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def version(self) -> int:
        return self.db.execute("PRAGMA data_version").fetchall()[0][0]  # all: no statement left open


_watchers: dict[str, _Watcher] = {}
_watchers_lock = threading.Lock()
WATCHED_STORES = 16   # a server reads one store; a test run opens many copies: the oldest watcher goes


def data_generation(path: str | os.PathLike) -> tuple[int, int, int]:
    """(inode, watcher, data version) of the store at ``path``: different after any commit to it."""
    path = os.fspath(path)
    inode = os.stat(path).st_ino
    with _watchers_lock:
        watcher = _watchers.get(path)
        if watcher is None or watcher.inode != inode:
            if watcher is not None:
                watcher.db.close()
            watcher = _watchers[path] = _Watcher(path)
            while len(_watchers) > WATCHED_STORES:
                _watchers.pop(next(iter(_watchers))).db.close()
        return inode, watcher.serial, watcher.version()   # under the lock: no other thread closes it meanwhile


class _Entry:
    __slots__ = ("result", "derived")

    def __init__(self, result: object) -> None:
        self.result = result
        self.derived: dict[Hashable, object] = {}


class PageCache:
    """A bounded, least-recently-used map from keys to results, safe across threads."""

    def __init__(self, entries: int | None = None) -> None:
        self.entries = _entries_allowed() if entries is None else entries
        self._results: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._key_of: dict[int, Hashable] = {}   # id of a kept result -> its key
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result kept for ``key``, else ``compute()``'s, kept (unless it raised)."""
        if self.entries <= 0:
            return compute()
        found = self._lookup(key)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:  # one thread computes; the others asking the same wait and take its result
            found = self._lookup(key)
            if found is not _MISSING:
                return found  # type: ignore[return-value]
            try:
                result = compute()
                self._keep(key, result)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        with self._lock:
            self.misses += 1
        return result

    def derived(self, result: object, name: Hashable, make: Callable[[], T]) -> T:
        """``make()``'s value for a kept ``result`` and ``name``, kept as long as the result is;
        made afresh each time for a result that is not (or no longer) kept."""
        entry = self._entry_of(result)
        if entry is None:
            return make()
        with self._lock:
            found = entry.derived.get(name, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        value = make()
        with self._lock:
            if len(entry.derived) < DERIVED_PER_RESULT:
                entry.derived[name] = value
        return value

    def holds(self, result: object) -> bool:
        """Whether ``result`` is one this cache keeps (so what is made from it may be kept)."""
        return self._entry_of(result) is not None

    def _entry_of(self, result: object) -> _Entry | None:
        with self._lock:
            key = self._key_of.get(id(result), _MISSING)
            entry = self._results.get(key) if key is not _MISSING else None
            # the entry keeps its result alive, so an id found here is that result's
            return entry if entry is not None and entry.result is result else None

    def _lookup(self, key: Hashable) -> object:
        with self._lock:
            found = self._results.get(key)
            if found is None:
                return _MISSING
            self._results.move_to_end(key)
            self.hits += 1
            return found.result

    def _keep(self, key: Hashable, result: object) -> None:
        with self._lock:
            if (old := self._results.get(key)) is not None:
                self._key_of.pop(id(old.result), None)
            self._results[key] = _Entry(result)
            self._results.move_to_end(key)
            self._key_of[id(result)] = key
            while len(self._results) > self.entries:
                _, dropped = self._results.popitem(last=False)
                self._key_of.pop(id(dropped.result), None)

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
            self._key_of.clear()

    def __len__(self) -> int:
        return len(self._results)


pages = PageCache()


def cached(reader, kind: str, arguments: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s result for ``kind`` and ``arguments`` on ``reader``'s store, as of its
    current data generation; ``arguments`` must say everything the result depends on."""
    path = str(reader.store.path)
    key = (path, data_generation(path), reader.clearance, kind, arguments)
    return pages.get(key, compute)
