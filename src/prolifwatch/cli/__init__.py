"""The ``prolifwatch`` command line: one face over ``query/`` and ``actions`` (``api/`` is the other).

Typed Typer signatures are the interface: ``--help`` comes from them.
Progress and diagnostics go to stderr, results to stdout, so ``--json``
output can be piped into scripts.  Errors are raised as
``errors.ProlifwatchError`` and said once, in ``failures.py``.

Layout: ``app.py`` (the Typer app), ``options.py`` (shared options, opening
the store), ``output.py`` (the safe consoles), one module per command group,
and ``render/`` (terminal rendering).  Command modules import those three and
never this package; this package imports the command modules so that they
register their commands on ``app``.
"""
from __future__ import annotations

# In the order --help lists them: from reading documents in, to what is found in them, to the web app.
from . import ingest  # noqa: F401,I001  (ingest; each module registers its commands on app)
from . import documents  # noqa: F401  (parse, show, search, stats)
from . import extraction  # noqa: F401  (extract, events, entities, eval)
from . import eval_events  # noqa: F401  (eval-events)
from . import screening  # noqa: F401  (lists, lists load, screen, classify-goods, xref)
from . import resolve  # noqa: F401  (resolve)
from . import entities  # noqa: F401  (entity, merge, split, judge, judgements, forget)
from . import refs  # noqa: F401  (refs)
from . import cases  # noqa: F401  (case, cases, timeline)
from . import export  # noqa: F401  (graph, export)
from . import review  # noqa: F401  (review accept, reject, correct, list, undo)
from . import serve  # noqa: F401  (serve)
from .app import app
from .options import NerScope
from .output import err, out

__all__ = ["NerScope", "app", "err", "out"]
