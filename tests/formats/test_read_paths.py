"""Files, folders and stdin; every bad file gives one error naming it, the rest go on."""
from __future__ import annotations

import io
import os
import sys

import pytest

from prolifwatch.formats import ReadError, iter_files, read_paths
from prolifwatch.formats.decode import decode_bytes, looks_binary
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS, SEED_CABLE_PREAMBLE, SEEDS


def _split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, ReadError)]
    return docs, errors


def test_folder_is_read_recursively_in_a_stable_order():
    files = list(iter_files([CORPUS / "wikileaks-html-1960s-70s"]))
    assert len(files) == 10
    assert files == sorted(files)


def test_folder_walk_skips_the_folders_own_documentation():
    files = [os.path.basename(f) for f in iter_files([CORPUS])]
    assert "README.md" not in files and "SOURCES.tsv" not in files
    assert len(files) == 815


def test_seeds_folder_gives_three_cables_and_two_articles():
    docs, errors = _split(list(read_paths([SEEDS])))
    assert errors == []
    assert sorted(d.kind for d in docs) == ["article", "article", "cable", "cable", "cable"]


def test_bad_files_are_reported_by_name_and_the_rest_go_on(tmp_path):
    (tmp_path / "a_binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_notes.txt").write_text("remember to buy milk\n")
    (tmp_path / "d_cable.txt").write_bytes(SEED_CABLE_PREAMBLE.read_bytes())
    (tmp_path / "e_big.txt").write_bytes(b"x" * 4000)
    docs, errors = _split(list(read_paths([tmp_path, tmp_path / "missing.txt"], max_bytes=3000)))
    assert [d.meta["id"] for d in docs] == ["08BEIJING3400"]
    reasons = {os.path.basename(e.path): e.reason for e in errors}
    assert set(reasons) == {"a_binary.bin", "b_empty.txt", "c_notes.txt", "e_big.txt", "missing.txt"}
    assert "binary" in reasons["a_binary.bin"]
    assert "empty" in reasons["b_empty.txt"]
    assert "not a cable or article" in reasons["c_notes.txt"]
    assert "limit" in reasons["e_big.txt"]
    assert "cannot read" in reasons["missing.txt"]
    assert all(str(e).startswith(e.path) for e in errors)


def test_stdin_is_read_with_dash(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(SEED_CABLE_PREAMBLE.read_bytes()))
    monkeypatch.setattr(sys, "stdin", fake)
    [raw] = list(read_paths(["-"]))
    assert raw.meta["id"] == "08BEIJING3400"
    assert raw.source.path == "<stdin>"


@pytest.mark.parametrize(
    "data, expected, encoding",
    [
        ("¶1. (C) Text".encode("utf-8"), "¶1. (C) Text", "utf-8"),
        (b"\xb61. (C) Text", "¶1. (C) Text", "cp1252"),
        (b"\x93quoted\x94 \x81", "\u201cquoted\u201d \x81", "cp1252"),  # 0x81 is undefined in cp1252
        (b"\xef\xbb\xbfBOM\r\nline\rold mac", "BOM\nline\nold mac", "utf-8"),
    ],
)
def test_decode_never_fails(data, expected, encoding):
    assert decode_bytes(data) == (expected, encoding)


def test_looks_binary():
    assert looks_binary(b"abc\x00def")
    assert looks_binary(bytes(range(32)) * 10)
    assert not looks_binary("¶1. (S) Cable text\n\twith a tab\f".encode())
