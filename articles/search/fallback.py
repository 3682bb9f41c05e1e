"""Which concepts the fallback searches, on both databases, when few pages have every concept.

A question has words no page uses, so pages with some of its concepts must be found too. But
a common concept on its own ("pain") matches most of the library, and ranking thousands of
long rows took a tenth of a second at 10,000 articles on either database. So the fallback
takes the pages with all but one of a few concepts, and the pages with any of the rarer
concepts; "is it ok to exercise if it hurts" still wants "exercise" and "hurts".
"""

import math
from collections.abc import Sequence

# In more than about a third of the articles: common.
COMMON_SHARE = 0.35
# The rows the fallback may rank: this share of the library (or this many, in a small one).
FALLBACK_SHARE = 0.1
FALLBACK_ROWS = 200
# All but one of this many concepts or fewer: a longer question keeps rare words to match
# on, and intersecting and ranking its many common ones took 70 ms at 10,000 articles.
ALL_BUT_ONE_UP_TO = 4
# While the rarer concepts hold fewer articles than this, a common one is added too (within the
# rows above): one incidental rare word ("scared" in "scared of needles, can they put me to sleep
# for my shot") found only the one page that used it.
FEW = 10

Groups = Sequence[Sequence[str]]


def rarer(groups: Groups, weights: Sequence[float], as_concept: Sequence[float], total: int) -> list[Sequence[str]]:
    """The concepts some but fewer than COMMON_SHARE of the articles have, rarest first, while
    together they hold about FALLBACK_SHARE of the library or fewer; at least the rarest one,
    common or not ("sleeping pills with my pain meds" still finds the pages on sleeping pills).

    weights: each concept's rarest phrase's idf; as_concept: its most common phrase's (the
    rows it matches); total: the articles in the library."""
    common = math.log(1 + (1 - COMMON_SHARE) / COMMON_SHARE)
    nowhere = math.log(1 + (total + 0.5) / 0.5)  # a word no article has ("meds"): it finds nothing
    held = [(g, w, c) for g, w, c in zip(groups, weights, as_concept, strict=True) if w < nowhere - 1e-9]
    kept: list[Sequence[str]] = []
    rows = 0.0
    for group, weight, concept in sorted(held, key=lambda item: -item[1]):
        # About how many articles have it (back from its idf): the rows the fallback ranks.
        before = rows
        rows += (total + 1) / math.exp(concept) - 0.5
        if kept and (weight <= common and before >= FEW or rows > max(FALLBACK_ROWS, FALLBACK_SHARE * total)):
            break
        kept.append(group)
    return kept


def all_but_one(groups: Groups) -> list[list[Sequence[str]]]:
    """Each set of all the concepts but one, for a query of three to ALL_BUT_ONE_UP_TO concepts."""
    if not 2 < len(groups) <= ALL_BUT_ONE_UP_TO:
        return []
    return [[g for i, g in enumerate(groups) if i != skipped] for skipped in range(len(groups))]
