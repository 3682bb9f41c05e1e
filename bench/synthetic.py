"""Synthetic articles for scale tests: plausible text built from the real library's words.

Never written into content/: rows go straight into whatever database DATABASE_URL names.
"""

import random

from django.db import transaction

from articles.models import Article, Topic, render_markdown
from articles.readability import measure


def _sentences(seed_texts):
    sentences = []
    for text in seed_texts:
        sentences.extend(s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 4)
    return sentences


def generate(count, seed=1, batch=500, progress=print):
    """Add `count` published synthetic articles, spread over the existing topics."""
    rng = random.Random(seed)
    topics = list(Topic.objects.all()) or [Topic.objects.create(slug="synthetic", title="Synthetic")]
    sentences = _sentences(Article.objects.values_list("plain_text", flat=True)) or ["You may feel some pain"]
    words = sorted({w.strip(".,;:()").lower() for s in sentences for w in s.split() if w.isalpha() and len(w) > 4})
    made = 0
    while made < count:
        rows = []
        for n in range(made, min(count, made + batch)):
            title = " ".join(rng.sample(words, 3)).capitalize() + f" {n}"
            paragraphs = ["## " + " ".join(rng.sample(words, 3)).capitalize() + "\n\n" + ". ".join(rng.sample(sentences, 5)) + "."
                          for _ in range(4)]
            body = "\n\n".join(paragraphs)
            result = render_markdown(body)
            figures = measure(result.prose, result.text)
            rows.append(Article(
                slug=f"synthetic-{seed}-{n}", topic=rng.choice(topics), title=title[:200],
                summary=". ".join(rng.sample(sentences, 1))[:160], kind="guide", body=body,
                body_html=result.html, toc=result.toc, plain_text=result.text,
                word_count=figures.words, reading_minutes=figures.minutes,
            ))
        with transaction.atomic():
            Article.objects.bulk_create(rows)
        made += len(rows)
        progress(f"  generated {made}/{count}")
    return made
