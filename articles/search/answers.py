"""An answer first: for a question, the section that clearly answers it, shown above the
results like the glossary card (its heading, its first paragraph or list, a link to it).

"Clearly" means: the best section of all belongs to the best article, the section (with
its page's name) covers most of what the question asks (by weight: rare words count most), and
its heading names something asked beyond the page's name that is not on nearly every page
(COMMON_IDF). Otherwise no card; better none than a wrong one. Only live articles have
sections to rank (backends drop the rest).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from articles.search.ranking import Ranked, mentions, names

QUESTION_WORDS = frozenset(
    """how what when where why who which whom whose can could do does did is are am was were
    should shall will would may might must has have""".split()
)
# The share of the question's weight the section must cover.
COVERAGE = 0.6
# A concept the heading names counts only if its idf in the library is at least this: below
# it, a word on about 19 pages in 20 ("after", "before"), which says nothing about what a
# section answers.
COMMON_IDF = 0.05


def telling(idf: float) -> bool:
    """Whether a heading that names a concept this rare names what is asked (for an answer card)."""
    return idf >= COMMON_IDF


@dataclass
class Answer:
    slug: str
    title: str
    anchor: str
    heading: str
    html: str  # the section's first paragraph or list: sanitised HTML from the article


def is_question(raw: str, query_tokens: Sequence[str]) -> bool:
    return raw.strip().endswith("?") or (bool(query_tokens) and query_tokens[0] in QUESTION_WORDS)


def choose(ranking: Ranked, groups: Sequence[Sequence[str]]) -> tuple[int, str, str] | None:
    """(article id, anchor, heading) of the section that clearly answers, or None."""
    if not ranking.ids or not groups:
        return None
    top = ranking.ids[0]
    section = ranking.sections.get(top)
    if section is None or ranking.first_section_article != top:
        return None
    anchor, heading, text = section
    known = names()
    weights = [(group, known.weight(group)) for group in groups]
    total = sum(w for _, w in weights)
    # The page's own name counts as covered: the section is part of the page about it.
    where, title = f"{heading} {text}".lower(), known.by_id.get(top, "")
    covered = sum(w for group, w in weights if mentions(group, where) or mentions(group, title))
    if not total or covered / total < COVERAGE:
        return None
    # And its heading is about what is asked: it names something the question asks beyond the
    # page, and not one of the library's commonest words ("after": "can i breastfeed after a back
    # shot?" got "Anti-inflammatory pain pills after 20 weeks").
    rarity = ranking.rarity or [COMMON_IDF] * len(groups)
    if not any(
        telling(idf) and mentions(group, heading.lower()) and not mentions(group, title)
        for (group, _), idf in zip(weights, rarity, strict=True)
    ):
        return None
    return top, anchor, heading
