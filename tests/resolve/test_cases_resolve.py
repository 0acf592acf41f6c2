"""The pure case builder: date intervals, tolerances, blocking and chaining limits."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from prolifwatch.resolve.cases import TransferInput, build_cases
from prolifwatch.resolve.cases_dates import Interval, parse_interval, sort_key, transfer_interval
from tests.resolve.test_cases_fixtures import arg, transfer

VESSEL = arg("entity:iran-matin", "Iran Matin", "Vessel")
DIO = arg("entity:defense-industries-organization", "Defense Industries Organization")
CARTRIDGES = arg("item:Wassenaar ML3", "cartridges", "Item")
CHINA = arg("country:CN", "China", "Country")


def _shipment(doc: str, doc_date: str, date_: str | None, idx: int = 0, pk: int = 0, **roles) -> TransferInput:
    roles = roles or {"supplier": [CHINA], "recipient": [DIO], "items": [CARTRIDGES], "carrier": [VESSEL]}
    return TransferInput(pk, doc, doc_date, idx, transfer(f"{doc} reports the shipment.", date=date_, **roles))


def _groups(cases) -> list[set[str]]:
    return sorted(({f"{t['document']}#{t['idx']}" for t in c.record["transfers"]} for c in cases), key=sorted)


def test_intervals_of_each_date_form():
    assert parse_interval("2007-11-04").precision == "day"
    month = parse_interval("2007-11")
    assert (month.start, month.end) == (date(2007, 11, 1), date(2007, 11, 30))
    year = parse_interval("2007")
    assert (year.start, year.end, year.precision) == (date(2007, 1, 1), date(2007, 12, 31), "year")
    window = parse_interval("2007-11-24/2007-11-26")
    assert (window.start, window.end, window.precision) == (date(2007, 11, 24), date(2007, 11, 26), "window")
    assert parse_interval("soon") is None and parse_interval(None) is None
    fallback = transfer_interval(None, "2008-09-02T13:01:00", before_days=365, after_days=0)
    assert not fallback.own and fallback.end == date(2008, 9, 2) and fallback.start == date(2007, 9, 3)
    assert sort_key("2007-11", "2010-11-29") == "2007-11-01"
    assert sort_key(None, "2010-11-29T00:00:00") == "2010-11-29"


def test_day_dates_more_than_a_month_apart_are_two_shipments():
    cases, _ = build_cases([_shipment("A", "2007-11-20", "2007-11-24"), _shipment("B", "2008-01-20", "2008-01-10")])
    assert len(cases) == 2


def test_month_dates_within_six_months_merge_and_beyond_do_not():
    close = [_shipment("A", "2007-11-20", "2007-11"), _shipment("B", "2008-03-01", "2008-02")]
    assert len(build_cases(close)[0]) == 1
    far = [_shipment("A", "2007-11-20", "2007-11"), _shipment("B", "2008-09-01", "2008-08")]
    assert len(build_cases(far)[0]) == 2


def test_undated_reports_fall_back_to_their_document_date():
    near = [_shipment("A", "2007-11-22", "2007-11-24"), _shipment("B", "2008-01-15", None)]
    assert len(build_cases(near)[0]) == 1
    stale = [_shipment("A", "2007-11-22", "2007-11-24"), _shipment("B", "2010-06-01", None)]
    assert len(build_cases(stale)[0]) == 2


def test_a_monthly_chain_is_not_stretched_into_one_case_over_years():
    chain = [_shipment(f"D{m:02d}", f"{2007 + m // 12}-{m % 12 + 1:02d}-28", f"{2007 + m // 12}-{m % 12 + 1:02d}",
                       pk=m) for m in range(30)]
    cases, counts = build_cases(chain)
    assert len(cases) > 1
    assert counts["merges_refused_for_spread"] > 0
    for case in cases:
        months = sorted(t["date"] for t in case.record["transfers"])
        first, last = parse_interval(months[0]), parse_interval(months[-1])
        assert (last.start - first.end).days <= 183


def test_blocking_compares_only_transfers_that_share_something():
    unrelated = [
        _shipment(f"X{i}", f"{1990 + i % 20}-06-01", f"{1990 + i % 20}-05", idx=0, pk=i,
                  supplier=[arg(f"org:supplier-{i}", f"Supplier {i}")], recipient=[arg(f"org:buyer-{i}", f"Buyer {i}")],
                  items=[arg(f"model:m-{i}", f"model {i}", "Item")])
        for i in range(1500)
    ]
    pair = [_shipment("A", "2007-11-22", "2007-11-24", pk=5000), _shipment("B", "2007-12-01", "2007-11-24", pk=5001)]
    cases, counts = build_cases(unrelated + pair)
    assert {"A#0", "B#0"} in _groups(cases)
    assert len(cases) == 1501
    assert counts["pairs_compared"] < 1500  # not the 1.1 million of comparing everything


def test_a_case_is_titled_by_parties_items_route_and_carrier():
    kp, ir = arg("country:KP", "North Korea", "Country"), arg("country:IR", "Iran", "Country")
    roles = {"supplier": [kp], "recipient": [ir], "items": [arg("item:MTCR 2.A.1", "jet vanes", "Item")],
             "via": [arg("place:beijing", "Beijing", "Place")], "carrier": [arg("entity:iran-air", "Iran Air")]}
    cases, _ = build_cases([_shipment("07STATE152317", "2007-11-03", "2007-11-04", **roles)],
                           names={"country:KP": "DPRK"})
    assert cases[0].title == "DPRK → Iran: jet vanes via Beijing (Iran Air)"


def test_candidate_pairs_are_distinct_ordered_and_skip_oversized_blocks():
    from prolifwatch.resolve.cases_pairs import candidate_pairs

    # Block [0, 1, 2] gives 0-1, 0-2, 1-2; [1, 2] repeats 1-2; [3, 4, 5, 6] is over the limit of 3.
    codes, oversized = candidate_pairs([[0, 1, 2], [1, 2], [3, 4, 5, 6], [7]], 10, 3)
    assert [divmod(int(code), 10) for code in codes] == [(0, 1), (0, 2), (1, 2)]
    assert oversized == 1


@given(st.lists(st.integers(min_value=0, max_value=10**11), max_size=300))
def test_pair_codes_are_made_distinct_and_sorted_as_numpy_unique_does(values):
    from prolifwatch.resolve.cases_pairs import _sorted_distinct

    codes = np.asarray(values, dtype=np.int64)
    assert _sorted_distinct(codes).tolist() == np.unique(codes).tolist() == sorted(set(values))


def test_only_pairs_whose_score_counts_are_kept():
    from prolifwatch.resolve.cases_pairs import candidate_pairs, score_pairs

    codes, _ = candidate_pairs([list(range(40))], 40, 100)

    def score(i, j):  # None (ruled out by dates) for some, zero or below for others
        return None if (i + j) % 5 == 0 else float((i * j) % 7 - 2)

    kept = score_pairs(score, codes, 40, lambda value: value > 2)
    assert {(i, j) for i, j, _ in kept} == {
        (i, j) for i in range(40) for j in range(i + 1, 40) if (i + j) % 5 and (i * j) % 7 > 4}
    assert all(value == (i * j) % 7 - 2 for i, j, value in kept)


_INTERVALS = st.one_of(st.none(), st.builds(
    lambda start, length, precision, own: Interval(start, start + timedelta(days=length), precision, own),
    # (within two years, so that the tolerances of 0, 31 and 183 days all come into play)
    st.dates(min_value=date(2007, 1, 1), max_value=date(2008, 12, 31)), st.integers(0, 90),
    st.sampled_from(["day", "month", "year", "window", "document"]), st.booleans()))


@given(st.lists(_INTERVALS, min_size=2, max_size=12))
def test_pairs_dates_may_agree_are_those_date_score_does_not_rule_out(intervals):
    from prolifwatch.resolve.cases import _Scorer, default_config
    from prolifwatch.resolve.cases_pairs import candidate_pairs

    scorer = _Scorer(default_config(), set())
    profiles = [SimpleNamespace(interval=interval) for interval in intervals]
    n = len(profiles)
    codes, _ = candidate_pairs([list(range(n))], n, 100)
    kept = scorer.dates_may_agree(codes, profiles, chunk=5)  # (several chunks)
    assert [divmod(int(c), n) for c in kept] == [
        (i, j) for i in range(n) for j in range(i + 1, n)
        if scorer.date_score(intervals[i], intervals[j]) is not None]
