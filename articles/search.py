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

from .models import PUBLISHED_SQL, GlossaryTerm

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
PAGE_SIZE = 10
MARK_START, MARK_END = "\x02", "\x03"

STOPWORDS = frozenset(
    """a an and are as at be been being but by can could do does did for from had has have how
    i if in into is it its me my no not of on or our should so than that the their them then there
    these they this to too was we were what when where which who why will with would you your
    about get getting got having much many more most also just very
    cant can't dont don't wont won't im i'm ive i've because really""".split()
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


def concepts(query_tokens, glossary_pairs, known=frozenset()):
    """Group the query into concepts; each concept is a list of phrases that mean the same.

    A patient phrase from the synonym file or the glossary ("back shot", "live x-ray") is one
    concept with its clinical words; every other word that is not a stopword is its own
    concept. Words typed apart that the library writes as one ("radio frequency") are added.
    """
    groups, used = [], set()
    padded = " " + " ".join(query_tokens) + " "
    names = {**glossary_pairs}
    for phrase, clinical in synonym_map().items():
        clinical = [" ".join(tokens(c)) for c in clinical]
        names[phrase] = names.get(phrase, []) + clinical
        # And back: a patient who types the clinical word also finds the everyday one.
        for word in clinical:
            names[word] = names.get(word, []) + [phrase]
    for phrase in sorted(names, key=len, reverse=True):
        if not phrase or f" {phrase} " not in padded:
            continue
        words = phrase.split()
        if all(w in used for w in words):
            continue
        used.update(words)
        groups.append(list(dict.fromkeys([phrase, *names[phrase]])))
    for first, second in zip(query_tokens, query_tokens[1:], strict=False):
        if first not in used and second not in used and first + second in known:
            used.update((first, second))
            groups.append([f"{first} {second}", first + second])
    content_words = [t for t in query_tokens if t not in STOPWORDS] or list(query_tokens)
    for word in dict.fromkeys(content_words):
        if word not in used:
            groups.append([word])
    return groups[:MAX_TERMS]


def _mark(snippet):
    return escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


# --- backends --------------------------------------------------------------------------


def _quoted(phrase):
    return '"' + phrase.replace('"', "") + '"'


def _sqlite_words(phrase):
    # The words a patient typed need not stand together in the text: all of them, anywhere.
    words = phrase.split()
    return _quoted(phrase) if len(words) == 1 else "(" + " AND ".join(_quoted(w) for w in words) + ")"


def _sqlite_match(groups, require_all):
    # Every phrase is one quoted FTS5 string, so no operator, column filter or bracket in
    # user text can reach the FTS5 parser; only our own AND / OR join them. The first
    # phrase of a concept is what the patient typed; the rest are exact clinical phrases.
    joiner = " AND " if require_all else " OR "
    return joiner.join("(" + " OR ".join([_sqlite_words(group[0]), *(_quoted(p) for p in group[1:])]) + ")" for group in groups)


def _unpublished_ids(cursor, now):
    # Few rows, read from the (status, published_at) index alone.
    cursor.execute("SELECT id FROM articles_article WHERE status != 'published' OR published_at > %s", [now])
    return {row[0] for row in cursor.fetchall()}


def _search_sqlite(groups, require_all, now, offset):
    """FTS5 ranks every match on its own; article rows are read for one page only.

    Joining every match to its article row reads each large row from disk, which is what
    made searches slow at 10,000 articles; drafts are few, so they are dropped in Python.
    """
    match = _sqlite_match(groups, require_all)
    with connection.cursor() as cursor:
        hidden = _unpublished_ids(cursor, now)
        cursor.execute(
            """SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s
               ORDER BY bm25(articles_article_fts, 10.0, 8.0, 4.0, 1.0)""",
            [match],
        )
        ranked = [row[0] for row in cursor.fetchall() if row[0] not in hidden]
        ids = ranked[offset : offset + PAGE_SIZE]
        if not ids:
            return len(ranked), []
        cursor.execute(
            f"""SELECT a.id, a.slug, a.title, a.summary, t.title, t.slug, a.plain_text FROM articles_article a
                JOIN articles_topic t ON t.id = a.topic_id WHERE a.id IN ({", ".join(["%s"] * len(ids))})""",
            ids,
        )
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    return len(ranked), [(*rows[i][:5], highlight(rows[i][5], groups)) for i in ids if i in rows]


def highlight(text, groups, words=28):
    """A window of text around the first match, matches marked. Both backends use it: FTS5's
    snippet() and PostgreSQL's ts_headline() each cost more than the search itself."""
    # Small words of a matched phrase ("in", "the") are not what the patient looked for.
    wanted = {w for group in groups for phrase in group for w in phrase.split() if w not in STOPWORDS and len(w) > 2}
    stems = sorted({w[: max(4, len(w) - 2)] for w in wanted}, key=len, reverse=True)
    if not stems:
        return ""
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)
    first = pattern.search(text)
    start = 0 if not first else max(0, len(text[: first.start()].split()) - 8)
    window = text.split()[start : start + words]
    snippet = " ".join(window)
    snippet = pattern.sub(lambda m: MARK_START + m.group(0) + MARK_END, snippet)
    return ("…" if start else "") + snippet + "…"


