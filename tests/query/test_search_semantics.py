"""Search semantics (issue 20, item 5): exclusions exclude, and a query with
nothing to search for is refused with examples instead of matching everything."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from prolifwatch.cli import app
from prolifwatch.query.fts_query import QueryError, parse
from prolifwatch.query.search import require_terms_or_filters, search
from prolifwatch.store import open_store
from tests.query.test_search import _cable

ALL = {"09BEIJING724", "08BEIJING3400", "07STATE159388", "05DAMASCUS1"}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("semantics") / "s.sqlite"
    with open_store(path) as s:
        s.put(_cable("09BEIJING724", "LIMMT PROLIFERATION TO IRAN", "LIMMT sold machines to Iran.",
                     tags=["PARM"], created="2009-03-20T08:40:00"))
        s.put(_cable("08BEIJING3400", "SHIPMENT TO IRAN AND SYRIA", "Goods for Iran went on to Syria.",
                     tags=["PARM"], created="2008-09-03T00:00:00"))
        s.put(_cable("07STATE159388", "IRAN MATIN", "The vessel Iran Matin loaded cartridges.",
                     tags=["PREL"], created="2007-11-22T00:12:00"))
        s.put(_cable("05DAMASCUS1", "SYRIAN CHEMICALS", "Syria bought precursors.",
                     tags=["PARM"], created="2005-01-02T00:00:00"))
    return str(path)


@pytest.fixture(scope="module")
def store(db):
    with open_store(db) as s:
        yield s


def _ids(result) -> set[str]:
    return {h.id for h in result.hits}


def test_an_exclusion_alone_means_every_document_but_those(store):
    result = search(store, "-Iran", limit=10)
    assert _ids(result) == {"05DAMASCUS1"}
    assert result.total == 1


@pytest.mark.parametrize("query", ["Iran -Syria", "Iran NOT Syria", "Iran AND NOT Syria"])
def test_minus_and_not_exclude_alike(store, query):
    assert _ids(search(store, query, limit=10)) == {"09BEIJING724", "07STATE159388"}


def test_several_exclusions_each_exclude(store):
    assert _ids(search(store, "-Syria -Matin", limit=10)) == {"09BEIJING724"}


def test_lower_case_not_is_a_word_not_an_operator(store):
    assert parse("Iran not Syria").exclude is None


def test_exclusions_alone_with_a_filter(store):
    assert _ids(search(store, "-Iran", tag="PREL", limit=10)) == set()
    assert _ids(search(store, "-Syria", tag="PARM", limit=10)) == {"09BEIJING724"}


@pytest.mark.parametrize("query", ["*", "-", '""', "()", "NOT", "OR", "- * ..."])
def test_a_query_without_a_word_is_refused_with_examples(store, query):
    with pytest.raises(QueryError, match=r"nothing to search for in .*type words, e\.g\. 'Iran'"):
        search(store, query)


def test_a_blank_query_needs_a_filter():
    with pytest.raises(QueryError, match=r"no query: .*--tag PARM"):
        require_terms_or_filters("  ")
    require_terms_or_filters("", None, "PARM")  # a filter: lists documents
    require_terms_or_filters("Iran")


@pytest.mark.parametrize("args", [[], [""], ["*"], ["-"], ['""']])
def test_cli_refuses_an_empty_query_with_exit_2(db, args):
    result = CliRunner().invoke(app, ["search", "--db", db, "--", *args])
    assert result.exit_code == 2, result.output
    assert "type words to search for" in result.stderr or "nothing to search for" in result.stderr
    assert "'Iran -Syria'" in result.stderr
    assert result.stdout == ""


def test_cli_exclusion_after_double_dash(db):
    result = CliRunner().invoke(app, ["search", "--db", db, "--", "-Iran"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "1 documents match '-Iran'"


def test_cli_blank_query_with_a_filter_lists_documents(db):
    result = CliRunner().invoke(app, ["search", "", "--tag", "PREL", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "1 documents match ''"
