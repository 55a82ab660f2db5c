"""Words and their stems, for search where PostgreSQL's text-search configurations are missing.

The embedded development database (SQLite) has full-text search but no stemmers. The SQLite
backend (``search.backends.sqlite``) therefore indexes each page's text followed by the stems
of its words, and looks for the stems of the query's words, with the Snowball stemmer of the
page's language: the same algorithms PostgreSQL's ``russian``, ``turkish`` and ``english``
configurations use, so "паспорта" finds "паспорт" in development as in production.

Turkmen has no Snowball stemmer (nor a PostgreSQL configuration: production indexes it word
for word). Its suffixes are regular, so a light rule takes off one case ending, one possessive
ending and the plural (``pasportlaryny`` → ``pasport``), leaving at least three letters. It
does not undo sound changes at the joint (``ýurdy`` stays apart from ``ýurt``), and it may
join a few unrelated words that differ only in those endings: a search finds a little more,
never less. The Turkish stemmer is not used for Turkmen: it expects Turkish vowels (ı, not y)
and would strip wrongly.
"""

import re
import threading

import snowballstemmer

SNOWBALL_BY_LANGUAGE = {"ru": "russian", "tr": "turkish", "en": "english"}
STEMMED_LANGUAGES = (*SNOWBALL_BY_LANGUAGE, "tk")
WORD = re.compile(r"\w+")
_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread

# Turkmen endings, longest first in each group; one of each group is taken off, in this order.
# The endings that start with "n" follow a possessive's high vowel (kitabynda, öýüni): only
# there are they taken off whole, so Türkmenistanda keeps its n; the accusative and genitive
# ny/niň follow any vowel (ygtyýarnamany). The dative's bare a/e is taken off only after the
# plural (adamlara): elsewhere it cannot be told from a last vowel (ygtyýarnama).
_TURKMEN_CASE = (
    "ndan",
    "nden",
    "nyň",
    "niň",
    "nda",
    "nde",
    "dan",
    "den",
    "yň",
    "iň",
    "da",
    "de",
    "ny",
    "ni",
    "na",
    "ne",
    "ga",
    "ge",
    "sy",
    "si",
    "y",
    "i",
    "a",
    "e",
)
_TURKMEN_POSSESSIVE = (
    "ymyz",
    "imiz",
    "yňyz",
    "iňiz",
    "myz",
    "miz",
    "ňyz",
    "ňiz",
    "sy",
    "si",
    "ym",
    "im",
    "y",
    "i",
    "m",
    "ň",
)
_TURKMEN_PLURAL = ("lar", "ler")
_HIGH_VOWELS = "yiuü"
_VOWELS = "aeäiyoöuü"
_MIN_TURKMEN_STEM = 3


def _language(code):
    return (code or "").lower().split("-")[0]


def lower(word, language):
    """The word in small letters, with Turkish and Turkmen dotted and dotless I."""
    if _language(language) == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    elif _language(language) == "tk":
        word = word.replace("İ", "i")
    return word.lower()


def words(text):
    """The words of a text, in order (letters and digits, as SQLite's tokenizer splits them)."""
    return WORD.findall(text or "")


def _snowball(language):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(SNOWBALL_BY_LANGUAGE[language])
    return stemmers[language]


def _may_take_off(ending, rest):
    """Whether ``ending`` may be taken off a word, leaving ``rest`` (see _TURKMEN_CASE)."""
    if len(rest) < _MIN_TURKMEN_STEM:
        return False
    if ending in ("ny", "ni", "nyň", "niň"):
        return rest[-1] in _VOWELS
    if ending.startswith("n"):
        return rest[-1] in _HIGH_VOWELS
    if ending in ("a", "e"):
        return rest.endswith(_TURKMEN_PLURAL)
    return True


def _strip_one(word, endings):
    for ending in endings:
        if word.endswith(ending) and _may_take_off(ending, word[: -len(ending)]):
            return word[: -len(ending)]
    return word


def turkmen_stem(word):
    """The light Turkmen rule (see the module docstring) on a lower-case word."""
    for endings in (_TURKMEN_CASE, _TURKMEN_POSSESSIVE, _TURKMEN_PLURAL):
        word = _strip_one(word, endings)
    return word


def stem(word, language):
    """The stem of one word in a language of the site; the lower-cased word in any other."""
    language = _language(language)
    word = lower(word, language)
    if language in SNOWBALL_BY_LANGUAGE:
        return _snowball(language).stemWord(word)
    if language == "tk":
        return turkmen_stem(word)
    return word


def stems(text, language):
    """The stem of every word of a text, in order."""
    return [stem(word, language) for word in words(text)]


# Between an object's own text and its stems in the SQLite index; SQLite's tokenizer drops it.
STEMS_MARK = "\n\u2063\n"


def with_stems(text, language):
    """What is indexed: the text, and after STEMS_MARK the stems of its words in ``language``."""
    if not text or _language(language) not in STEMMED_LANGUAGES:
        return text
    return f"{text}{STEMS_MARK}{' '.join(stems(text, language))}"


def own_text(indexed):
    """The object's own text, without the stems that follow it in the index."""
    return (indexed or "").split(STEMS_MARK, 1)[0]


def query_stems(word, language):
    """What one word of a query may match: its stem in ``language``, or without a language
    (the admin, which searches every language) the word and its stem in each language."""
    if _language(language) in STEMMED_LANGUAGES:
        return {stem(word, language)}
    return {lower(word, "")} | {stem(word, code) for code in STEMMED_LANGUAGES}
