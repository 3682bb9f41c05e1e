"""Full-text search over published articles: one interface, two backends.

SQLite uses an FTS5 table kept in step by triggers (migration 0002); PostgreSQL a weighted
tsvector column kept by a trigger, with a GIN index. User text never reaches either query
language raw: it is cut into word tokens, and each token or phrase is quoted.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from django.conf import settings
from django.db import connection
from django.utils.html import escape

from .models import GlossaryTerm

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
PAGE_SIZE = 10
MARK_START, MARK_END = "\x02", "\x03"

STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does did for from had has have how
    i if in into is it its me my no not of on or our should so than that the their them then there
    these they this to too was we were what when where which who why will with would you your
    about after before get getting got having much many more most also just very""".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass
class Hit:
    slug: str
    title: str
    summary: str
    topic_title: str
    topic_slug: str
    snippet: str  # safe HTML: escaped text with <mark> around matches


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    suggestion: str = ""  # "Did you mean" text, when the query as typed found little
    corrected: bool = False  # hits are for the suggestion, not the query as typed
    glossary: list = field(default_factory=list)

    @property
    def pages(self):
        return max(1, -(-self.total // PAGE_SIZE))


def clean_query(raw):
    """Printable text, cut to a sane length, whitespace folded."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_CHARS * 4])
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def tokens(text):
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text or "")]


@lru_cache(maxsize=1)
def synonym_map():
    """Patient phrase -> clinical phrases, from content/synonyms.yaml."""
    path = settings.CONTENT_DIR / "synonyms.yaml"
    mapping = {}
    if path.exists():
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for phrase in entry.get("patient", []):
                mapping.setdefault(" ".join(tokens(phrase)), []).extend(entry.get("clinical", []))
    return mapping


def _glossary_pairs():
    """(name, [other names]) for each glossary term and alias, so either finds the other."""
    pairs = {}
    for term in GlossaryTerm.objects.only("term", "aliases"):
        names = [" ".join(tokens(n)) for n in [term.term, *term.aliases]]
        for name in names:
            pairs.setdefault(name, []).extend(n for n in names if n != name)
    return pairs


def expand(query_tokens, glossary_pairs):
    """Alternatives to search for: the words themselves, plus synonyms of any phrase in them."""
    words = [t for t in query_tokens if t not in STOPWORDS] or list(query_tokens)
    alternatives = list(dict.fromkeys(words))
    joined = " " + " ".join(query_tokens) + " "
    for source in (synonym_map(), glossary_pairs):
        for phrase, others in source.items():
            if phrase and f" {phrase} " in joined:
                alternatives.extend(" ".join(tokens(o)) for o in others)
    # Words run together or split apart ("radio frequency" / "radiofrequency").
    for first, second in zip(query_tokens, query_tokens[1:]):
        alternatives.append(first + second)
    unique = [a for a in dict.fromkeys(alternatives) if a]
    return unique[:MAX_TERMS * 3]


def _mark(snippet):
    return escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


# --- backends --------------------------------------------------------------------------

_PUBLISHED = "a.status = 'published' AND a.published_at <= %s"


def _sqlite_match(alternatives):
    # Each alternative becomes one quoted FTS5 string; a quoted string is a phrase, so no
    # operator, column filter or bracket in user text can reach the FTS5 parser.
    return " OR ".join('"' + alt.replace('"', "") + '"' for alt in alternatives)


def _search_sqlite(alternatives, now, offset):
    match = _sqlite_match(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT count(*) FROM articles_article_fts f JOIN articles_article a ON a.id = f.rowid
                WHERE articles_article_fts MATCH %s AND {_PUBLISHED}""",
            [match, now],
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT a.slug, a.title, a.summary, t.title, t.slug,
                       snippet(articles_article_fts, 3, %s, %s, '…', 24)
                FROM articles_article_fts f
                JOIN articles_article a ON a.id = f.rowid
                JOIN articles_topic t ON t.id = a.topic_id
                WHERE articles_article_fts MATCH %s AND {_PUBLISHED}
                ORDER BY bm25(articles_article_fts, 10.0, 8.0, 4.0, 1.0), a.title
                LIMIT %s OFFSET %s""",
            [MARK_START, MARK_END, match, now, PAGE_SIZE, offset],
        )
        return total, cursor.fetchall()


def _postgres_query(alternatives):
    # websearch_to_tsquery never raises on any input; each alternative is quoted, joined by "or".
    return " or ".join('"' + alt.replace('"', "") + '"' for alt in alternatives)


def _search_postgres(alternatives, now, offset):
    text = _postgres_query(alternatives)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT count(*) FROM articles_article a
                WHERE a.search_vector @@ websearch_to_tsquery('english', %s) AND {_PUBLISHED}""",
            [text, now],
        )
        total = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT a.slug, a.title, a.summary, t.title, t.slug,
                       ts_headline('english', a.plain_text, q,
                                   'StartSel=' || %s || ', StopSel=' || %s || ', MaxWords=30, MinWords=12, MaxFragments=1')
                FROM articles_article a
                JOIN articles_topic t ON t.id = a.topic_id,
                     websearch_to_tsquery('english', %s) q
                WHERE a.search_vector @@ q AND {_PUBLISHED}
                ORDER BY ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', a.search_vector, q, 1) DESC, a.title
                LIMIT %s OFFSET %s""",
            [MARK_START, MARK_END, text, now, PAGE_SIZE, offset],
        )
        return total, cursor.fetchall()


def _run(alternatives, now, page):
    offset = (page - 1) * PAGE_SIZE
    backend = _search_postgres if connection.vendor == "postgresql" else _search_sqlite
    total, rows = backend(alternatives, now, offset)
    hits = [Hit(slug, title, summary, t_title, t_slug, _mark(snip or summary)) for slug, title, summary, t_title, t_slug, snip in rows]
    return total, hits


# --- spelling ------------------------------------------------------------------------------

_vocab_cache = {}


def _vocabularies():
    """(every indexed word, the words worth suggesting), rebuilt only when content changes.

    Suggestions come from titles, other names, the glossary and the synonym file: the words
    patients try to spell. A word found anywhere in the library is never "corrected".
    """
    from django.db.models import Count, Max

    from .models import Article

    stamp = (
        tuple(Article.objects.aggregate(n=Count("id"), m=Max("modified_at")).values()),
        tuple(GlossaryTerm.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )
    if _vocab_cache.get("stamp") != stamp:
        suggestable, known = set(), set()
        rows = Article.objects.published().values_list("title", "also_called", "summary", "plain_text")
        for title, names, summary, text in rows.iterator(chunk_size=500):
            words = tokens(" ".join([title, *(names or [])]))
            suggestable.update(words)
            known.update(words, tokens(summary), tokens(text))
        for name in [*_glossary_pairs(), *synonym_map()]:
            suggestable.update(tokens(name))
        known |= suggestable
        _vocab_cache.update(stamp=stamp, known=known, suggestable=sorted(w for w in suggestable if len(w) > 3))
    return _vocab_cache["known"], _vocab_cache["suggestable"]


def suggest(query_tokens, known, suggestable):
    """The query with each unknown word replaced by its closest known word, or ''."""
    changed, out = False, []
    for token in query_tokens:
        if token in known or token in STOPWORDS or len(token) < 4:
            out.append(token)
            continue
        close = difflib.get_close_matches(token, suggestable, n=1, cutoff=0.75)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(token)
    return " ".join(out) if changed else ""


# --- the interface -------------------------------------------------------------------------

def matching_glossary(query_tokens, limit=3):
    if not query_tokens:
        return []
    joined = " " + " ".join(query_tokens) + " "
    found = []
    for term in GlossaryTerm.objects.all():
        names = [" ".join(tokens(n)) for n in [term.term, *term.aliases]]
        if any(n and f" {n} " in joined for n in names):
            found.append(term)
    return found[:limit]


def search(raw_query, page=1, now=None):
    from django.utils import timezone

    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    query_tokens = tokens(query)[:MAX_TERMS]
    if not query_tokens:
        return results
    pairs = _glossary_pairs()
    results.total, results.hits = _run(expand(query_tokens, pairs), now, results.page)
    results.glossary = matching_glossary(query_tokens)
    known, suggestable = _vocabularies()
    suggestion = suggest(query_tokens, known, suggestable)
    if suggestion:
        results.suggestion = suggestion
        # Search the correction when the words as typed are mostly unknown to the library.
        unknown = [t for t in query_tokens if t not in STOPWORDS and t not in known]
        if results.total == 0 or len(unknown) * 2 >= len([t for t in query_tokens if t not in STOPWORDS]):
            total, hits = _run(expand(tokens(suggestion), pairs), now, results.page)
            if total:
                results.total, results.hits, results.corrected = total, hits, True
                results.glossary = results.glossary or matching_glossary(tokens(suggestion))
    return results
