"""Real inputs of every layout, and the ways the fuzz test and bench/fuzz_readers.py break them.

Each mutation takes a ``random.Random`` and the bytes, and returns new bytes;
the same seed always gives the same input, so a failing case can be rerun.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from prolifwatch.formats import FormatError, read_bytes
from prolifwatch.model import RawDocument

_SHARED = Path(__file__).resolve().parents[3] / "shared"
_CORPUS = _SHARED / "corpus"


def _first(folder: str, pattern: str) -> Path:
    return sorted((_CORPUS / folder).rglob(pattern))[0]


#: One real file per layout (all small, so that a case takes milliseconds).
SAMPLES: dict[str, Path] = {
    "article-text": _SHARED / "seeds" / "000_64ff7e57a2bd5472.txt",
    "cable-preamble-text": _SHARED / "seeds" / "001_9c014b750e386666.txt",
    "cable-search-export": _SHARED / "seeds" / "002_f43618049e87ecce.txt",
    "wikileaks-page-text": _SHARED / "seeds" / "003_9b312f05c89310a6.txt",
    "plain-cable-text": _first("plain-text", "*.txt"),
    "scraped-cable-text": _first("scraped-text", "*.txt"),
    "wikileaks-html": _first("wikileaks-html", "*.html"),
    "wikileaks-html-70s": _first("wikileaks-html-1960s-70s", "*.html"),
    "plusd-html": _first("plusd-html", "*.html"),
    "cable-pdf": min((_CORPUS / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size),
    "cables-csv": _CORPUS / "cables-csv" / "cables_sample.csv",
}
_DATA: dict[str, bytes] = {}


def sample(layout: str) -> bytes:
    if layout not in _DATA:
        _DATA[layout] = SAMPLES[layout].read_bytes()
    return _DATA[layout]


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def _inject_nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 64) + data[at:]


def _nest(rng: random.Random, data: bytes) -> bytes:
    tag = rng.choice([b"div", b"pre", b"b", b"table", b"td", b"span", b"svg", b"li", b"font color=1"])
    at = rng.randrange(len(data) + 1)
    return data[:at] + (b"<" + tag + b">") * rng.randint(100, 5000) + data[at:]


def _random_unicode(rng: random.Random, data: bytes) -> bytes:
    text = "".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0x80, 0x2FFF),
                                   rng.randrange(0x1F300, 0x1F6FF), 0x1B, 0x202E, 0xFEFF, 0x0]))
                   for _ in range(rng.randint(1, 200)))
    at = rng.randrange(len(data) + 1)
    return data[:at] + text.encode("utf-8", errors="surrogatepass") + data[at:]


def _break_csv_quoting(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice([b'"', b'\\"', b'""', b'\\', b'","', b"\r", b"\n\"9\",\""])
    return bytes(out)


def _splice(rng: random.Random, data: bytes) -> bytes:
    """A piece of the file repeated or moved: duplicated headers, rows cut in two."""
    a, b = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[a:b] * rng.randint(1, 5) + data[at:]


def _hostile_markup(rng: random.Random, data: bytes) -> bytes:
    piece = rng.choice([b"&#x1b;[2J", b"\x1b]0;title\x07", b"&#0;", b"&#xD800;", b"<![CDATA[", b"<!--",
                        b"<script>", b"<plaintext>", b"&#99999999999;", b"<math><mi><mglyph><style>"])
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece * rng.randint(1, 50) + data[at:]


def _wide(rng: random.Random, data: bytes) -> bytes:
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
    return data.decode("utf-8", errors="replace").encode(codec)


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": _flip_bytes,
    "truncate": _truncate,
    "nul": _inject_nul,
    "nest": _nest,
    "unicode": _random_unicode,
    "csv-quoting": _break_csv_quoting,
    "splice": _splice,
    "markup": _hostile_markup,
    "wide": _wide,
}


def make_case(layout: str, mutation: str, seed: int) -> bytes:
    rng = random.Random(f"{layout}/{mutation}/{seed}")
    data = sample(layout)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):  # sometimes stack a second or third mutation
        data = MUTATIONS[mutation](rng, data) if data else data
        mutation = rng.choice(list(MUTATIONS))
    return data


def read_case(data: bytes, name: str = "fuzz-case") -> tuple[str, float]:
    """Read ``data`` as a file; ``("read", seconds)`` or ``("refused: <reason>", seconds)``.

    Any exception other than FormatError propagates: that is a reader crash.
    """
    started = time.perf_counter()
    try:
        docs = list(read_bytes(data, name))
    except FormatError as exc:
        return f"refused: {exc.reason}", time.perf_counter() - started
    assert all(isinstance(d, RawDocument) and isinstance(d.text, str) for d in docs)
    return "read", time.perf_counter() - started
