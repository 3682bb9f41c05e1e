"""PostgreSQL: a weighted tsvector column kept by a trigger, with a GIN index (search/index.py)."""

from django.db import connection

from articles import rules
from articles.search.index import POSTGRES_RANK_WEIGHTS


def tsquery(groups, require_all):
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


def rank(groups, require_all, now):
    # Rank ids only: the GIN index finds the matches.
    query, params = tsquery(groups, require_all)
    live, live_params = rules.published_sql("a", now)
    weights = "{" + ", ".join(str(w) for w in POSTGRES_RANK_WEIGHTS) + "}"
    with connection.cursor() as cursor:
        cursor.execute(
            # The tsquery is written inline, not joined in: only a query the planner can see
            # lets it use the GIN index instead of reading every row.
            f"""SELECT a.id FROM articles_article a
                WHERE a.search_vector @@ ({query}) AND {live}
                ORDER BY ts_rank_cd('{weights}', a.search_vector, ({query}), 1) DESC, a.title""",  # noqa: S608
            [*params, *live_params, *params],
        )
        return [row[0] for row in cursor.fetchall()]
