"""Names as the resolver compares them: normalised tokens and the keys built from them.

Two surface forms name the same party when, after the differences that do not
tell parties apart are taken away, they coincide:
- case, accents, punctuation, "&"/"and" (rigour's ASCII transliteration and tokeniser);
- legal forms and company suffixes ("Co., Ltd.", "Company") - rigour's
  ``remove_org_types`` at the end of a name, plus ``knowledge/data/names/company_suffixes.txt``;
- spelling of the same word ("Defence"/"Defense", "Industries"/"Industrial"),
  ``data/word_forms.tsv``;
- romanisation ("Bagheri"/"Baqeri"/"Bakeri", "Hosein"/"Hossein") - the
  screening rules in ``knowledge/data/names/romanisation.tsv`` then ``data/spelling_folds.tsv``,
  doubled letters collapsed;
- word order ("Ministry of Defense"/"Defense Ministry", "Hu Jintao"/"Jintao Hu"):
  the *sorted* key; syllables written apart ("Ahmadi Nejad"/"Ahmadinejad"): the
  *joined* key;
- a person's titles and ranks ("Gen", "AFM", "PM"), ``data/titles.txt``.
Forms that are not names at all (extractor noise such as "AND HIS WIFE") are
recognised by ``is_noise`` from ``data/not_name_words.txt`` and rigour's stopwords.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import remove_org_types, tokenize_name
from rigour.text.stopwords import is_stopword
from rigour.text.translit import ascii_text

from ..datafiles import data_lines, data_pairs
from ..knowledge.name_rules import COMPANY_SUFFIXES, ROMANISATION


PERSON = "person"
PARTY = "party"  # organisations and government bodies: the extractor often confuses the two
PLACE = "place"
VESSEL = "vessel"

_POSSESSIVE = re.compile(r"['\u2019?]s\b")  # "?": an apostrophe lost in decoding
_DOUBLED = re.compile(r"([a-z])\1+")
_ACRONYM = re.compile(r"^(?:[A-Z][A-Za-z0-9&]{1,7}|(?:[A-Z]\.){2,8})$")
JOINED_MAX_TOKENS = 3  # "Ahmadi Nejad" run together; longer names are not written as one word


def _data_lines(name: str) -> list[str]:
    return data_lines(__package__, name)


def _pairs(name: str) -> list[tuple[str, str]]:
    return data_pairs(__package__, name)


SUFFIXES = COMPANY_SUFFIXES


TITLES = frozenset(_data_lines("titles.txt"))
NOT_NAME_WORDS = frozenset(_data_lines("not_name_words.txt"))
PARTICLES = frozenset(_data_lines("name_particles.txt"))
NOT_ALONE_WORDS = frozenset(_data_lines("not_alone_words.txt"))
SMALL_WORDS = frozenset(_data_lines("small_words.txt"))
FOLD_MIN = 6  # shorter words are not folded: "AEGIS"/"AGIS", "Annan"/"Anan" differ
NICKNAMES = dict(_pairs("nicknames.tsv"))
GENERIC_ORG_WORDS = frozenset(_data_lines("generic_org_words.txt"))
PERSON_DROPPED_PARTICLES = frozenset({"al", "el"})  # "Bashar al-Asad" / "Bashar Asad", "al-Maliki" / "Maliki"
SPELLING_FOLDS = ROMANISATION + _pairs("spelling_folds.tsv")
WORD_FORMS = dict(_pairs("word_forms.tsv"))


@lru_cache(maxsize=500_000)
def fold_token(token: str) -> str:
    """One spelling for the romanisation variants of a word: "bagheri" -> "bakeri"."""
    if len(token) < FOLD_MIN:
        return token
    for source, target in SPELLING_FOLDS:
        token = token.replace(source, target)
    return _DOUBLED.sub(r"\1", token)


def raw_tokens(form: str) -> list[str]:
    """Lower-case ASCII tokens of a surface form, "&" read as "and"."""
    text = _POSSESSIVE.sub("", ascii_text(form).casefold())
    return tokenize_name(text.replace("&", " and ").replace("'", ""))


def strip_titles(tokens: list[str]) -> list[str]:
    """A person's tokens without the titles before the name ("gen", "afm", "prime minister")."""
    start = 0
    while start < len(tokens) - 1 and tokens[start] in TITLES:
        start += 1
    return tokens[start:]


