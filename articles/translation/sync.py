"""Checking and writing the translation files (translation/files.py), inside load_content's
one transaction: all of it or nothing. An admin edit of a translation since it was last
loaded is never overwritten: the file's change is reported as a conflict, as for articles."""

from django.utils.text import slugify

from articles.library import schema
from articles.library.files import Problem
from articles.library.validation import body_problems
from articles.translation import files, rendering


def validate(library, known_slugs, images, policy_names) -> None:
    problems = library.problems
    tr = library.translations
    for (slug, language), source in tr.articles.items():
        files.check_article(source, library.articles.get(slug), language, problems)
        for offset, message in body_problems(source.body, known_slugs, images, policy_names):
            problems.append(Problem(source.display, source.body_line + offset, message))
    for source in tr.topics.values():
        files.check_topic(source, set(library.topics), problems)
    english_terms = {entry["term"] for entry in library.glossary}
    for language, entries in tr.glossary.items():
        files.check_glossary(language, entries, english_terms, f"glossary.{language}.yaml", problems)
    for language, entries in tr.body_parts.items():
        for entry in entries:
            for slug in entry["articles"]:
                if slug not in known_slugs:
                    message = f"no article {slug!r}: each slug must be an English article's"
                    problems.append(Problem(f"body_parts.{language}.yaml", entry["line"], message))
    for language, entries in tr.section_questions.items():
        for entry in entries:
            if entry["article"] not in known_slugs:
                message = f"no article {entry['article']!r}: each slug must be an English article's"
                problems.append(Problem(f"section_questions.{language}.yaml", entry["line"], message))
    names = {p["name"] for p in library.policies}
    for language, entries in tr.policies.items():
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or entry.get("name") not in names or not isinstance(entry.get("text"), str):
                problems.append(
                    Problem(
                        f"policies.{language}.yaml",
                        1,
                        f"entry {number}: needs the 'name' of a policy in policies.yaml and its 'text'",
                    )
                )


def _values(source, reviewer):
    meta = source.meta
    values = {
        name: schema.BY_NAME[name].to_model(meta.get(name, schema.BY_NAME[name].default))
        for name in files.ARTICLE_FIELDS
        if name != "reviewer"
    }
    values.update(body=source.body.strip() + "\n", source_hash=meta["source_hash"], reviewer=reviewer(meta.get("reviewer")))
    return values


def write(library, report, reviewer) -> None:
    from articles.models import (
        Article,
        ArticleTranslation,
        ClinicPolicy,
        GlossaryTerm,
        GlossaryTranslation,
        PolicyTranslation,
        Topic,
        TopicTranslation,
    )

    tr = library.translations
    topics = {t.slug: t for t in Topic.objects.all()}
    stored_topics = {(t.topic.slug, t.language): t for t in TopicTranslation.objects.select_related("topic")}
    for (slug, language), source in tr.topics.items():
        topic_row = stored_topics.get((slug, language)) or TopicTranslation(topic=topics[slug], language=language)
        if topic_row.content_hash != source.hash:
            topic_row.title, topic_row.summary = source.meta["title"].strip(), " ".join(source.meta["summary"].split())
            topic_row.intro, topic_row.content_hash = source.body.strip(), source.hash
            topic_row.save()

    entries = {t.term: t for t in GlossaryTerm.objects.all()}
    for language, items in tr.glossary.items():
        wanted, slugs = [], set()
        for item in items:
            slug = base = slugify(item["term"]) or "term"
            n = 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            aliases = [a for a in item.get("aliases") or [] if isinstance(a, str)]
            senses = [w for w in item.get("sense_words") or [] if isinstance(w, str)]
            wanted.append(
                (entries[item["en"]].pk, item["term"].strip(), slug, " ".join(item["definition"].split()), aliases, senses)
            )
        rows = GlossaryTranslation.objects.filter(language=language).order_by("pk")
        if [(t.entry_id, t.term, t.slug, t.definition, t.aliases, t.sense_words) for t in rows] != wanted:
            # The file is the glossary's one home in this language: written again as a whole.
            rows.delete()
            GlossaryTranslation.objects.bulk_create(
                GlossaryTranslation(entry_id=e, language=language, term=t, slug=sl, definition=d, aliases=a, sense_words=sw)
                for e, t, sl, d, a, sw in wanted
            )

    policies = {p.name: p for p in ClinicPolicy.objects.all()}
    for language, items in tr.policies.items():
        for item in items:
            policy = policies[item["name"]]
            wording = PolicyTranslation.objects.filter(policy=policy, language=language).first() or PolicyTranslation(
                policy=policy, language=language
            )
            title = str(item.get("title") or policy.title)
            text = item["text"].strip()
            if (wording.title, wording.default_text) != (title, text):
                wording.title, wording.default_text = title, text
                wording.save()

    articles = {a.slug: a for a in Article.objects.filter(slug__in={slug for slug, _ in tr.articles})}
    stored = {(t.article.slug, t.language): t for t in ArticleTranslation.objects.select_related("article", "reviewer")}
    contexts = {language: rendering.context(language) for language in {language for _, language in tr.articles}}
    for (slug, language), source in tr.articles.items():
        row = stored.get((slug, language))
        if row is not None and row.content_hash == source.hash:
            if row.render_version != rendering.RENDER_VERSION or row.rendered_with != contexts[language].key:
                # The pipeline, the glossary or a policy's wording changed: rendered (and
                # indexed) again, the text as it is.
                row.save()
            report.translations["unchanged"] += 1
            continue
        report.writing = source.display
        if row is not None and row.loaded_fingerprint and row.fingerprint() != row.loaded_fingerprint:
            report.conflicts.append(source.display)
            continue
        if row is None:
            row = ArticleTranslation(article=articles[slug], language=language)
            report.translations["created"] += 1
        else:
            report.translations["updated"] += 1
        for name, value in _values(source, reviewer).items():
            setattr(row, name, value)
        row.source_path, row.content_hash = source.display, source.hash
        row.save()
        ArticleTranslation.objects.filter(pk=row.pk).update(loaded_fingerprint=row.fingerprint())
