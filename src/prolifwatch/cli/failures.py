"""The one place the CLI turns an error into what the user sees.

A command raises ``errors.ProlifwatchError`` (or lets one from ``query/`` or
``actions`` through); the command group the Typer app is built on catches it
here, prints ``error: MESSAGE`` with its hint and "did you mean" lines to
stderr, and exits with the error's ``exit_code``.  Anything else is a bug and
keeps its traceback.
"""
from __future__ import annotations

from typing import Any

import click
import typer
from typer.core import TyperGroup

from ..errors import NotFound, ProlifwatchError
from ..terminal import labelled
from .output import err


def report(error: ProlifwatchError) -> None:
    """Print ``error`` on stderr: the message, the hint, then the nearest ids and names."""
    err.print(labelled("error:", error.message))
    for line in (error.hint or "").splitlines():
        err.print(f"  {line}")
    if not isinstance(error, NotFound):
        return
    if error.suggestions:
        err.print("  did you mean:")
        for s in error.suggestions:
            err.print(f"    {s.id}" + (f"  {s.name}" if s.name else ""))
    elif error.hint is None:
        err.print(f"  no {error.what} has a similar id or name")


def several_documents(name: str, named: list[tuple[str, str | None]]) -> ProlifwatchError:
    """A file name or title that names several documents: the error lists their ids and titles."""
    return ProlifwatchError(f"{name!r} names {len(named)} documents; give one of their ids:",
                            hint="\n".join(f"  {doc_id}" + (f"  {title}" if title else "") for doc_id, title in named))


class ReportingGroup(TyperGroup):
    """The root command group: every command and sub-group runs inside its ``invoke``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProlifwatchError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None  # typer's own Exit: Typer's main turns it into SystemExit
