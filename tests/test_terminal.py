"""Hostile text stays inert on the terminal: escape sequences from documents are
shown as escapes, never sent raw, and bracketed file names and values are
printed as they are, never parsed as Rich markup (issue 19)."""
from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

import prolifwatch
from prolifwatch import cli
from prolifwatch.cli import app
from prolifwatch.store import open_store
from prolifwatch.terminal import SafeConsole, Text, json_line, labelled, visible
from tests.conftest import SEED_CABLE_EXPORT, SEEDS

# Clear screen, window title (ended by BEL), colour, an OSC 8 hyperlink, a bidi
# override, an 8-bit CSI and DEL: each would be obeyed by some terminal.
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x1b[31m\x1b]8;;http://example.invalid\x1b\\link\x1b]8;;\x1b\\\u202e\x9b\x7f"
SHOWN = r"\x1b[2J\x1b]0;pwned\x07\x1b[31m\x1b]8;;http://example.invalid\x1b\link\x1b]8;;\x1b\\u202e\x9b\x7f"
# What must never reach the terminal raw (newline and tab may).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The same attack as a web page carries it: entities the HTML reader decodes into real controls.
PAGE = """<html><head><title>Centrifuge parts &#x1b;]0;pwned&#x07;shipped &#x202e;gpj.exe</title></head><body><article>
<h1>Centrifuge parts &#x1b;]0;pwned&#x07;shipped &#x202e;gpj.exe</h1>
<p>Customs officers said the containers, cleared &#x1b;[2J through the port, held colour &#x1b;[31mred&#x1b;[0m
parts, and a link &#x1b;]8;;http://example.invalid&#x1b;\\here&#x1b;]8;;&#x1b;\\ to the manifest was found by the inspectors.</p>
<p>The shipment of aluminium tubes from Dalian to Bandar Abbas was reported by officials in 2009, who said
the cargo had been declared as machine parts and was held at the port for inspection by the customs service.</p>
<p>Officials in both capitals declined to comment on the seizure, and the shipping line said it had not known
what the containers held when they were loaded at the port of Dalian earlier in the year.</p>
</article></body></html>
"""


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def assert_inert(output: str) -> None:
    raw = RAW_CONTROL.findall(output)
    assert not raw, f"raw control characters reached the terminal: {raw!r}"


def test_visible_escapes_what_a_terminal_would_obey_and_keeps_the_rest():
    assert visible(HOSTILE) == SHOWN
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("Tehran \u200f\u0637\u0647\u0631\u0627\u0646 C:\\temp «x»") == "Tehran \u200f\u0637\u0647\u0631\u0627\u0646 C:\\temp «x»"
    assert visible("\r\x00\x85\u2066\udcff") == r"\x0d\x00\x85\u2066\udcff"
    assert visible(visible(HOSTILE)) == visible(HOSTILE)


def test_json_line_escapes_what_json_dumps_leaves_raw_and_reads_back_exactly():
    value = {"text": HOSTILE + "\udcff", "name": "Tehran \u200f"}
    line = json_line(value)
    assert_inert(line)
    assert "\udcff" not in line and "\u200f" in line
    assert json.loads(line) == value


def test_safe_console_escapes_text_of_every_renderable_and_reads_no_markup():
    from rich.table import Table
    import rich.text

    buffer = io.StringIO()
    console = SafeConsole(file=buffer, width=200, color_system=None)
    table = Table()
    table.add_column("a")
    table.add_row("cell " + HOSTILE, rich.text.Text("plain rich Text " + HOSTILE))
    console.print(table)
    console.print("string " + HOSTILE + " [/x] [bold]not bold[/bold]")
    console.print(Text("ours ") + Text(HOSTILE, style="bold"))
    console.print(labelled("error:", "cannot read a[/x]b.pdf"))
    output = buffer.getvalue()
    assert_inert(output)
    assert output.count(r"\x1b]0;pwned") == 4
    assert "[/x] [bold]not bold[/bold]" in output and "error: cannot read a[/x]b.pdf" in output
    # our Text keeps BEL visible (Rich's own would have dropped it): nothing lost
    assert output.count(r"pwned\x07") == 3


# --- a store whose values are hostile, through every command that prints them ---------------

@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> str:
    from prolifwatch.pipeline import ingest, resolve_store

    db = tmp_path_factory.mktemp("hostile") / "store.sqlite"
    with open_store(db) as store:
        ingest([SEEDS], store, workers=1)
        resolve_store(store)
    with sqlite3.connect(db) as conn:
        for table, column in (("documents", "title"), ("documents", "origin"), ("entities", "name"),
                              ("event_arguments", "text"), ("mentions", "text"), ("cases", "title")):
            conn.execute(f"UPDATE {table} SET {column} = {column} || ? WHERE {column} IS NOT NULL", (HOSTILE,))
        for event_pk, record in conn.execute("SELECT event_pk, record FROM events").fetchall():
            record = json.loads(record)
            record["evidence"]["text"] += HOSTILE
            conn.execute("UPDATE events SET record = ? WHERE event_pk = ?", (json.dumps(record), event_pk))
    return str(db)


