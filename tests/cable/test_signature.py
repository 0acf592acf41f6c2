"""The signature at the end of a cable, one table of real examples per rule.

Examples are quoted from the seeds and ../shared/corpus (the id names the file),
as the readers give the text.
"""
from __future__ import annotations

import pytest

from prolifwatch.cable.signature import parse_signers, signature_start

# --------------------------------------------------------------- signers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("... way forward paper.\"\nRANDT", ["RANDT"], id="seed001-no-final-newline"),
        pytest.param("details \"would be shared soon.\"\nPICCUTA", ["PICCUTA"], id="seed002"),
        pytest.param("Washington appreciates Post,s assistance. \nRICE", ["RICE"], id="seed003"),
        pytest.param("to the UN 1267 Committee in early 2007 if the GOP response is unsatisfactory. End comment. CROCKER</pre></code>\n", ["CROCKER"],
                     id="scraped-text/06ISLAMABAD22174-glued"),
        pytest.param("we will want to be remembered by Chinese for having helped China to advance. Randt</pre></code>",
                     ["Randt"], id="scraped-text/09BEIJING22-mixed-case-glued"),
        pytest.param("with Embassy Brasilia. \n\nHELLING \n\nMCMULLEN</pre></code>\n", ["HELLING", "MCMULLEN"],
                     id="scraped-text/07SAOPAULO601-two-signers"),
        pytest.param("training for the Consular \nOfficer. \nVAN VOORST</pre></code>", ["VAN VOORST"],
                     id="scraped-text/06REYKJAVIK22-two-words"),
        pytest.param("stands by in fair weather and foul. \nvan Voorst</pre></code>", ["van Voorst"],
                     id="scraped-text/08REYKJAVIK255-particle"),
        pytest.param("ed, and he had captured the prize he has \nbeen chasing after for months.  END COMMENT. \nSECHE", ["SECHE"], id="scraped-text/09SANAA1669"),
        pytest.param("with respect to such requests. MILAM 0 11/07/2007</pre></code>", ["MILAM"],
                     id="scraped-text/07TRIPOLI946-stray-date"),
        pytest.param("will inform us when the GOL made a decision. STEVENS.</pre></code>", ["STEVENS"],
                     id="scraped-text/09TRIPOLI321-period"),
        pytest.param("LEBARON \nNNNN \nEnd Cable Text</pre></code>", ["LEBARON"],
                     id="scraped-text/08LONDON2651-trailer"),
        pytest.param("cleared this cable. \n \nJEFFREY \n \n           \"Visit Ankara's Classified Web Site at "
                     "http://www.intelink.s \ngov.gov/wiki/Portal:Turkey\"</pre></code>", ["JEFFREY"],
                     id="scraped-text/09ANKARA1654-banner-after"),
        pytest.param("PRC law.\nRandt \n\nHTS ACTIVIST LIU XIAOBO...</pre></code>", ["Randt"],
                     id="scraped-text/08BEIJING4687-preview-tail"),
        pytest.param("was just in the \"start-up phase.\" \n \nCHASE \n.</pre></code>", ["CHASE"],
                     id="scraped-text/09BRUSSELS1048-dot-line"),
        pytest.param("********************************************* ******************** \nCUNNINGHAM",
                     ["CUNNINGHAM"], id="scraped-text/09TELAVIV654-after-banner"),
        pytest.param("Thanks Posts for their assistance. MINIMIZE CONSIDERED CLINTON", ["CLINTON"],
                     id="wikileaks-html/10STATE16219-minimize-considered"),
        pytest.param("FISHING JURISDICTION.\n\nGP-3 \nSACCIO", ["SACCIO"],
                     id="wikileaks-html-1960s-70s/66BUENOSAIRES2481"),
        pytest.param("visit London's Classified Website: XXXXXXXXXXXX TUTTLE", ["TUTTLE"],
                     id="wikileaks-html/08LONDON1856-after-redaction"),
        pytest.param("regional security mechanism\nwhose organization the Mongols should spearhead.\n\n\nMinton"
                     "</pre></code>\n", ["Minton"], id="scraped-text/09ULAANBAATAR234"),
        pytest.param("promises he made on September 29. End Comment. \nSCHREIBER HUGHES</pre></code>", ["SCHREIBER HUGHES"],
                     id="scraped-text/08PARAMARIBO436-double-name"),
    ],
)
def test_parse_signers(text: str, expected: list[str]) -> None:
    assert parse_signers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("and diverging \ninterests.</pre></code>\n", id="scraped-text/10BAGHDAD112-unsigned"),
        pytest.param("End Cable Text\n XXXXXXXXXXXX</pre></code>\n", id="redacted-signer"),
        pytest.param("appreciation for Germany's support.  END \nCONCLUSION.", id="end-conclusion-is-no-name"),
        pytest.param("the situation. END COMMENT.", id="end-comment"),
        pytest.param("", id="empty"),
    ],
)
def test_no_signers(text: str) -> None:
    assert parse_signers(text) == []


