"""``prolifwatch serve``: the web app and the JSON API on loopback."""
from __future__ import annotations

import os
from typing import Annotated

import typer

from .app import app
from .options import DbOption, open_store
from .output import err, out

LOOPBACK = ("127.0.0.1", "localhost", "::1")
MOST_WORKERS = 4


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Loopback by default: the app "
                                                      "has no accounts, so anyone who reaches it can read and change the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=0, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(
        "--workers", min=0,
        help=f"Server processes (0: one per core, at most {MOST_WORKERS}). Pages are Python work: one "
             "process uses one core however many requests wait; on 2 cores a second one gave 11 requests/s "
             "against 9 under load (docs/benchmarks.md).")] = 1,
) -> None:
    """Serve the web app and the JSON API over the store (Ctrl-C stops it)."""
    import uvicorn

    from ..api import create_app
    from ..api.app import HOST_VARIABLE, STORE_VARIABLE

    store = open_store(db)  # stops with "no store at ..." rather than serving an empty one
    path = store.path
    store.close()
    if host not in LOOPBACK:
        err.print(f"warning: listening on {host}: anyone who can reach this address can read the store "
                  "and change it (there are no accounts yet)")
    shown = f"[{host}]" if ":" in host else host
    out.print(f"ProlifWatch serving {path} at http://{shown}:{port}/  (API: http://{shown}:{port}/api/docs; Ctrl-C to stop)")
    count = workers or min(os.cpu_count() or 1, MOST_WORKERS)
    if count == 1:
        uvicorn.run(create_app(path, hosts=(host,)), host=host, port=port, log_level="warning", server_header=False)
        return
    # each worker process makes its own app (and its own warm screener, home counts ...) from the environment
    os.environ[STORE_VARIABLE] = str(path)
    os.environ[HOST_VARIABLE] = host
    uvicorn.run("prolifwatch.api.app:app_from_environment", factory=True, workers=count, host=host, port=port,
                log_level="warning", server_header=False)
