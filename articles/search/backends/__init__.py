"""Search backends: one module per database, each with the same interface:

    rank(groups, require_all, now, among=None) -> [article id, best first]
    rank_passages(groups, require_all, now, limit, among=None)
        -> [(passage id, article id, anchor, heading, text), best first]
    article_passages(article_ids) -> [(article id, anchor, heading, text)], every section
    idf(groups) -> [each concept's idf in the library]

groups are the query's concepts (query.concepts); `among` limits the answer to those
articles. Only live articles are ranked. Rows for the page shown are then read through the
ORM (page_rows), so a backend only ranks.
"""

from django.db import connection

from articles.models import Article


def backend():
    from articles.search.backends import postgres, sqlite

    return postgres if connection.vendor == "postgresql" else sqlite


def page_rows(ids):
    """The articles for one page of ranked ids, in rank order."""
    rows = (
        Article.objects.filter(id__in=ids)
        .select_related("topic")
        # Not the whole text: the snippet comes from the best section's (read it only when that fails).
        .only("slug", "title", "summary", "topic__title", "topic__slug")
        # Put in rank order below: the model's own order (by title) would cost half the query.
        .order_by()
    )
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]
