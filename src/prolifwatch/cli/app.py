"""The ``prolifwatch`` Typer app: the root group, its callback and ``--version``.

Commands live in one module per group (``documents``, ``entities`` ...) and
register themselves on ``app``; ``cli/__init__.py`` imports them.  This module
imports none of them, so there is no import circle.
"""
from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from .failures import ReportingGroup
from .output import out

app = typer.Typer(
    cls=ReportingGroup,
    help="Read diplomatic cables and news reports on weapons proliferation into faithful, searchable records.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        out.print(f"prolifwatch {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """ProlifWatch: who shipped what to whom, by which route, and what governments did about it."""
