"""logic-v2 with only the features sanctions-list entries can feed.

Entries carry names, countries and vessel, registration and passport
numbers, never LEI, ISIN, BIC, INN, OGRN, UEI or NPI codes, crypto wallets,
address entities, birth dates or gender, so the features reading those
always score zero; dropping them saves about a fifth of each comparison.
Name matching, scoring and explanations are logic-v2's own.
"""
from __future__ import annotations

from typing import ClassVar

from nomenklatura.matching import LogicV2
from nomenklatura.matching.types import Feature

UNUSED_FEATURES = frozenset({
    "address_entity_match", "crypto_wallet_address", "isin_security_match", "lei_code_match",
    "ogrn_code_match", "inn_code_match", "bic_code_match", "uei_code_match", "npi_code_match",
    "address_prop_match", "dob_year_disjoint", "dob_day_disjoint", "gender_mismatch",
})


class ScreeningLogic(LogicV2):
    NAME = "logic-v2-screening"
    features: ClassVar[list[Feature]] = [f for f in LogicV2.features if f.name not in UNUSED_FEATURES]
