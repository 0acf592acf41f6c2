"""A screener kept warm beside the store, so a single ``screen`` answers at once.

Most of a lone ``screen``'s time is not the comparison (a millisecond) but
getting ready for it: importing the matcher and rigour's name taggers, which
rigour builds in Rust on the first comparison of a process (5–20 s) and
which cannot be saved to disk.  So the first ``screen`` on a store answers
in its own process and starts this server, which keeps the entries, the
candidate index and the taggers in memory and answers later ``screen``
calls over a Unix socket beside the store (``STORE.screen.sock``, readable
by its owner only).  Each request carries the loaded lists' signature; the
server rebuilds its screener when the lists changed.  It exits after
``IDLE_SECONDS`` without a request, when its store is gone, or when asked.

This module imports only the standard library on the client side, so that
asking the server costs no matcher import.  ``PROLIFWATCH_SCREEN_SERVER=off``
turns the server off (every ``screen`` then screens in its own process).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

IDLE_SECONDS = 600
CONNECT_SECONDS = 1.0
ANSWER_SECONDS = 60.0
MAX_REQUEST = 64 * 1024
SOCKET_PATH_LIMIT = 100  # sun_path holds 108 bytes on Linux
ENVIRONMENT = "PROLIFWATCH_SCREEN_SERVER"


def enabled() -> bool:
    return os.environ.get(ENVIRONMENT, "on").lower() not in ("off", "0", "no", "false")


def socket_path(db: str | Path) -> Path | None:
    """The socket beside the store, or None when its path is too long for a Unix socket."""
    path = Path(os.path.abspath(db)).with_name(Path(db).name + ".screen.sock")
    return path if len(os.fsencode(path)) <= SOCKET_PATH_LIMIT else None


def _exchange(path: Path, request: dict[str, Any]) -> dict[str, Any] | None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(CONNECT_SECONDS)
        client.connect(str(path))
        client.settimeout(ANSWER_SECONDS)
        client.sendall(json.dumps(request).encode("utf-8") + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                return None
            reply += chunk
    return json.loads(reply)


def ask(db: str | Path, request: dict[str, Any]) -> dict[str, Any] | None:
    """The warm server's answer, or None when there is none to ask (then screen in this process)."""
    path = socket_path(db)
    if not enabled() or path is None or not path.exists():
        return None
    try:
        return _exchange(path, request)
    except (OSError, ValueError):
        return None


def start(db: str | Path) -> None:
    """Start a server for ``db`` in its own session, detached from this command's terminal."""
    if not enabled() or socket_path(db) is None:
        return
    subprocess.Popen([sys.executable, "-m", "prolifwatch.query.screening", "serve", os.path.abspath(db)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)


def stop(db: str | Path) -> bool:
    path = socket_path(db)
    if path is None or not path.exists():
        return False
    try:
        return bool(_exchange(path, {"stop": True}))
    except (OSError, ValueError):
        return False


def serve(db: str | Path, answer: Callable[[dict[str, Any]], dict[str, Any]], *,
          warm_up: Callable[[], object] | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
    """Answer requests on the store's socket until idle, stopped, or the store is gone.  ``answer``
    turns one request into one reply; an exception in it is replied as an error.  ``warm_up`` runs once
    the socket is bound, before the first request is taken: a ``screen`` arriving meanwhile waits for
    it instead of building a second screener beside it."""
    path = socket_path(db)
    if path is None:
        return
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)  # the socket: its owner only
    try:
        if path.exists():
            if ask(db, {"ping": True}) is not None:
                return  # another server answers already
            path.unlink()
        listener.bind(str(path))
    except OSError:
        return
    finally:
        os.umask(old_umask)
    listener.listen(8)
    listener.settimeout(1.0)
    if warm_up:
        try:
            warm_up()
        except Exception:  # the first request will say what is wrong
            pass
    last = time.monotonic()
    try:
        while time.monotonic() - last < idle_seconds and os.path.exists(db):
            try:
                connection, _ = listener.accept()
            except socket.timeout:
                continue
            last = time.monotonic()
            with connection:
                if not _handle(connection, answer):
                    break
    finally:
        listener.close()
        path.unlink(missing_ok=True)


def _handle(connection: socket.socket, answer: Callable[[dict[str, Any]], dict[str, Any]]) -> bool:
    """Reply to one request; False when it asked the server to stop."""
    connection.settimeout(ANSWER_SECONDS)
    data = b""
    try:
        while not data.endswith(b"\n") and len(data) <= MAX_REQUEST:
            chunk = connection.recv(65536)
            if not chunk:
                return True
            data += chunk
        request = json.loads(data)
        if request.get("stop"):
            connection.sendall(b'{"stopped": true}\n')
            return False
        reply = {"pong": True} if request.get("ping") else answer(request)
    except Exception as exc:  # one bad request must not take the server down
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    try:
        connection.sendall(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
    except OSError:
        pass
    return True