def without_legal_form(tokens: list[str]) -> list[str]:
    """Tokens without the legal form at the end ("Co., Ltd.", "Company"): rigour's
    ``remove_org_types``, but only where it cuts the end; it also cuts words inside a
    name ("Charity Commission", "CEN-SAD") that are legal forms elsewhere."""
    text = " ".join(tokens)
    cut = remove_org_types(text).strip()
    end = len(cut.split()) if cut and text.startswith(cut) else len(tokens)
    while end > 1 and tokens[end - 1] in SUFFIXES:
        end -= 1
    return tokens[:end]


def person_tokens(tokens: list[str]) -> list[str]:
    """A person's name without titles, "al"/"el", middle initials ("Vann H. Van Diepen"),
    and with an English short first name spelled out ("Bill" -> "william")."""
    tokens = strip_titles(tokens)
    kept = [t for t in tokens if t not in PERSON_DROPPED_PARTICLES] or tokens
    kept = [t for n, t in enumerate(kept) if len(t) > 1 or n in (0, len(kept) - 1)]
    if len(kept) > 1:
        kept[0] = NICKNAMES.get(kept[0], kept[0])
    return kept


@lru_cache(maxsize=500_000)
def name_tokens(form: str, kind: str) -> tuple[str, ...]:
    """The tokens compared, folded: titles off a person's name, legal forms and stopwords
    off an organisation's, word forms and romanisation unified."""
    if kind == PARTY:
        tokens = [WORD_FORMS.get(t, t) for t in without_legal_form(raw_tokens(form))]
        tokens = [t for t in tokens if t not in SMALL_WORDS] or tokens
    elif kind == PERSON:
        tokens = person_tokens(raw_tokens(form))
    else:
        tokens = [t for t in raw_tokens(form) if t not in SMALL_WORDS]
    return tuple(fold_token(t) for t in tokens)


def match_keys(form: str, kind: str) -> tuple[str, ...]:
    """Keys two forms share when they name the same party: the sorted tokens, and
    the tokens run together (for names of up to three words)."""
    keys = []
    if is_acronym(form):
        keys.append("a:" + acronym_letters(form))
        if len(keys[0]) < 6:  # up to 3 letters it is only an acronym; "HAMAS" is also a name
            return tuple(keys)
    tokens = name_tokens(form, kind)
    if not tokens:
        return tuple(keys)
    keys.append("s:" + " ".join(sorted(tokens)))
    if kind == PERSON:  # "El Baradei" / "ElBaradei": run together with the particles kept
        keys.append("j:" + "".join(fold_token(t) for t in strip_titles(raw_tokens(form))))
    if 1 < len(tokens) <= JOINED_MAX_TOKENS:
        keys.append("j:" + "".join(tokens))
    elif len(tokens) == 1:
        keys.append("j:" + tokens[0])
    return tuple(keys)


def joined(form: str, kind: str) -> str:
    """The folded tokens run together: what the spelling-variant pass compares."""
    return "".join(name_tokens(form, kind))


def is_acronym(form: str) -> bool:
    """ "DIO", "D.I.O.", "IRISL", "MODAFL" - an all-capital word of 2-8 letters."""
    compact = form.strip()
    return bool(_ACRONYM.match(compact)) and compact.upper() == compact


def acronym_letters(form: str) -> str:
    return "".join(c for c in form.casefold() if c.isalnum())


def initials(form: str) -> set[str]:
    """What an acronym of this full name would be: with and without its small words
    ("Defense Industries Organization" -> "dio"; "Ministry of Foreign Affairs" -> "mfa", "mofa")."""
    words = raw_tokens(remove_org_types(ascii_text(form).casefold()) or form)
    if len(words) < 2:
        return set()
    found = {"".join(w[0] for w in words if not is_stopword(w)), "".join(w[0] for w in words)}
    return {f for f in found if len(f) >= 2}


def is_noise(form: str, kind: str) -> bool:
    """True for forms that are not names: stopwords, a lone title, words no name holds
    ("AND HIS WIFE", "Ref B the", "General"), or no letters at all."""
    tokens = raw_tokens(form)
    if not tokens or not any(c.isalpha() for c in form):
        return True
    if set(form.replace(" ", "")) <= {"X", "x"}:  # redacted names: XXXXXXXXXXXX
        return True
    if kind != PERSON:
        return len(tokens) == 1 and is_stopword(tokens[0])
    if all(t in TITLES for t in tokens):
        return True
    tokens = strip_titles(tokens)  # "Secretary Rice" is a name, "Secretary" alone is not
    for token in tokens:
        if token in NOT_NAME_WORDS:
            return True
        if is_stopword(token) and token not in PARTICLES:
            return True
    if len(tokens) == 1 and (len(tokens[0]) == 1 or tokens[0] in NOT_ALONE_WORDS):
        return True
    return False
