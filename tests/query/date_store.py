"""A small store of real documents for the date tests (search filters, facets, the CLI).

Read from their files by the pipeline, so their dates are the ones the layout
states (read in each file's metadata table):

    wikileaks-html/2007/12/07TOKYO5492.html      2007-12-07  CONFIDENTIAL  Embassy Tokyo
    wikileaks-html/2008/03/08BEIJING1141.html    2008-03-26  CONFIDENTIAL  Embassy Beijing
    wikileaks-html/2008/05/08BEIJING2087.html    2008-05-29  CONFIDENTIAL  Embassy Beijing
    wikileaks-html/2008/06/08BEIJING2322.html    2008-06-13  SECRET        Embassy Beijing
    wikileaks-html/2008/08/08BRASILIA1102.html   2008-08-15  UNCLASSIFIED  Embassy Brasilia
    seeds/000 (Washington Post)                  2010-11-29  article
    seeds/004 (AsiaNews)                         2012-06-14  article

Stored as records built here, because the parser that dates them is being
changed while these tests are written; the values are what each file allows
(scraped-text/ID.txt, read by hand):

    08BRASILIA1477  UNCLAS, "E.O. 12958: N/A", no date-time group or date line:
                    only its id's year -> "2008", precision year, source id-year
    08REYKJAVIK152  the same (UNCLAS, "E.O. 12958: N/A", no DTG); written as its
                    first day, "2008-01-01" with precision year, the other way a
                    reduced date may be stored
    08BEIJING3039   SECRET, "DECL: 08/06/2033", no DTG: estimated from the
                    declassification date 25 years on -> 2008-08-06, precision
                    day, source declassify-estimate
    08MADRID308     SECRET, "DNG: CO 03/09/2018", no DTG: no date, as the store
    08MADRID294     holds scraped cables before the dating work (and no origin:
                    scraped cables do not state one)
"""
from __future__ import annotations

from prolifwatch.model import Cable, Paragraph, Source
from prolifwatch.pipeline import ingest
from prolifwatch.store import open_store
from tests.conftest import CORPUS, SEED_ARTICLE_ASIANEWS, SEED_ARTICLE_WAPO

FILES = [CORPUS / "wikileaks-html" / path for path in (
    "2007/12/07TOKYO5492.html", "2008/03/08BEIJING1141.html", "2008/05/08BEIJING2087.html",
    "2008/06/08BEIJING2322.html", "2008/08/08BRASILIA1102.html",
)] + [SEED_ARTICLE_WAPO, SEED_ARTICLE_ASIANEWS]

DAY_DATED = {"07TOKYO5492", "08BEIJING1141", "08BEIJING2087", "08BEIJING2322", "08BRASILIA1102", "08BEIJING3039"}
YEAR_2008 = {"08BRASILIA1477", "08REYKJAVIK152"}
UNDATED = {"08MADRID308", "08MADRID294"}


def cable_record(doc_id: str, created: str | None, precision: str | None, source: str | None, *,
           classification: str, origin: str | None, tags: list[str], subject: str | None, body: str) -> Cable:
    return Cable(
        id=doc_id, subject=subject, created=created, created_precision=precision, created_source=source,
        origin=origin, classification=classification, tags=tags, text=body,
        paragraphs=[Paragraph(0, body, 0, len(body), "1.")],
        sources=[Source(str(CORPUS / "scraped-text" / f"{doc_id}.txt"), "scraped-cable-text", doc_id.ljust(64, "0"))],
    )


# Subjects, tags and a paragraph of each, as the files print them.
BUILT = [
    cable_record("08BRASILIA1477", "2008", "year", "id-year", classification="UNCLASSIFIED", origin="Embassy Brasilia",
           tags=["KNNP", "TRGY", "ENRG", "KSTC", "IAEA", "PARM", "BR"], subject=None,
           body="2. (SBU) SUMMARY. Per November 10 meeting with the Ministry of External Relations (MRE) Division "
                "of Disarmament and Sensitive Technologies (DDS), the Government of Brazil (GOB) has not received "
                "an invitation to the Iran nuclear conference (REFTEL A)."),
    cable_record("08REYKJAVIK152", "2008-01-01", "year", "id-year", classification="UNCLASSIFIED",
           origin="Embassy Reykjavik", tags=["EFIN", "PARM", "KNNP", "IR", "IC"],
           subject="GOI NOTIFIED OF IRANIAN ENTITIES UNDER E.O. 13382",
           body="(U) DCM and POL Intern delivered reftel talking points to Ingibjorg Davidsdottir at the Minstry "
                "for Foreign Affairs."),
    cable_record("08BEIJING3039", "2008-08-06", "day", "declassify-estimate", classification="SECRET",
           origin="Embassy Beijing", tags=["PARM", "PREL", "PTER", "MNUC", "ECON", "KNNP", "IR", "CH"],
           subject="CHINA'S RESPONSE TO EFFORTS TO HALT IRANIAN PROCUREMENT IN CHINA",
           body="2. (S) Zhang praised past fruitful cooperation between the United States and China in "
                "nonproliferation efforts, and said China will continue to implement strongly the relevant UN "
                "Security Council Resolutions regarding Iran."),
    cable_record("08MADRID308", None, None, None, classification="SECRET", origin=None,
           tags=["ECON", "EFIN", "PTER", "PREL", "IR", "SP"],
           subject="IRANIAN TIES OF SPANISH BANKS SANTANDER AND SABADELL",
           body="1. (S/NF) Summary. The Bank of Spain, Spain's central bank, provided to post on March 7 a document "
                "summarizing activities that Bank Santander and Bank Sabadell have had or still have with Iran."),
    cable_record("08MADRID294", None, None, None, classification="SECRET", origin=None,
           tags=["ECON", "EFIN", "KTFN", "SP", "IR"],
           subject="TREASURY DEPUTY SECRETARY KIMMITT'S MEETING WITH SPANISH SECRETARY OF STATE FOR SECURITY "
                   "ANTONIO CAMACHO",
           body="1. (S) Summary: Deputy Treasury Secretary Kimmitt, accompanied by DCM, met with Spanish Secretary "
                "of State for Security Camacho March 6."),
]


def build(path):
    """The store at ``path``, with the files read and the records above put."""
    store = open_store(path)
    report = ingest([str(f) for f in FILES], store, workers=1, extract=False)
    assert report.new == len(FILES) and not report.failed, report.to_json()
    with store.batch():
        for cable in BUILT:
            store.put(cable)
    return store
