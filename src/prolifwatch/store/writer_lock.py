"""One writer at a time: an advisory lock on a file beside the database.

SQLite lets one connection write at a time and fails the others with
"database is locked" once their busy timeout has passed.  An ingest holds
SQLite's write lock batch after batch for minutes, so a second ingest used to
fail every document it read.  Here the second writer waits for the first,
says whom it waits for, and goes on when the first is done.  Readers never
take this lock: WAL lets them read while a writer writes.

The lock is a POSIX record lock (``lockf``): the kernel drops it when its
holder dies, so a crash leaves nothing to clean up, and processes forked
while it is held (the parser workers) do not inherit it.  Within one process
the lock is taken once, however many stores or nested steps ask for it; and
since a POSIX lock belongs to the process, not to a thread, the threads of
one process (the web app's requests, each with its own store) take turns on
a thread lock per file first.
"""
from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: SQLite's busy timeout is all there is
    fcntl = None

WaitHandler = Callable[[str], None]


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-writer.lock")


class _ProcessHold:
    """This process's hold on one lock file: which thread has it, and how deep."""

    def __init__(self) -> None:
        self.turn = threading.RLock()
        self.depth = 0


_holds: dict[Path, _ProcessHold] = {}
_holds_guard = threading.Lock()


def _hold_of(path: Path) -> _ProcessHold:
    with _holds_guard:
        return _holds.setdefault(path.resolve(), _ProcessHold())


class WriterLock:
    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)

    @contextmanager
    def held(self, on_wait: WaitHandler | None = None, holder: str = "") -> Iterator[None]:
        """Hold the lock inside; when another process holds it, call
        ``on_wait(who holds it)`` once (it may raise, to refuse to wait) and wait
        for it.  Another thread of this process holding it is simply waited for."""
        hold = _hold_of(self.path)
        with hold.turn:
            if hold.depth or fcntl is None:
                hold.depth += 1
                try:
                    yield
                finally:
                    hold.depth -= 1
                return
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                if not _try_lock(fd):
                    if on_wait:
                        on_wait(_holder(self.path))
                    fcntl.lockf(fd, fcntl.LOCK_EX)
                os.ftruncate(fd, 0)
                os.write(fd, f"process {os.getpid()}{f' ({holder})' if holder else ''}\n".encode())
                hold.depth = 1
                yield
            finally:
                hold.depth = 0
                os.close(fd)  # closing releases a POSIX lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it (the holder may not have written it yet)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another process"
