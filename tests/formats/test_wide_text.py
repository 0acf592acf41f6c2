"""UTF-16 and UTF-32 text, with or without a byte-order mark, reads like its UTF-8 original.

Before: every such file was refused as "binary data" (it is full of NUL bytes).
"""
from __future__ import annotations

import codecs
import io
import zipfile

import pytest

from prolifwatch.formats import ReadError, read_paths
from prolifwatch.formats.decode import decode_bytes, looks_binary, wide_encoding
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS, SEED_ARTICLE_WAPO, SEED_CABLE_PREAMBLE

_CABLES = [
    SEED_CABLE_PREAMBLE,
    SEED_ARTICLE_WAPO,
    sorted((CORPUS / "plain-text").rglob("*.txt"))[0],
    sorted((CORPUS / "wikileaks-html").rglob("*.html"))[0],
]
# (codec, byte-order mark written before the text)
_ENCODINGS = [
    ("utf-16-le", b""),
    ("utf-16-be", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", b""),
    ("utf-32-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE),
    ("utf-32-be", codecs.BOM_UTF32_BE),
]


def _only_document(path) -> RawDocument:
    items = list(read_paths([path]))
    assert not [i for i in items if isinstance(i, ReadError)], items
    (doc,) = items
    return doc


@pytest.mark.parametrize("original", _CABLES, ids=lambda p: p.name)
@pytest.mark.parametrize("codec, bom", _ENCODINGS, ids=lambda v: v if isinstance(v, str) else ("bom" if v else "no-bom"))
def test_wide_text_reads_as_the_utf8_file(tmp_path, original, codec, bom):
    expected = _only_document(original)
    wide = tmp_path / f"wide{original.suffix}"
    wide.write_bytes(bom + decode_bytes(original.read_bytes())[0].encode(codec))  # (some are cp1252)
    doc = _only_document(wide)
    assert doc.source.format == expected.source.format
    assert doc.text == expected.text
    assert doc.meta == expected.meta
    assert doc.kind == expected.kind


def test_python_utf16_and_utf32_codecs_with_their_own_mark():
    text = SEED_CABLE_PREAMBLE.read_bytes().decode("utf-8")
    for codec in ("utf-16", "utf-32"):
        decoded, encoding = decode_bytes(text.encode(codec))
        assert decoded == text.replace("\r\n", "\n") and encoding.startswith(codec)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello " * 200)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _png(),
        _zip(),
        (CORPUS / "pdf" / "00ATHENS1501.pdf").read_bytes()[:8192],
        bytes(i % 7 for i in range(4000)),  # 8-bit samples, mostly NUL-free but controls
        b"".join((i % 20).to_bytes(2, "little") for i in range(2000)),  # 16-bit numbers: NUL high bytes
        b"".join(i.to_bytes(4, "little") for i in range(1, 1000)),  # 32-bit counters
    ],
    ids=["png", "zip", "pdf", "bytes", "int16", "int32"],
)
def test_binary_data_is_still_not_text(data):
    assert wide_encoding(data) is None
    assert looks_binary(data[:8192]) or data.startswith(b"%PDF")
