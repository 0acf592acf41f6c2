"""``create_app``: the web app and the JSON API over one store.

Routes live in ``routes/`` (one module per area); each registers its pages on
``Twins`` so a page and its JSON twin come from one handler.  Heavy things
that many requests share (the screening index, the knowledge base) load once,
in a thread started at start-up, so the server answers at once.
"""
from __future__ import annotations

import os
import pkgutil
import threading
from contextlib import asynccontextmanager
from importlib import import_module
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import failures
from .security import LOOPBACK_HOSTS, SecurityMiddleware

WILDCARD_HOSTS = frozenset({"0.0.0.0", "::"})
from .twins import Twins

STATIC = Path(__file__).parent / "static"


def route_modules() -> list[str]:
    """Every module in ``routes/``, each with ``register(twins: Twins, app: FastAPI)``."""
    from . import routes

    return sorted(m.name for m in pkgutil.iter_modules(routes.__path__))


def _warm(app: FastAPI) -> None:
    """Load what many requests share, off the request path (see ``app.state.warm``)."""
    for name, loader in getattr(app.state, "warmers", {}).items():
        try:
            loader(app)
        except Exception:  # a warmer that fails leaves its work to the first request that needs it
            failures.log.exception("warming %s failed", name)
    app.state.warm.set()


@asynccontextmanager
async def _lifespan(app: FastAPI):
    threading.Thread(target=_warm, args=(app,), name="prolifwatch-warm", daemon=True).start()
    yield


def create_app(db_path: str | os.PathLike, *, clearance: str | None = None, hosts: tuple[str, ...] = ()) -> FastAPI:
    """The app over the store at ``db_path``; ``hosts``: names it answers to besides loopback
    (the address ``serve --host`` listens on)."""
    app = FastAPI(
        title="ProlifWatch",
        version=__version__,
        description="Who shipped what to whom, by which route, and what governments did about it: "
                    "search, read, follow and screen the linked store. Every fact points to its sentence.",
        openapi_url="/api/openapi.json",
        docs_url=None,   # FastAPI's docs pages load their assets from a CDN: /api/docs is served locally
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.db_path = str(db_path)
    app.state.clearance = clearance
    app.state.warm = threading.Event()
    app.state.warmers = {}
    named = {h.strip("[]") for h in hosts if h}
    # listening on every address, the server cannot know the names it is reached by: any is answered
    app.add_middleware(SecurityMiddleware, hosts=None if named & WILDCARD_HOSTS else LOOPBACK_HOSTS | named)
    failures.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    twins = Twins()
    for name in route_modules():
        import_module(f".routes.{name}", __package__).register(twins, app)
    app.include_router(twins.api)
    app.include_router(twins.html)
    return app


STORE_VARIABLE = "PROLIFWATCH_SERVE_STORE"
HOST_VARIABLE = "PROLIFWATCH_SERVE_HOST"


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (``serve --workers``): the store and the
    address listened on are in the environment."""
    return create_app(os.environ[STORE_VARIABLE], hosts=(os.environ.get(HOST_VARIABLE, ""),))