def _postgres_tsquery(groups, require_all):
    """SQL for a tsquery and its parameters: phrases OR'ed within a concept, concepts AND'ed.

    phraseto_tsquery takes any text and never raises; user text is only ever a parameter.
    """
    parts, params = [], []
    for group in groups:
        # What the patient typed: all its words, anywhere; the clinical phrases: exact.
        alternatives = ["plainto_tsquery('english', %s)"] + ["phraseto_tsquery('english', %s)"] * (len(group) - 1)
        parts.append("(" + " || ".join(alternatives) + ")")
        params.extend(group)
    return (" && " if require_all else " || ").join(parts), params


def _search_postgres(groups, require_all, now, offset):
    # Rank ids only (the GIN index finds the matches); read rows for one page.
    tsquery, params = _postgres_tsquery(groups, require_all)
    with connection.cursor() as cursor:
        cursor.execute(
            # The tsquery is written inline, not joined in: only a query the planner can see
            # lets it use the GIN index instead of reading every row.
            f"""SELECT a.id FROM articles_article a
                WHERE a.search_vector @@ ({tsquery}) AND {PUBLISHED_SQL}
                ORDER BY ts_rank_cd('{{0.1, 0.2, 0.4, 1.0}}', a.search_vector, ({tsquery}), 1) DESC, a.title""",
            [*params, now, *params],
        )
        ranked = [row[0] for row in cursor.fetchall()]
        ids = ranked[offset : offset + PAGE_SIZE]
        if not ids:
            return len(ranked), []
        cursor.execute(
            """SELECT a.id, a.slug, a.title, a.summary, t.title, t.slug, a.plain_text
               FROM articles_article a JOIN articles_topic t ON t.id = a.topic_id WHERE a.id = ANY(%s)""",
            [ids],
        )
        rows = {row[0]: row[1:] for row in cursor.fetchall()}
    # ts_headline re-parses each whole article (10-40 ms a page at 10,000 articles); the
    # same highlighter as SQLite's costs well under a millisecond.
    return len(ranked), [(*rows[i][:5], highlight(rows[i][5], groups)) for i in ids if i in rows]


def _run(groups, now, page):
    """Articles that match every concept; if none do, those that match any."""
    if not groups:
        return 0, []
    offset = (page - 1) * PAGE_SIZE
    backend = _search_postgres if connection.vendor == "postgresql" else _search_sqlite
    total, rows = backend(groups, True, now, offset)
    if not total and len(groups) > 1:
        total, rows = backend(groups, False, now, offset)
    hits = [
        Hit(slug, title, summary, t_title, t_slug, _mark(snip or summary)) for slug, title, summary, t_title, t_slug, snip in rows
    ]
    return total, hits


