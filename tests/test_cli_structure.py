"""The shape of the CLI package (issue 21): no import circle among its modules,
and one error mapping -- an ``errors.ProlifwatchError`` raised anywhere in a
command leaves as its message on stderr and its exit code."""
from __future__ import annotations

import ast
from pathlib import Path

import typer
from typer.testing import CliRunner

import prolifwatch.cli
from prolifwatch.cli.failures import ReportingGroup
from prolifwatch.errors import BadParameter, Conflict, NoStore, NotFound, Suggestion

PACKAGE = Path(prolifwatch.cli.__file__).parent
SHARED = {"app", "options", "output", "failures"}  # what command modules build on


def _module_name(path: Path) -> str:
    parts = ["prolifwatch", "cli", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The prolifwatch.cli modules ``path`` imports, at the top or inside a function."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)  # ``from . import x`` runs the package's __init__ too
            if not node.module:
                found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "prolifwatch.cli" or m.startswith("prolifwatch.cli.")}


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def test_the_modules_of_the_cli_import_each_other_without_a_circle():
    graph = _graph()
    assert "prolifwatch.cli.app" in graph and "prolifwatch.cli.screening" in graph  # the walk found the package
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        assert module not in path, "import circle: " + " -> ".join([*path[path.index(module):], module])
        if module in done:
            return
        for imported in graph[module]:
            visit(imported, [*path, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def test_command_modules_never_import_the_package_and_the_app_imports_no_command():
    graph = _graph()
    commands = {m for m in graph if m.count(".") == 2 and m.rsplit(".", 1)[1] not in SHARED | {"__main__", "render"}}
    assert {"prolifwatch.cli.documents", "prolifwatch.cli.entities", "prolifwatch.cli.review"} <= commands
    for module in commands:
        assert "prolifwatch.cli" not in graph[module], module
    assert graph["prolifwatch.cli.app"] <= {f"prolifwatch.cli.{m}" for m in SHARED}
    assert commands <= graph["prolifwatch.cli"]  # the package registers every command module


def _app_raising(error: Exception) -> typer.Typer:
    """An app built like the real one, whose command (in a sub-group, as 'review' is) raises ``error``."""
    app = typer.Typer(cls=ReportingGroup, add_completion=False)
    sub = typer.Typer()
    app.add_typer(sub, name="group")

    @sub.command()
    def fail() -> None:
        raise error

    @app.command()
    def other() -> None:
        raise error

    return app


def test_an_error_raised_in_a_command_is_its_message_and_exit_code():
    runner = CliRunner()
    not_found = NotFound("entity", "Limt", [Suggestion("entity:limmt", "LIMMT"), Suggestion("entity:iran")])
    result = runner.invoke(_app_raising(not_found), ["group", "fail"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        "error: no entity 'Limt' in the store", "  did you mean:", "    entity:limmt  LIMMT", "    entity:iran"]
    assert result.stdout == ""

    result = runner.invoke(_app_raising(Conflict("entity:limmt and LIMMT name the same key", hint="name member keys")),
                           ["other"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["error: entity:limmt and LIMMT name the same key", "  name member keys"]

    result = runner.invoke(_app_raising(BadParameter("--as-of", "'2009-13-01' is not a date")), ["group", "fail"])
    assert result.exit_code == 2 and "error: --as-of: '2009-13-01' is not a date" in result.stderr
    assert "Traceback" not in result.output


def test_a_not_found_without_near_names_says_so_and_one_before_linking_says_to_link():
    runner = CliRunner()
    result = runner.invoke(_app_raising(NotFound("case", "case-0")), ["other"])
    assert result.stderr.splitlines() == ["error: no case 'case-0' in the store", "  no case has a similar id or name"]
    result = runner.invoke(_app_raising(NotFound("entity", "LIMMT", linking_missing=True)), ["other"])
    assert "run `prolifwatch resolve`" in result.stderr and "similar" not in result.stderr


def test_the_real_app_maps_errors_from_its_commands(tmp_path):
    """A missing store is NoStore (exit 2); a missing document NotFound (exit 1) with the nearest ids."""
    assert isinstance(typer.main.get_command(prolifwatch.cli.app), ReportingGroup)
    runner = CliRunner()
    missing = tmp_path / "nowhere.sqlite"
    result = runner.invoke(prolifwatch.cli.app, ["review", "list", "--db", str(missing)])
    assert result.exit_code == NoStore.exit_code == 2
    assert f"error: no store at {missing}: run `prolifwatch ingest` first" in result.stderr
    assert not missing.exists()  # a mistyped path makes no empty store
