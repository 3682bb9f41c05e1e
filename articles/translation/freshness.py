"""Whether a translation still matches the English text it was made from.

A translation records the hash of the English text (`source_hash`); while the English article's
text hashes the same, the translation is current. Only what a translator translates counts:
a new source or a reviewer's date on the English page does not make a translation behind.
"""

import hashlib
import json

# What a translation carries over from its English article.
TRANSLATED_FIELDS = ("title", "summary", "also_called", "at_a_glance", "body")


def text_hash(row) -> str:
    """The hash of a row's translatable text (an English article or a translation)."""
    values = {name: getattr(row, name) for name in TRANSLATED_FIELDS}
    values["body"] = (values["body"] or "").strip()
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()


def source_hash(article) -> str:
    """What a translation made from this English article today records."""
    return text_hash(article)


def is_behind(translation) -> bool:
    return translation.source_hash != source_hash(translation.article)


def missing():
    """(language, English article) for each published English article with no translation in
    a language the site offers: what the admin lists as still to translate."""
    from articles.models import Article, ArticleTranslation
    from articles.translation.files import languages

    have = set(ArticleTranslation.objects.values_list("article_id", "language"))
    english = Article.objects.published().order_by("title").only("id", "slug", "title")
    return [(language, article) for language in languages() for article in english if (article.pk, language) not in have]
