"""Where the CLI prints: results to stdout (``out``), progress and diagnostics to stderr (``err``).

Every command prints through these two: text from documents and file names is
shown with its control characters escaped, and never read as markup (terminal.py).
"""
from __future__ import annotations

import sys
from typing import Any

from ..terminal import SafeConsole, json_line

out = SafeConsole(highlight=False, soft_wrap=True)
err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def emit_json(obj: Any) -> None:
    """One JSON object on one line of stdout (``--json``: output meant for scripts)."""
    sys.stdout.write(json_line(obj) + "\n")
