"""Process pools whose workers die with the process that started them.

A pool's workers are daemonic, but that only matters when the parent exits
normally.  After a ``kill -9`` of the parent they used to linger, holding a
CPU and a copy of the work, until their next read of the task queue failed.
Here each worker asks the kernel (Linux ``PR_SET_PDEATHSIG``) to be killed when
its parent dies; elsewhere a watcher thread ends it within a second.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def worker_pool(processes: int):
    """A ``multiprocessing.Pool`` of ``processes`` workers (forked where the OS can)."""
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    return ctx.Pool(processes, initializer=die_with_parent, initargs=(os.getpid(),))


def die_with_parent(parent: int) -> None:
    """Run in each worker as it starts: end this process when ``parent`` dies."""
    if sys.platform.startswith("linux") and _set_parent_death_signal():
        # The parent may have died between the fork and the call above.
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _set_parent_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
