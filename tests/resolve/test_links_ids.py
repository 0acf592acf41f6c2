"""Cable ids in running text: what counts as an id, and what does not."""
from __future__ import annotations

import pytest

from prolifwatch.resolve.references import explicit_ids


@pytest.mark.parametrize(
    ("text", "year", "ids"),
    [
        ("Please mark messages with a hash containing the reference ID e.g. #07STATE159388.", None, []),
        ("The cable 07STATE159388 asked the embassy to act.", None, ["07STATE159388"]),
        ("as reported in 08 BEIJING 3400, the Ambassador urged", None, ["08BEIJING3400"]),
        ("see State 109649 for the points", "07", ["07STATE109649"]),
        ("(See MEXICO 1766) In Tijuana", "09", ["09MEXICO1766"]),                    # corpus 09MEXICO193
        ("RE PAR 3 STATE 106206 BELIEVE", "66", ["66STATE106206"]),                  # corpus 66BUENOSAIRES2481
        ("see Ref 05 New Delhi 3846 and 05 New Delhi 4449.", "06", ["05NEWDELHI3846", "05NEWDELHI4449"]),
        ("see Ref B, 06 \nParis 5733 -- China in Africa", "08", ["06PARIS5733"]),    # a wrapped line
        # not ids
        ("the Beijing 2008 Olympics", "08", []),
        ("UNSCR 1737 and 1747 prohibit the transfer", "07", []),
        ("SHE HAD SERVED IN KUWAIT 20 YEARS BEFORE", "90", []),
        ("PAGE 02  ATHENS 02959  171944Z", "74", []),
        ("TO SECSTATE WASHDC 5366 INFO AMEMBASSY PRETORIA", "90", []),
        ("C O N F I D E N T I A L SECTION 02 OF 03 CAPE TOWN 00097", "90", []),
        ("He met officials in Paris 14 times last year.", "09", []),
        # three-letter short forms of stations (PAP, RIO: issue 18) name a cable only
        # with a year or after a cue; "PAP 500" in China cables is the armed police
        ("the PAP 500 troops sent to Lhasa", "08", []),
        ("see PAP 500", "08", ["08PORTAUPRINCE500"]),
        ("08 RIO 138", None, ["08RIODEJANEIRO138"]),
        # an article has no year of its own to lend: only ids with a year count
        ("see State 109649 for the points", None, []),
    ],
)
def test_explicit_ids(text, year, ids):
    assert [found[0] for found in explicit_ids(text, year)] == ids
