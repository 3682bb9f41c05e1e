"""Synthetic articles for scale tests: plausible text built from the real library's words.

Never written into content/: rows go straight into whatever database DATABASE_URL names.
"""

import random

from django.db import transaction

from articles.models import Article, Topic
from articles.rendering import site as rendering


def _sentences(seed_texts):
    sentences = []
    for text in seed_texts:
        sentences.extend(s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4)
    return sentences


SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu".split()


def _lexicon(rng, size=20_000):
    return sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)})


def generate(count, seed=1, batch=500, progress=print, real_share=0.2):
    """Add `count` published synthetic articles, spread over the existing topics.

    real_share of the sentences come from the real library, the rest are made of invented
    words drawn with a skewed (Zipf-like) frequency, so that a medical word turns up in a
    share of articles a large real library might have. real_share=1 is the pessimistic case
    in which every article is about the same few things.
    """
    rng = random.Random(seed)
    lexicon = _lexicon(rng)
    weights = [1 / (rank + 1) for rank in range(len(lexicon))]

    def invented_sentence():
        return " ".join(rng.choices(lexicon, weights, k=rng.randint(8, 14))).capitalize()

    def sentence():
        return rng.choice(sentences) if rng.random() < real_share else invented_sentence()

    topics = list(Topic.objects.all()) or [Topic.objects.create(slug="synthetic", title="Synthetic")]
    sentences = _sentences(Article.objects.values_list("plain_text", flat=True)) or ["You may feel some pain"]
    words = sorted({w.strip(".,;:()").lower() for s in sentences for w in s.split() if w.isalpha() and len(w) > 4})
    context = rendering.Context.current()
    made = 0
    while made < count:
        rows = []
        for n in range(made, min(count, made + batch)):
            pool = words if rng.random() < real_share else lexicon
            title = " ".join(rng.sample(pool, 3)).capitalize() + f" {n}"
            paragraphs = [
                "## " + " ".join(rng.sample(pool, 3)).capitalize() + "\n\n" + ". ".join(sentence() for _ in range(5)) + "."
                for _ in range(4)
            ]
            article = Article(
                slug=f"synthetic-{seed}-{n}",
                topic=rng.choice(topics),
                title=title[:200],
                summary=sentence()[:160],
                kind="guide",
                body="\n\n".join(paragraphs),
            )
            rendering.apply(article, context)  # the one writer of the derived columns
            rows.append(article)
        with transaction.atomic():
            Article.objects.bulk_create(rows)
        made += len(rows)
        progress(f"  generated {made}/{count}")
    return made


def generate_translations(language, seed=1, batch=500, progress=print, real_share=0.2):
    """A published translation in `language` for every article that has none, built the same
    way from the language's real translations (their sentences and words) and invented words."""
    from articles.models import ArticleTranslation
    from articles.translation import rendering as translated

    rng = random.Random(seed)
    lexicon = _lexicon(rng)
    weights = [1 / (rank + 1) for rank in range(len(lexicon))]
    real = ArticleTranslation.objects.filter(language=language).values_list("plain_text", flat=True)
    sentences = _sentences(real) or ["Puede sentir algo de dolor"]
    words = sorted({w.strip(".,;:()¿?¡!").lower() for s in sentences for w in s.split() if w.isalpha() and len(w) > 4})

    def sentence():
        if rng.random() < real_share:
            return rng.choice(sentences)
        return " ".join(rng.choices(lexicon, weights, k=rng.randint(8, 14))).capitalize()

    context = translated.context(language)
    missing = list(Article.objects.exclude(translations__language=language).only("id", "slug", "title", "also_called", "toc"))
    made = 0
    for start in range(0, len(missing), batch):
        rows = []
        for article in missing[start : start + batch]:
            pool = words if rng.random() < real_share else lexicon
            paragraphs = [
                "## " + " ".join(rng.sample(pool, 3)).capitalize() + "\n\n" + ". ".join(sentence() for _ in range(5)) + "."
                for _ in range(4)
            ]
            row = ArticleTranslation(
                article=article,
                language=language,
                title=(" ".join(rng.sample(pool, 3)).capitalize() + f" {article.pk}")[:200],
                summary=sentence()[:160],
                body="\n\n".join(paragraphs),
                status="published",
            )
            translated.apply(row, context)
            rows.append(row)
        with transaction.atomic():
            ArticleTranslation.objects.bulk_create(rows)
        made += len(rows)
        progress(f"  translated {made}/{len(missing)}")
    return made
