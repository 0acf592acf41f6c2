"""pypdf's warnings come out once per message, naming the file, with no raw control bytes.

Before: "Advanced encoding /Ide<NUL>tity-H not implemented yet, ..." reached
stderr as pypdf wrote it, with the NUL and without the file's name.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings

from prolifwatch.formats import ReadError, read_paths
from prolifwatch.formats.library_warnings import reported_for, one_line
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS

_PDF = CORPUS / "pdf" / "00ATHENS1501.pdf"


def _pdf_with_nul_in_its_font_encoding(tmp_path):
    data = _PDF.read_bytes()
    assert b"/Identity-H" in data
    path = tmp_path / "font\x1b[31mred.pdf"
    path.write_bytes(data.replace(b"Identity-H", b"Ide\x00tity-H"))
    return path


def test_pypdf_warning_names_the_file_and_shows_the_nul_as_an_escape(tmp_path):
    path = _pdf_with_nul_in_its_font_encoding(tmp_path)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(_PDF.read_bytes()[:9000])
    script = "import sys; from prolifwatch.formats import read_paths; [print(i) for i in read_paths(sys.argv[1:])]"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    run = subprocess.run([sys.executable, "-c", script, str(path), str(truncated)], capture_output=True, env=env,
                         timeout=60)
    lines = run.stderr.decode("utf-8").splitlines()
    assert b"\x00" not in run.stderr and b"\x1b" not in run.stderr
    escaped_name = str(path).replace("\x1b", "\\x1b")
    assert f"{escaped_name}: pypdf: Advanced encoding /Ide\\x00tity-H not implemented yet, using utf-16-be instead." \
        in lines
    assert f"{truncated}: pypdf: EOF marker not found" in lines
    assert all(line.startswith((escaped_name, str(truncated))) for line in lines), lines


def test_the_document_is_still_read(tmp_path, caplog):
    path = _pdf_with_nul_in_its_font_encoding(tmp_path)
    with caplog.at_level(logging.WARNING, logger="prolifwatch.formats"):
        items = list(read_paths([path]))
    assert [type(i) for i in items] == [RawDocument]
    assert items[0].text.startswith("VZCZCXYZ0000")
    (record,) = [r for r in caplog.records if r.name == "prolifwatch.formats"]
    assert "\x00" not in record.getMessage() and "Ide\\x00tity-H" in record.getMessage()


def test_a_broken_pdf_is_refused_with_its_name_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.pdf").write_bytes(_PDF.read_bytes()[:5000])
    (tmp_path / "b.pdf").write_bytes(_PDF.read_bytes())
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], ReadError) and items[0].path.endswith("a.pdf")
    assert "unreadable PDF" in items[0].reason
    assert isinstance(items[1], RawDocument)


def test_repeated_messages_are_counted_and_python_warnings_are_caught(caplog):
    with caplog.at_level(logging.WARNING, logger="prolifwatch.formats"):
        with reported_for("x.pdf"):
            for _ in range(3):
                logging.getLogger("pypdf._reader").warning("Ignoring wrong pointing object %s", "\x07")
            warnings.warn("old call", DeprecationWarning)
    messages = {r.getMessage() for r in caplog.records if r.name == "prolifwatch.formats"}
    assert messages == {
        "x.pdf: pypdf: Ignoring wrong pointing object \\x07 (×3)",
        "x.pdf: python: DeprecationWarning: old call",
    }
    # and the library's own logger is as it was
    assert logging.getLogger("pypdf").propagate and not logging.getLogger("pypdf").handlers


def test_visible_escapes_controls_and_keeps_text():
    assert one_line("a\x00b\x1b[2J\u202e¶ é\n") == "a\\x00b\\x1b[2J\\u202e¶ é\\x0a"
