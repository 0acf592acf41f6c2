"""The answers rule and thread ordering on small hand-made cables (text taken from
the corpus cables named beside them)."""
from __future__ import annotations

from prolifwatch.resolve.links import CITES, DocumentInfo, DocumentLink
from prolifwatch.resolve.threads import ThreadNode, answer_links, order_thread, reply_cue, request_cue


def _cable(cable_id, subject, first_paragraph, date=None):
    body = f"SUBJECT: {subject}\n\n{first_paragraph}\n"
    start = body.index(first_paragraph)
    return DocumentInfo(cable_id, "cable", date, subject, body, {"subject": subject},
                        ((0, start, start + len(first_paragraph)),))


# 09STATE100153 and 09TRIPOLI777
REQUEST = _cable("09STATE100153", "EXISTENCE OF A COVERT URANIUM ENRICHMENT FACILITY IN IRAN",
                 "1. (U) This is an action request. Please see paragraph 3 for action.", "2009-09-25")
REPLY = _cable("09TRIPOLI777", "DEMARCHE RESPONSE: EXISTENCE OF COVERT URANIUM ENRICHMENT FACILITY IN IRAN",
               "1.(SBU) P/E Chief delivered reftel demarche jointly with the French DCM on September 30.")
# 09PARIS1040 citing 09PARIS997: a post citing its own earlier report
OWN_REPORT = _cable("09PARIS997", "MFA AFRICA DIRECTOR'S JULY 21 DISCUSSION OF MADAGASCAR",
                    "1. (C) SUMMARY: MFA AF A/S-equivalent Stephane Gompertz on July 21 expressed frustration")
FOLLOW_UP = _cable("09PARIS1040", "WEST AFRICA: FRENCH MFA OFFICIAL'S JULY 30 COMMENTS",
                   "1. (C) SUMMARY: MFA AF Deputy DAS-equivalent Laurent Bigot on July 30 commented")


def _cite(src, dst):
    return DocumentLink(src.id, dst.id, CITES, 1.0, {"reference": f"REF: {dst.id}"})


def test_cues():
    assert request_cue(REQUEST)["cue"] == "action request"
    assert reply_cue(REPLY)["in"] == "subject"
    assert request_cue(FOLLOW_UP) is None and reply_cue(OWN_REPORT) is None


def test_a_reply_to_a_cited_request_answers_it():
    links = answer_links({c.id: c for c in (REQUEST, REPLY)}, [_cite(REPLY, REQUEST)])
    assert [(lnk.src, lnk.dst, lnk.kind, lnk.score) for lnk in links] == [("09TRIPOLI777", "09STATE100153", "answers", 1.0)]


def test_no_answer_without_a_citation_or_between_cables_of_one_post():
    assert answer_links({c.id: c for c in (REQUEST, REPLY)}, []) == []
    assert answer_links({c.id: c for c in (OWN_REPORT, FOLLOW_UP)}, [_cite(FOLLOW_UP, OWN_REPORT)]) == []


def test_a_request_citing_the_reply_is_not_an_answer():
    assert answer_links({c.id: c for c in (REQUEST, REPLY)}, [_cite(REQUEST, REPLY)]) == []


def test_subject_overlap_stands_in_for_a_reply_cue_with_a_lower_score():
    quiet = _cable("09TRIPOLI778", "EXISTENCE OF COVERT URANIUM ENRICHMENT FACILITY IN IRAN: LIBYAN VIEWS",
                   "1. (SBU) The Libyan MFA said on September 30 that Libya opposes enrichment.")
    links = answer_links({c.id: c for c in (REQUEST, quiet)}, [_cite(quiet, REQUEST)])
    assert [lnk.score for lnk in links] == [0.7]


def test_thread_order_by_date_with_requests_first_when_undated():
    nodes = [ThreadNode("10TRIPOLI135", None), ThreadNode("10KUWAIT88", "2010-02-01"),
             ThreadNode("10STATE9124", None), ThreadNode("10BRASILIA33", "2010-01-29")]
    pairs = [("10TRIPOLI135", "10STATE9124"), ("10KUWAIT88", "10STATE9124"), ("10BRASILIA33", "10STATE9124")]
    ordered = order_thread(nodes, pairs)
    assert [n["id"] for n in ordered] == ["10STATE9124", "10TRIPOLI135", "10BRASILIA33", "10KUWAIT88"]
    assert [n["depth"] for n in ordered] == [0, 1, 1, 1]