# --- spelling ------------------------------------------------------------------------------

_cache = {}


def _search_data(request=None):
    """Glossary names and spelling vocabularies, rebuilt only when the library changes.

    Suggestions come from titles, other names, the glossary and the synonym file: the words
    patients try to spell. A word found anywhere in the library is never "corrected".
    """
    from . import stamps
    from .models import Article

    # The library stamp the page's validators read already (stamps.py): no query of its own.
    stamp = stamps.last_change(request).key()
    if _cache.get("stamp") != stamp:
        suggestable, known = set(), set()
        rows = Article.objects.published().values_list("title", "also_called", "summary", "plain_text")
        for title, names, summary, text in rows.iterator(chunk_size=500):
            words = tokens(" ".join([title, *(names or [])]))
            suggestable.update(words)
            known.update(words, tokens(summary), tokens(text))
        pairs = _glossary_pairs()
        for name in [*pairs, *synonym_map()]:
            suggestable.update(tokens(name))
        known |= suggestable
        _cache.update(
            stamp=stamp,
            known=known,
            pairs=pairs,
            terms=[(t, [" ".join(tokens(n)) for n in [t.term, *t.aliases]]) for t in GlossaryTerm.objects.all()],
            suggestable=_by_initial(w for w in suggestable if len(w) > 3),
        )
    return _cache


def _by_initial(words):
    # Misspellings rarely get the first letter wrong; comparing only words that share it
    # keeps "did you mean" cheap with tens of thousands of titles.
    index = {}
    for word in sorted(words):
        index.setdefault(word[0], []).append(word)
    return index


def suggest(query_tokens, known, suggestable):
    """The query with each unknown word replaced by its closest known word, or ''."""
    changed, out = False, []
    query_tokens = list(query_tokens)
    for i in range(len(query_tokens) - 1):
        joined = query_tokens[i] + query_tokens[i + 1]
        if joined in known and (query_tokens[i] not in known or query_tokens[i + 1] not in known):
            query_tokens[i : i + 2] = [joined, ""]
            changed = True
    for token in filter(None, query_tokens):
        if token in known or token in STOPWORDS or len(token) < 4:
            out.append(token)
            continue
        candidates = [w for w in suggestable.get(token[0], ()) if abs(len(w) - len(token)) <= 2]
        close = difflib.get_close_matches(token, candidates, n=1, cutoff=0.75)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(token)
    return " ".join(out) if changed else ""


# --- the interface -------------------------------------------------------------------------


def matching_glossary(query_tokens, terms, limit=3):
    if not query_tokens:
        return []
    joined = " " + " ".join(query_tokens) + " "
    found = []
    for term, names in terms:
        if any(n and f" {n} " in joined for n in names):
            found.append(term)
    return found[:limit]


def search(raw_query, page=1, now=None, request=None):
    from django.utils import timezone

    now = now or timezone.now()
    query = clean_query(raw_query)
    results = Results(query=query, page=max(1, page))
    query_tokens = tokens(query)[:MAX_TERMS]
    if not query_tokens:
        return results
    data = _search_data(request)
    pairs, known, suggestable = data["pairs"], data["known"], data["suggestable"]
    results.total, results.hits = _run(concepts(query_tokens, pairs, known), now, results.page)
    results.glossary = matching_glossary(query_tokens, data["terms"])
    suggestion = suggest(query_tokens, known, suggestable)
    if suggestion:
        results.suggestion = suggestion
        # Search the correction when the words as typed are mostly unknown to the library.
        unknown = [t for t in query_tokens if t not in STOPWORDS and t not in known]
        if results.total == 0 or len(unknown) * 2 >= len([t for t in query_tokens if t not in STOPWORDS]):
            total, hits = _run(concepts(tokens(suggestion), pairs, known), now, results.page)
            if total:
                results.total, results.hits, results.corrected = total, hits, True
                results.glossary = results.glossary or matching_glossary(tokens(suggestion), data["terms"])
    return results
