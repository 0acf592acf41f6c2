from prolifwatch.extract.evaluate import Report, normalise, score_mentions, score_transfers
from prolifwatch.extract.mention import Mention


def _m(type_, start, end):
    return Mention(type_, "x" * (end - start), start, end)


def test_mention_scores_strict_and_lenient():
    gold = [_m("Person", 0, 9), _m("Country", 20, 25), _m("Vessel", 40, 50)]
    predicted = [_m("Person", 0, 9), _m("Country", 18, 25), _m("Organization", 40, 50), _m("Place", 60, 65)]
    report = Report()
    score_mentions(gold, predicted, report)
    strict, lenient = report.total(report.mentions_strict), report.total(report.mentions_lenient)
    # strict: only the Person span is exact; lenient also takes the overlapping Country
    assert (strict.tp, strict.fp, strict.fn) == (1, 3, 2)
    assert (lenient.tp, lenient.fp, lenient.fn) == (2, 2, 1)
    assert round(lenient.precision, 3) == 0.5 and round(lenient.recall, 3) == 0.667


def test_transfer_arguments_scored_by_role():
    gold = [{"paragraph": 4, "supplier": [], "recipient": ["Iran"], "items": ["cartridges"],
             "via": [], "carrier": ["Iran Matin"], "status": "planned"}]
    predicted = [{"evidence": {"paragraph": 4}, "status": "impending",
                  "recipient": [{"text": "Iran's"}], "items": [{"text": "cartridges"}, {"text": "ammunition"}],
                  "carrier": [{"text": "M/V Iran Matin"}]}]
    report = Report()
    score_transfers(gold, predicted, report)
    t = report.transfer_arguments
    assert (t["recipient"].tp, t["items"].tp, t["items"].fp, t["carrier"].tp) == (1, 1, 1, 1)
    assert (t["status"].tp, t["status"].fp, t["status"].fn) == (0, 1, 1)


def test_normalise_sets_aside_case_articles_and_possessives():
    assert normalise("the Defense Industries Organization's") == "defense industries organization"
