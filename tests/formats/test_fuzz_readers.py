"""Mutated real inputs of every layout: a reader reads or refuses them, never crashes, never hangs.

bench/fuzz_readers.py runs the same cases 10,000 at a time (docs/benchmarks.md).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats.fuzz_inputs import MUTATIONS, SAMPLES, make_case, read_case


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(sorted(SAMPLES)), st.sampled_from(sorted(MUTATIONS)), st.integers(0, 2**32))
def test_a_mutated_input_is_read_or_refused_in_time(layout, mutation, seed):
    outcome, seconds = read_case(make_case(layout, mutation, seed))
    assert outcome == "read" or outcome.startswith("refused: ")
    assert seconds < 10


def test_every_layout_and_mutation_is_in_the_mix():
    assert len(SAMPLES) == 11 and all(path.is_file() for path in SAMPLES.values())
    assert {"flip", "truncate", "nul", "nest", "unicode", "csv-quoting", "wide"} <= set(MUTATIONS)


def test_a_preamble_date_the_calendar_lacks_is_read_without_a_date():
    # Found by bench/fuzz_readers.py (cable-preamble-text flip seed=6151): strptime's ValueError
    # escaped the reader.
    from tests.formats.fuzz_inputs import sample

    data = sample("cable-preamble-text")
    assert b"Wed Sep 03 00:00:00 +0200 2008" in data
    outcome, _ = read_case(data.replace(b"Sep 03", b"Sep 83"))
    assert outcome == "read"
    outcome, _ = read_case(make_case("cable-preamble-text", "flip", 6151))
    assert outcome == "read" or outcome.startswith("refused: ")
