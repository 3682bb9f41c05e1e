"""What the pages in other languages read: kept per process until the library stamp moves,
like public/reads.py for English."""

from articles.caching.memo import per_stamp_by_key
from articles.public import reads
from articles.seo.structured_data import absolute
from articles.translation import languages


@per_stamp_by_key(maxsize=8)
def _topics(language):
    from articles.models import TopicTranslation

    by_topic = {t.topic_id: t for t in TopicTranslation.objects.filter(language=language).select_related("topic")}
    # In the English menu's order; a topic not translated yet is left out of the menu.
    return [by_topic[t.pk] for t in reads.topics() if t.pk in by_topic]


def menu(language):
    return reads.topics() if language == languages.DEFAULT else _topics(language)


def topic(slug, language):
    return next((t for t in _topics(language) if t.topic.slug == slug), None)


# What lists, menus, hreflang links and search need of every live translation: a few small
# columns, so a library of thousands stays small in each worker.
_LISTED = (
    "id",
    "article_id",
    "language",
    "title",
    "summary",
    "reading_minutes",
    "stems_title",
    "also_called",
    "status",
    "article__slug",
    "article__title",
    "article__topic_id",
    "article__kind",
)
# Full translations a worker keeps between library changes, as for English (public/reads.py).
ARTICLES_KEPT = 256


@per_stamp_by_key(maxsize=8)
def _listing(language):
    """slug -> the published translation's listed columns (its English article's slug, topic
    and kind attached)."""
    from articles.models import ArticleTranslation

    rows = ArticleTranslation.objects.published().filter(language=language).select_related("article").only(*_LISTED)
    topics = {t.pk: t for t in reads.topics()}
    found = {}
    for row in rows:
        row.article.topic = topics[row.article.topic_id]
        found[row.article.slug] = row
    return found


@per_stamp_by_key(ARTICLES_KEPT)
def _full(language_and_slug):
    """The published translation, whole, its English article and topic attached; rendered
    afresh for reading when stored before a glossary, clinic or policy change."""
    from articles.models import ArticleTranslation
    from articles.translation import rendering

    language, slug = language_and_slug.split(":", 1)
    row = (
        ArticleTranslation.objects.published()
        .filter(language=language, article__slug=slug)
        .select_related("article", "reviewer")
        .first()
    )
    if row is None:
        return None
    row.article.topic = next(t for t in reads.topics() if t.pk == row.article.topic_id)
    context = rendering.context(language)
    if row.rendered_with != context.key:
        # The next load or save stores it (translation/sync.py).
        result = rendering.render(row.body, language, ctx=context)
        row.body_html, row.toc, row.sections = result.html, result.toc, result.sections
    return row


def all_published(language):
    """slug -> published translation (listed columns only), for the language."""
    return _listing(language)


def published(slug, language):
    """The whole published translation of the English article `slug`, or None."""
    if slug not in _listing(language):
        return None
    return _full(f"{language}:{slug}")


def translations_of(slug):
    """language -> the published translation of the English article `slug`."""
    return {code: row for code in languages.codes() if code != languages.DEFAULT and (row := _listing(code).get(slug))}


def in_reading_order(topic, language):
    """The topic's published articles in this language, in the English reading order."""
    rows = _listing(language)
    return [rows[a.slug] for a in reads.siblings_of_topic(topic.pk) if a.slug in rows]


def related(article, language):
    rows = _listing(language)
    return [rows[a.slug] for a in reads.related(article) if a.slug in rows]


@per_stamp_by_key(maxsize=8)
def _changes(language):
    """translation id -> its dated clinical changes for patients ("What changed", each note in
    the page's language), newest first; as English's (public/reads.py)."""
    from articles.models import TranslationRevision

    return TranslationRevision.told_patients("translation_id", translation__language=language)


def changes(row):
    return _changes(row.language).get(row.pk, [])


def alternates(english_path_name, slug=None, languages_present=None):
    """(code, name in itself, absolute address) for each language this page exists in,
    English first (it is the x-default)."""
    present = languages_present if languages_present is not None else languages.codes()
    args = (slug,) if slug else ()
    return [(code, languages.name_of(code), absolute(languages.named_url(english_path_name, code, *args))) for code in present]


def article_alternates(article):
    """The article page's languages: English (when it is live) and every published translation."""
    present = [languages.DEFAULT] if article.is_published else []
    present += list(translations_of(article.slug))
    return alternates("articles:article", article.slug, present)