def _case_id(db: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT case_id FROM case_events GROUP BY case_id ORDER BY COUNT(*) DESC").fetchone()[0]


COMMANDS = [
    ["entity", "entity:limmt"], ["timeline", "entity:limmt"], ["events"], ["entities"], ["refs", "07STATE159388"],
    ["cases"], ["case", "CASE"], ["stats"], ["search", "LIMMT"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_commands_show_hostile_store_values_as_escapes(runner, hostile_db, command, monkeypatch):
    monkeypatch.setattr(cli.out, "width", 1000)  # table cells whole on one line, so the escapes can be found
    command = [_case_id(hostile_db) if part == "CASE" else part for part in command]
    result = runner.invoke(app, [*command, "--db", hostile_db])
    assert result.exit_code == 0, result.output
    assert_inert(result.output)
    assert r"\x1b]0;pwned\x07" in result.output or r"\x1b]0;pwned" in result.output


# --- the same through the readers: &#x1b; entities in a page --------------------------------

@pytest.fixture(scope="module")
def page_db(tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("page")
    page = folder / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    db = str(folder / "store.sqlite")
    result = CliRunner().invoke(app, ["ingest", str(page), "--db", db, "--no-extract", "--json"])
    assert result.exit_code == 0, result.output
    return db, page


def test_show_search_and_parse_print_decoded_entities_as_escapes(runner, page_db):
    db, page = page_db
    [record] = [json.loads(line) for line in runner.invoke(app, ["parse", str(page), "--json"]).stdout.splitlines()]
    assert "\x1b[2J" in record["paragraphs"][0]["text"]  # the reader keeps the text exact; the terminal shows it
    for command in (["show", record["id"], "--db", db], ["search", "aluminium", "--db", db],
                    ["search", "manifest", "--db", db], ["parse", str(page)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        assert_inert(result.output)
        assert r"\x1b]0;pwned\x07shipped" in result.output, command


def test_json_output_carries_the_exact_text_escaped(runner, page_db):
    db, page = page_db
    result = runner.invoke(app, ["search", "aluminium", "--db", db, "--json"])
    assert_inert(result.stdout)
    assert "\x1b]0;pwned\x07shipped" in json.loads(result.stdout)["hits"][0]["title"]


# --- bracketed names and values are text, not markup ----------------------------------------

@pytest.fixture()
def bracketed(tmp_path) -> Path:
    """A folder with files named like markup: one unreadable, one cable, one CSV whose second
    record number is "[/x]"; the rows after each must not be lost."""
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "a[").mkdir()
    (tmp_path / "a[" / "x]b.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "[bold]x[").mkdir()
    shutil.copy(SEED_CABLE_EXPORT, tmp_path / "[bold]x[" / "bold].txt")
    row = '"{n}","12/28/2009 18:48","09STATE{n:06d}","Secretary of State","SECRET","","HEADER","Body of cable {n}."\n'
    (tmp_path / "cables.csv").write_text(row.format(n=1) + row.replace('"{n}",', '"[/x]",', 1).format(n=2)
                                         + row.format(n=3), encoding="utf-8")
    return tmp_path


def test_parse_prints_bracketed_names_literally_and_loses_no_row(runner, bracketed):
    result = runner.invoke(app, ["parse", str(bracketed)])
    assert result.exit_code == 1
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    assert f"failed {bracketed}/a[/x]b.pdf: " in result.stderr
    assert "record number '[/x]' is not a number" in result.stderr
    assert "09STATE1 " in result.stdout and "09STATE3 " in result.stdout
    assert len(result.stdout.splitlines()) == 3  # the two CSV rows and the cable in "[bold]x[/bold].txt"


def test_ingest_reports_bracketed_failures_literally(runner, bracketed, tmp_path):
    result = runner.invoke(app, ["ingest", str(bracketed), "--db", str(tmp_path / "s.sqlite"), "--no-extract"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "new 3" in result.stdout and "failed 2" in result.stdout
    assert f"failed {bracketed}/a[/x]b.pdf: " in result.stderr
    assert "record number '[/x]' is not a number" in result.stderr


def test_show_of_a_bracketed_id_says_it_is_missing(runner, tmp_path):
    store = tmp_path / "s.sqlite"
    open_store(store).close()  # an empty store: show on no store at all says to make one
    result = runner.invoke(app, ["show", "X[/x]", "--db", str(store)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "error: no document 'X[/x]' in the store" in result.stderr


def test_lists_load_names_a_bracketed_file_literally(runner, tmp_path):
    (tmp_path / "a[").mkdir()
    bad = tmp_path / "a[" / "x]b.xml"
    bad.write_text("<sdnList>\n<sdnEntry>\n</sdnList>\n")
    result = runner.invoke(app, ["lists", "load", str(bad), "--format", "ofac", "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "a[/x]b.xml: line 3" in result.stderr


def test_every_console_and_text_in_the_package_is_the_safe_one():
    """The choke point holds only if nothing prints around it: no module but terminal.py
    makes a Rich Console or imports Rich's own Text (whose strings would skip ``visible``)."""
    package = Path(prolifwatch.__file__).parent  # the whole package: cli/, api/, query/ ...
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "terminal.py":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"\bConsole\(|from rich\.text import|rich\.text\.Text\(", source):
            offenders.append(path.relative_to(package).as_posix())
    assert offenders == []
