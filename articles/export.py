"""Database -> content files, in the format load_content reads (DESIGN.md).

Together with load_content this is a lossless round trip, so edits made in the admin can
be committed to git, and a library can be moved between databases.
"""

from pathlib import Path

import yaml

from .models import Article, GlossaryTerm, Topic


def _front_matter(fields):
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{text}---\n"


def article_fields(article):
    fields = {"title": article.title, "summary": article.summary, "kind": article.kind}
    if article.order is not None:
        fields["order"] = article.order
    if article.also_called:
        fields["also_called"] = list(article.also_called)
    if article.at_a_glance:
        fields["at_a_glance"] = dict(article.at_a_glance)
    if article.body_location:
        fields["body_location"] = article.body_location
    related = sorted(a.slug for a in article.related.all())
    if related:
        fields["related"] = related
    fields["sources"] = list(article.sources)
    fields["updated"] = article.updated
    if article.reviewed:
        fields["reviewed"] = article.reviewed
    if article.reviewer_id:
        fields["reviewer"] = article.reviewer.name
    if article.review_due:
        fields["review_due"] = article.review_due
    if article.status != Article.Status.PUBLISHED:
        fields["status"] = article.status
    return fields


def export_library(target):
    """Write every topic, article and glossary term under target. Returns counts."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    topics = list(Topic.objects.all())
    for topic in topics:
        folder = target / topic.slug
        folder.mkdir(exist_ok=True)
        fields = {"title": topic.title, "summary": topic.summary, "order": topic.order}
        (folder / "_topic.md").write_text(_front_matter(fields) + topic.intro.strip() + "\n", encoding="utf-8")
    articles = Article.objects.select_related("topic", "reviewer").prefetch_related("related")
    count = 0
    for article in articles.iterator(chunk_size=200):
        path = target / article.topic.slug / f"{article.slug}.md"
        path.write_text(_front_matter(article_fields(article)) + article.body.strip() + "\n", encoding="utf-8")
        count += 1
    glossary = [
        {"term": t.term, "definition": t.definition, **({"aliases": list(t.aliases)} if t.aliases else {})}
        for t in GlossaryTerm.objects.all()
    ]
    (target / "glossary.yaml").write_text(
        yaml.safe_dump(glossary, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8"
    )
    return {"topics": len(topics), "articles": count, "glossary": len(glossary)}
