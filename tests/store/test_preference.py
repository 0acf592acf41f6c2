"""Which record of a cable read from several files is kept: a read date beats an estimate."""
from __future__ import annotations

from prolifwatch.model import Cable, Paragraph, Source
from prolifwatch.store.preference import preference


def _copy(created: str, precision: str, created_source: str, layout: str, warnings=()) -> Cable:
    # 07MOSCOW5154 reaches the corpus twice as scraped text: 07PARIS2725.txt
    # states "Friday, 26 October 2007, 02:25"; the other copy only lets the
    # date be estimated from its DECL line.
    return Cable(
        id="07MOSCOW5154", subject="RUSSIA: ...", created=created, created_precision=precision,
        created_source=created_source, origin="Embassy Moscow", classification="CONFIDENTIAL",
        warnings=list(warnings), paragraphs=[Paragraph(0, "1. (C) ...", 0, 10, number="1.")],
        sources=[Source(f"/corpus/{layout}.txt", "scraped-cable-text", layout * 8)],
    )


def test_a_read_date_outranks_an_estimated_one_of_the_same_layout():
    read = _copy("2007-10-26T02:25:00", "day", "date-line", "a")
    estimated = _copy("2007-10-09", "day", "declassify-estimate", "f")
    assert preference(read) > preference(estimated)


def test_warnings_do_not_make_a_record_look_fuller():
    plain = _copy("2007-10-26T02:25:00", "day", "date-line", "a")
    warned = _copy("2007-10-26T02:25:00", "day", "date-line", "f",
                   warnings=[{"field": "id", "layout": "07PARIS2725", "text": "07MOSCOW5154", "message": "..."}])
    # the count of stated fields leads the preference string
    assert preference(plain).split("|")[0] == preference(warned).split("|")[0]
