"""Index keys for a name: its tokens, their sounds, and the tokens run together.

The keys find candidates; they do not decide matches (the scorer does), so
they aim at recall: romanisation variants ("Bagheri"/"Bakeri",
"Ryonbong"/"Ryongbong") share a phonetic key, run-together spellings
("Chongchongang"/"Chong Chon Gang") share the joined key, and an abbreviation
("Dev.", "Corp") is spelled out from ``data/abbreviations.tsv``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rigour.names import remove_org_types, tokenize_name
from rigour.text.phonetics import metaphone
from rigour.text.stopwords import is_stopword
from rigour.text.translit import ascii_text

PHONETIC = "~"  # key prefix, so the sound "~KR" never collides with a token "kr"
# Run-together keys carry no prefix on purpose: "aghajani" typed as one word
# must meet "Agha-Jani" written as two.


def _load_abbreviations() -> dict[str, str]:
    text = (resources.files(__package__) / "data" / "abbreviations.tsv").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {short: long.strip() for short, long in pairs}


ABBREVIATIONS = _load_abbreviations()


@lru_cache(maxsize=200_000)
def name_tokens(name: str, *, expand: bool = True) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a name, legal forms and stopwords dropped, abbreviations spelled out
    (unless ``expand`` is false: "Sino-tech" is a name, not "Sino-technology")."""
    folded = ascii_text(name).casefold().replace("&", " and ")
    stripped = remove_org_types(folded) or folded
    tokens: list[str] = []
    for token in tokenize_name(stripped):
        tokens.extend(ABBREVIATIONS.get(token, token).split() if expand else [token])
    return tuple(t for t in tokens if not is_stopword(t)) or tuple(tokenize_name(folded))


@lru_cache(maxsize=200_000)
def token_keys(token: str) -> tuple[str, ...]:
    keys = [token]
    if len(token) >= 4 and not token.isdigit():
        keys.append(PHONETIC + metaphone(token))
    return tuple(keys)


@lru_cache(maxsize=200_000)
def name_keys(name: str) -> frozenset[str]:
    """Every key of a name: tokens, phonetic keys, and tokens run together, with abbreviations
    spelled out and as written."""
    keys: set[str] = set()
    for tokens in {name_tokens(name), name_tokens(name, expand=False)}:
        keys.update(key for token in tokens for key in token_keys(token))
        if len(tokens) > 1:
            keys.add("".join(tokens))
            for left, right in zip(tokens, tokens[1:]):
                keys.add(left + right)
    return frozenset(keys)
