from datetime import date

import pytest

from prolifwatch.extract.dates import find_dates

# (sentence as printed in the seeds, document date, expected values in order)
CASES = [
    ("We now have information that the goods will be shipped on 4 November", date(2007, 11, 3), ["2007-11-04"]),
    ("a Chinese-origin shipment of proliferation concern that occurred in May and June.", date(2008, 9, 3),
     ["2008-05", "2008-06"]),
    ("China shipped missile launch vehicles to North Korea last year", date(2012, 6, 14), ["2011"]),
    ("The Iran Matin is scheduled to depart Tianjin between 24 and 26 November and arrive back at Bandar Abbas "
     "on 14 December.", date(2007, 11, 22), ["2007-11-24/2007-11-26", "2007-12-14"]),
    ("According to a cable dated Nov. 3, 2007, and signed by then-Secretary of State Condoleezza Rice, a North "
     "Korean cargo ... was set to be shipped the next day", date(2010, 11, 29), ["2007-11-03", "2007-11-04"]),
    ("Deputy Director Sun Lei on March 20.", date(2009, 3, 20), ["2009-03-20"]),
    ("in a September 3 meeting", date(2008, 9, 3), ["2008-09-03"]),
    ("was in port at Tianjin, China, on 21 November 2007.", date(2007, 11, 22), ["2007-11-21"]),
    # a month far after the document's date was last year's
    ("the shipment left in December", date(2008, 1, 10), ["2007-12"]),
    ("The United States asked China in 2007 to stop a shipment", date(2010, 11, 29), ["2007"]),
]


@pytest.mark.parametrize("sentence, anchor, expected", CASES)
def test_dates_normalised_against_the_document_date(sentence, anchor, expected):
    assert [d.value for d in find_dates(sentence, anchor)] == expected


def test_may_the_verb_is_not_a_month():
    assert find_dates("exports by named Chinese firms may be diverted", date(2010, 1, 1)) == []


def test_without_an_anchor_only_dates_with_a_year_are_resolved():
    assert [d.value for d in find_dates("on 21 November 2007 and on 4 November", None)] == ["2007-11-21"]


def test_years_in_early_and_before_a_noun():
    # 06ANKARA331 (dev) ¶16: both years are the tenders' dates
    sentence = ("The last significant commercial tender won by a U.S. firm was the 2002 win by Boeing for an Air Early "
                "Warning and Control (AEW&C) system. In early 2004, SSM (the Defense Industries Undersecretariat ) "
                "Turkey,s major procurement agency) cancelled three tenders")
    assert [d.value for d in find_dates(sentence, None)] == ["2002", "2004"]


def test_a_month_printed_without_its_year_says_so():
    found = find_dates("shipped in May 2008 and again in June", date(2008, 9, 3))
    assert [(d.value, d.year_given) for d in found] == [("2008-05", True), ("2008-06", False)]
    assert found[1].with_year(2007).value == "2007-06"
    window = find_dates("between 24 and 26 November", date(2007, 11, 22))[0]
    assert window.with_year(2006).value == "2006-11-24/2006-11-26"
