"""Words for searching a language other than English: accents folded, then Snowball's stemmer.

One function (`key`) serves the index and the query alike, so "inyeccion", "inyección" and
"inyecciones" meet. SQLite's FTS5 stems English only, so translations keep their text
pre-stemmed (ArticleTranslation.stems_*); PostgreSQL stems with its own configuration for the
language (`POSTGRES_CONFIG`), over the same accent-folded text (index_*).
"""

import re
import unicodedata
from functools import cache

import snowballstemmer

# The Snowball stemmer and the PostgreSQL text-search configuration of each language.
SNOWBALL = {"es": "spanish"}
POSTGRES_CONFIG = {"es": "spanish"}

# Words too common in Spanish questions to say what a page is about.
STOPWORDS = {
    "es": frozenset(
        """a al algo algun alguna algunas alguno algunos ante antes aqui asi cada como con contra cual cuales
        cuando cuanto cuantos cuanta cuantas de del desde donde dos el ella ellas ellos en entre era es esa
        esas ese eso esos esta estan estar este esto estos estoy fue ha hay hacer hace la las le les lo los
        mas me mi mis mucho muy nada ni no nos o otra otro para pero poco por porque puede pueden puedo que
        se sea segun ser si sin sobre son su sus tambien tan tanto te tener tengo tiene tienen todo todos
        tu un una uno unos usted y ya yo
        hago hace hacen hacer pusieron puse pone poner ponerme ponen quiere quieren quiero sigue
        seguir conviene mejor tanto tantos tantas mandan dan dar da cada dia dias doctor doctora
        normal necesito necesita tengo tienes sirve sirvio debo debe deberia""".split()
    )
}
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents removed (ñ too, as PostgreSQL's unaccent does): what patients type."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(SNOWBALL[language])


@cache
def key(word: str, language: str) -> str:
    return _stemmer(language).stemWord(word)


def stems(text: str, language: str) -> str:
    """The text as space-separated stems: what SQLite indexes for the language."""
    return " ".join(key(w, language) for w in words(text))
