"""cables.csv cut into slices reads as the stream reads it: same rows, same order,
same error lines, and nothing after a row that stops the file."""
from __future__ import annotations

import pytest

from prolifwatch import pipeline
from prolifwatch.formats import ReadError, cables_csv, csv_slices
from prolifwatch.formats.csv_slices import SliceOrder, is_cables_csv, plan_slices, read_slice
from prolifwatch.model import RawDocument
from tests.conftest import CORPUS

SAMPLE = (CORPUS / "cables-csv" / "cables_sample.csv").read_bytes()
_SECOND = SAMPLE.index(b'\n"2","') + 1
ROWS = (SAMPLE[:_SECOND], SAMPLE[_SECOND:].rstrip(b"\n") + b"\n")  # the sample's two real rows
# A body line that opens like a row but with escaped quotes, as inside a field.
TRAP = b'\\"9\\",\\"1/2/1999 10:00\\",\\"not a row\\"\n'


def numbered(row: bytes, number: int) -> bytes:
    assert row.startswith((b'"1","', b'"2","'))
    return b'"%d","' % number + row.split(b'","', 1)[1]


def many_rows(count: int) -> bytes:
    rows = []
    for n in range(1, count + 1):
        row = numbered(ROWS[n % 2], n)
        if n % 5 == 0:  # a trap line inside the body
            row = row[:-2] + b"\n" + TRAP + row[-2:]
        if n % 7 == 0:
            row = row.replace(b"\n", b"\r\n")
        rows.append(row)
    return b"".join(rows)


def lines(data: bytes) -> int:
    return data.count(b"\n")  # the CR LF rows count once


def stream(path) -> list:
    with open(path, "rb") as handle:
        return list(cables_csv.read_stream(handle, str(path)))


def sliced(path, size: int, max_row_bytes: int = 2**20) -> list:
    order, items = SliceOrder(), []
    for piece in plan_slices(str(path), max_row_bytes=max_row_bytes, size=size):
        rows = read_slice(piece)
        items += [item for item, _ in order.place(piece, [(i, None) for i in rows.items], rows.lines, rows.stopped)]
    return items


@pytest.mark.parametrize("size", [1, 12_000, 40_000, 10**9])
def test_slices_read_the_rows_of_the_stream(tmp_path, size):
    path = tmp_path / "cables.csv"
    path.write_bytes(many_rows(40))
    expected = stream(path)
    assert len(expected) == 40 and not any(isinstance(i, ReadError) for i in expected)
    pieces = list(plan_slices(str(path), max_row_bytes=2**20, size=size))
    if size == 1:
        assert len(pieces) == 40  # a slice holds at least one row
    elif size == 10**9:
        assert len(pieces) == 1
    else:
        assert 1 < len(pieces) < 40
    assert sliced(path, size) == expected


def test_every_cut_is_at_a_row_start(tmp_path):
    data = many_rows(25)
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    cuts = [p.start for p in plan_slices(str(path), max_row_bytes=2**20, size=1)]
    starts = [0] + [i + 1 for i in range(len(data)) if data.startswith(b'\n"', i) and data[i + 2 : i + 3].isdigit()]
    assert cuts == starts


def test_a_short_row_is_reported_with_its_line_in_the_whole_file(tmp_path):
    short = b'"3","12/28/1966 18:48","66X1","Embassy X"\n'
    data = many_rows(2) + short + many_rows(6)
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    expected = stream(path)
    error = next(i for i in expected if isinstance(i, ReadError))
    assert error.line == lines(data[: data.index(short)]) + 1 and "4 columns" in error.reason
    assert sliced(path, 1) == expected


def oversized(number: int) -> bytes:
    """A row whose body is over LIMIT bytes: the reader cannot go on after it."""
    row = numbered(ROWS[1], number)
    return row[:-2] + b"x" * LIMIT + row[-2:]


LIMIT = 30_000


def test_reading_stops_at_an_oversized_row_as_the_stream_does(tmp_path):
    data = many_rows(2) + oversized(3) + many_rows(4)
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    with open(path, "rb") as handle:
        expected = list(cables_csv.read_stream(handle, str(path), max_row_bytes=LIMIT))
    got = sliced(path, 1, LIMIT)
    assert [type(i) for i in got] == [type(i) for i in expected] == [RawDocument] * 2 + [ReadError]
    assert got == expected
    assert got[2].line == lines(data[: data.index(b'"3","')]) + 1
    assert got[2].stops_file and "rest of the file not read" in got[2].reason


def test_only_regular_cables_csv_files_are_sliced(tmp_path):
    assert is_cables_csv(str(CORPUS / "cables-csv" / "cables_sample.csv"))
    assert not is_cables_csv(str(CORPUS / "plain-text"))
    assert not is_cables_csv(str(next((CORPUS / "plain-text").iterdir())))
    assert not is_cables_csv("-")
    assert not is_cables_csv(str(tmp_path / "missing.csv"))


def test_the_pool_reads_slices_as_one_process_reads_the_stream(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_slices, "SLICE_BYTES", 1)
    good = tmp_path / "good.csv"
    good.write_bytes(many_rows(9) + b'"10","1/1/1970 00:00","70X1"\n' + many_rows(3))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(many_rows(5) + oversized(6) + many_rows(5))
    paths = [good, CORPUS / "plain-text", bad]

    def described(workers: int) -> list[str]:
        return [f"{x.path}:{x.line}" if isinstance(x, ReadError) else f"{x.id} {x.sources[0].row}"
                for x in pipeline.parse_paths(paths, workers=workers, max_bytes=LIMIT)]

    single = described(1)
    assert len(single) == 9 + 1 + 3 + 24 + 5 + 1
    assert single[9] == f"{good}:{lines(many_rows(9)) + 1}"
    assert single[-1] == f"{bad}:{lines(many_rows(5)) + 1}"
    assert described(2) == single


def test_a_slice_is_decoded_as_the_stream_decodes_it(tmp_path):
    row = numbered(ROWS[0], 1).replace(b"FISHING", "FISCHFANG ÄÖÜ".encode() + b"\xff", 1)
    path = tmp_path / "cables.csv"
    path.write_bytes(row + numbered(ROWS[1], 2))
    assert sliced(path, 1) == stream(path)
    assert "\ufffd" in sliced(path, 1)[0].text


def test_the_pool_says_how_far_into_the_file_it_has_read(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_slices, "SLICE_BYTES", 1)
    data = many_rows(6)
    path = tmp_path / "cables.csv"
    path.write_bytes(data)
    offsets = []
    docs = list(pipeline.analyse_paths([path], workers=2, extract=False,
                                       on_read=lambda p, offset: offsets.append((p, offset))))
    assert len(docs) == 6
    row_ends = [i + 1 for i in range(len(data)) if data.startswith(b'\n"', i) and data[i + 2 : i + 3].isdigit()]
    assert offsets == [(str(path), end) for end in [*row_ends, len(data)]]


def test_a_slice_of_a_file_gone_is_reported_not_raised(tmp_path):
    path = tmp_path / "cables.csv"
    path.write_bytes(many_rows(3))
    (piece,) = plan_slices(str(path), max_row_bytes=2**20)
    path.unlink()
    rows = read_slice(piece)
    assert rows.stopped and len(rows.items) == 1
    assert rows.items[0].path == str(path) and "cannot read" in rows.items[0].reason