def test_signature_start() -> None:
    text = "forward paper.\"\nRANDT"
    assert text[signature_start(text) :] == "RANDT"
    assert signature_start("no signature here.") == len("no signature here.")


# Older cables close with the classification (and later stamps) under the
# signer's name: the name is the last line of the body above them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("(FROM THE WESTERN POINT OF VIEW) NEGOTIATING PROCESS. \n \n \nLAINGEN \n \nCONFIDENTIAL",
                     ["LAINGEN"], id="wikileaks-html/79TEHRAN8980-closing-classification"),
        pytest.param("BOTH DOMESTICALLY AND INTERNATIONALLY. \n\n\nHELMS \n\nDeclassified/Released US Department "
                     "of State EO \nSystematic Review 05 JUL 2006", ["HELMS"],
                     id="wikileaks-html/75TEHRAN2069-declassification-stamp"),
        pytest.param("REPORT FURTHER DEVELOPMENTS. \n \nHELMS \n \nDeclassified/Released US Department of State EO "
                     "Systematic Review 30 JUN 2005 \n \nNNN", ["HELMS"],
                     id="wikileaks-html-1960s-70s/73TEHRAN7005-stamp-and-NNN"),
        pytest.param("PRIOR TRADE UNION ACTIVITY.\nTASCA\n\n\nLIMITED OFFICIAL USE\n\n\n\n\nNNN", ["TASCA"],
                     id="plusd-html/1974ATHENS02959-was-NNN"),
        pytest.param("WEDNESDAY WITH MINISTER FOREIGN AFFAIRS.    PORTER\n\n\nLIMITED OFFICIAL USE\nNMAFVVZCZ\n\n\n\n\n\n"
                     "*** Current Handling Restrictions ***   n/a\n***  Current Classification ***   LIMITED OFFICIAL USE",
                     ["PORTER"], id="plusd-html/1973STATE097844-plusd-footer"),
        pytest.param("MANTRAS FROM ANOTHER ERA.  END COMMENT. \nPETERSON \n \n                       CONFIDENTIAL \n \n"
                     "> \n \n 2000HANOI00686 - CONFIDENTIAL", ["PETERSON"], id="pdf/00HANOI686-pdf-footer"),
    ],
)
def test_signer_above_the_closing_lines(text: str, expected: list[str]) -> None:
    assert parse_signers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a PDF holding only the routing header: its addressees are no signers
        pytest.param("INFO ARAB ISRAELI COLLECTIVE IMMEDIATE\nAMEMBASSY NICOSIA \nAMEMBASSY ANKARA",
                     id="pdf/00DAMASCUS3013-routing-only"),
        # 73TEHRAN7005 without its signer: the last sentence above the classification is no name
        pytest.param("REPORT FURTHER DEVELOPMENTS. \n\nCONFIDENTIAL", id="classification-under-a-sentence"),
    ],
)
def test_no_signer_above_the_closing_lines(text: str) -> None:
    assert parse_signers(text) == []


def test_a_banner_with_asterisks_keeps_its_glued_signer() -> None:
    # scraped-text/09TELAVIV1324: "***" starts the banner, not PlusD's "*** Current ..." footer
    text = ("Fred Hof has cleared this message.\n********************************************* "
            "******************** Visit Embassy Tel Aviv\u2019s Classified Website: "
            "http://www.state.sgov.gov/p/nea/telaviv ********************************************* "
            "******************** CUNNINGHAM")
    assert parse_signers(text) == ["CUNNINGHAM"]
