"""Database -> content files, in the format load_content reads (library/schema.py).

Together with load_content this is a lossless round trip, so edits made in the admin can
be committed to git, and a library can be moved between databases: every field staff set
(a scheduled article's publication time included), the relations, the glossary, and the
image library with its pictures (library/images.py), so `![](image:7)` still works there.
"""

from pathlib import Path

import yaml

from articles.library import images, schema
from articles.library.files import Problem
from articles.library.reader import read_library
from articles.library.validation import validate
from articles.models import Article, ClinicPolicy, GlossaryTerm, Topic


def _front_matter(fields):
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return f"---\n{text}---\n"


def article_fields(article):
    """The article's front matter, in the format's order (library/schema.py)."""
    fields = dict(schema.file_values(article))
    related = sorted(a.slug for a in article.related.all())
    if related:
        fields["related"] = related
    if article.reviewer_id:
        fields["reviewer"] = article.reviewer.name
    order = [f.name for f in schema.FIELDS]
    return dict(sorted(fields.items(), key=lambda item: order.index(item[0])))


def export_library(target):
    """Write every topic, article, glossary term and picture under target. Returns counts, and
    under "problems" what would stop load_content from loading the folder into an empty database."""
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
        {
            "term": t.term,
            "definition": t.definition,
            **({"aliases": list(t.aliases)} if t.aliases else {}),
            **({"sense_words": list(t.sense_words)} if t.sense_words else {}),
        }
        for t in GlossaryTerm.objects.all()
    ]
    _write_yaml(target / "glossary.yaml", glossary)
    # The policies as the library defines them; each clinic's own wording stays in its database.
    policies = [
        {"name": p.name, "title": p.title, "text": p.default_text, "source": p.source, "spot": list(p.spot)}
        for p in ClinicPolicy.objects.all()
    ]
    if policies:
        _write_yaml(target / "policies.yaml", policies)
    pictures, missing = images.export(target)
    problems = [Problem(images.MANIFEST, 1, message) for message in missing] + check_export(target)
    return {"topics": len(topics), "articles": count, "glossary": len(glossary), "images": pictures, "problems": problems}


def _write_yaml(path, data):
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def check_export(target):
    """The loader's checks on an exported folder, as if it were loaded into an empty database:
    a row the admin accepted that the format refuses (an article from before a rule, a picture
    deleted while an article still names it without alt text) is named now, not on the day
    the library has to move."""
    library = read_library(target)
    pictures = images.read_images(target, library.problems)
    validate(library, images=pictures.alt_texts(with_database=False))
    return library.problems
