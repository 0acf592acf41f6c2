"""compare(): how two versions of one document differ, on small hand-made versions."""
from __future__ import annotations

from prolifwatch.query.versions import compare, field_differences, paragraph_differences, word_changes


def _version(sha="a", paragraphs=(), **fields):
    base = {"id": "08BEIJING3400", "created": "2008-09-03T09:09:00", "created_precision": "day",
            "created_source": "layout", "origin": "Embassy Beijing",
            "classification": "SECRET", "tags": ["PARM", "CH"], "references": [], "subject": "SHIPMENT"}
    return {"text_sha256": sha, "fields": {**base, **fields}, "paragraphs": [list(p) for p in paragraphs]}


def test_the_same_version_has_no_difference():
    v = _version(paragraphs=[("1.", "(S) One."), ("2.", "(C) Two.")])
    assert compare(v, v) == {"same_text": True, "fields": [], "paragraphs": []}


def test_a_field_only_one_version_states_is_a_difference():
    kept = _version()
    other = _version(created=None, created_precision=None, created_source=None, origin=None, tags=[])
    assert field_differences(kept["fields"], other["fields"]) == [
        {"field": "created", "kept": "2008-09-03T09:09:00", "source": None,
         "kept_created_precision": "day", "source_created_precision": None,
         "kept_created_source": "layout", "source_created_source": None},
        {"field": "origin", "kept": "Embassy Beijing", "source": None},
        {"field": "tags", "kept": ["PARM", "CH"], "source": []},
    ]


def test_how_a_date_is_known_is_shown_with_it_not_compared_alone():
    # Same date, one read from the layout, one from the date-time group: the same value.
    kept, other = _version(), _version(created_source="dtg")
    assert field_differences(kept["fields"], other["fields"]) == []
    other = _version(created="2007-10-09", created_source="declassify-estimate")
    (created,) = field_differences(kept["fields"], other["fields"])
    assert (created["source"], created["source_created_source"]) == ("2007-10-09", "declassify-estimate")


def test_an_empty_list_and_a_missing_value_are_the_same():
    assert field_differences({"references": []}, {"references": None}) == []


def test_fields_are_compared_even_when_the_text_is_the_same():
    # Two copies of one page that state different times (72TEHRAN1164 on two mirrors).
    result = compare(_version("s", created="1972-02-25T09:30:00"), _version("s", created="1972-02-25T09:09:00"))
    assert result["same_text"] is True
    assert [(f["field"], f["kept"], f["source"]) for f in result["fields"]] == [
        ("created", "1972-02-25T09:30:00", "1972-02-25T09:09:00")]
    assert result["paragraphs"] == []


def test_pilcrows_spacing_and_typographic_quotes_are_layout_not_wording():
    kept = _version("a", paragraphs=[("¶1.", "¶1. (S) The DPRK’s  reply,\n“none”.")])
    other = _version("b", paragraphs=[("1.", "1. (S) The DPRK's reply, \"none\".")])
    assert compare(kept, other) == {"same_text": False, "fields": [], "paragraphs": []}


def test_a_reworded_paragraph_lists_the_changed_words_with_context():
    kept = _version("a", paragraphs=[("4.", "4. (S)xxxxx said the DPRK is not a threat.")])
    other = _version("b", paragraphs=[("4.", "4. (S) VFM Kim said the DPRK is not a threat.")])
    (diff,) = compare(kept, other)["paragraphs"]
    assert diff["status"] == "differs"
    assert (diff["number"], diff["kept_index"], diff["source_index"]) == ("4.", 0, 0)
    assert diff["changes"] == [
        {"before": "4.", "kept": "(S)xxxxx", "source": "(S) VFM Kim", "after": "said the DPRK is"}
    ]


def test_word_changes_give_at_most_four_words_of_context():
    changes = word_changes("one two three four five six seven", "one two three four 5 six seven")
    assert changes == [{"before": "one two three four", "kept": "five", "source": "5", "after": "six seven"}]


def test_paragraphs_pair_by_number_and_report_the_missing_and_the_extra():
    kept = [["1.", "1. Alpha."], ["2.", "2. Beta."], ["3.", "3. Gamma."]]
    other = [["¶1.", "¶1. Alpha."], ["¶3.", "¶3. Gamma changed."], ["¶4.", "¶4. Delta."]]
    diffs = paragraph_differences(kept, other)
    assert [(d["number"], d["status"], d["kept_index"], d["source_index"]) for d in diffs] == [
        ("2.", "only-kept", 1, None),
        ("3.", "differs", 2, 1),
        ("¶4.", "only-source", None, 2),
    ]
    assert diffs[0]["kept"] == "2. Beta." and diffs[0]["source"] is None and diffs[0]["changes"] == []


def test_unnumbered_paragraphs_that_differ_pair_in_order():
    kept = [[None, "Summary of the talks."], ["1.", "1. Alpha."]]
    other = [[None, "Summary of the meeting."], ["1.", "1. Alpha."]]
    (diff,) = paragraph_differences(kept, other)
    assert (diff["number"], diff["status"], diff["kept_index"], diff["source_index"]) == (None, "differs", 0, 0)
    assert [(c["kept"], c["source"]) for c in diff["changes"]] == [("talks.", "meeting.")]


def test_paragraphs_are_not_compared_when_the_text_hashes_match():
    # The same text parses to the same paragraphs; a stored version is trusted to match its hash.
    result = compare(_version("same", paragraphs=[("1.", "x")]), _version("same", paragraphs=[("1.", "y")]))
    assert result["paragraphs"] == []


def test_a_version_without_paragraphs_and_another_text_has_no_paragraph_comparison():
    result = compare(_version("a", paragraphs=[("1.", "x")]), {**_version("b"), "paragraphs": None})
    assert result == {"same_text": False, "fields": [], "paragraphs": None}
