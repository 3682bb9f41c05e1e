"""Finding published articles by code, through the ArticleCode index (never a scan)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Value, When

from articles.codes import systems
from articles.translation import languages
from articles.translation import reads as translated_reads

# As MedlinePlus Connect: up to three pages a code.
MOST = 3


def index_codes(article) -> None:
    """The article's rows in the code index, from its `codes` (called by Article.save)."""
    from articles.models import ArticleCode

    codes = article.codes if isinstance(article.codes, dict) else {}
    rows = [ArticleCode(article=article, system=key, code=code) for key in systems.BY_KEY for code in codes.get(key, [])]
    with transaction.atomic():
        ArticleCode.objects.filter(article=article).delete()
        ArticleCode.objects.bulk_create(rows, ignore_conflicts=True)


@dataclass
class Match:
    article: object  # the English Article, published
    page: object  # what to show: the translation in the language asked for, else the article
    language: str
    code: str  # the code that matched (the one asked for, or a broader one)


def find(system: systems.System, code: str, language: str = languages.DEFAULT, most: int = MOST) -> list[Match]:
    """Up to `most` published articles for a code: the code itself, else each broader code in
    turn (ICD-10-CM: M54.16, then M54.1, then M54). In `language` where a translation is live."""
    from articles.models import Article, ArticleCode

    for candidate in systems.broader(system, systems.normalise(system, code)):
        ids = list(ArticleCode.objects.filter(system=system.key, code=candidate).values_list("article_id", flat=True)[:50])
        if not ids:
            continue
        # The page about the thing first: for a diagnosis the condition page, for a procedure
        # code the procedure page; then by title.
        first = "condition" if system is systems.ICD10CM else "procedure"
        about = Case(When(kind=first, then=Value(0)), default=Value(1))
        found = Article.objects.published().filter(pk__in=ids).select_related("topic")
        articles = list(found.order_by(about, "title")[:most])
        if articles:
            return [_match(article, language, candidate) for article in articles]
    return []


def _match(article, language, code):
    if language != languages.DEFAULT:
        translation = translated_reads.published(article.slug, language)
        if translation is not None:
            return Match(article, translation, language, code)
    return Match(article, article, languages.DEFAULT, code)
