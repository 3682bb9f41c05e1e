"""Writes a validated content/ library into the database: all of it, or nothing.

An article edited in the admin since it was last loaded is never overwritten silently:
its file change is reported as a conflict and the admin edit stays, unless force=True.
That holds for an admin save racing a load too (F18): while the loader writes, a LibraryLoad
row says so and admin saves are refused (editorial/forms.py); a save that slipped in just
before is seen, because each row is locked and read again just before it is compared, and
every loader write increases `version`, so a form opened before the load is refused after it.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DataError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.library import images, schema
from articles.library.files import ContentError, Problem, shown
from articles.library.reader import read_library
from articles.library.validation import validate
from articles.models import Article, ClinicPolicy, GlossaryTerm, Reviewer, Topic
from articles.models.site import LibraryLoad
from articles.rendering import site as rendering
from articles.rendering.triggers import rerender_handled
from articles.translation import sync as translated


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list = field(default_factory=list)  # display paths kept as edited in the admin
    not_in_files: list = field(default_factory=list)  # article slugs in the db with no file
    glossary_terms: int = 0
    rerendered: int = 0
    translations: dict = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    writing: str = ""  # the file being written, for a problem the database finds

    def summary(self):
        text = f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"
        if self.conflicts:
            text += f", conflicts {len(self.conflicts)} (admin edits kept)"
        if self.rerendered:
            text += f", re-rendered {self.rerendered}"
        if any(self.translations.values()):
            counts = self.translations
            text += f". Translations: created {counts['created']}, updated {counts['updated']}, unchanged {counts['unchanged']}"
        return text


def _article_values(source, topic):
    values = schema.model_values(source.meta)
    values.update(topic=topic, body=source.body.strip() + "\n", reviewer=_reviewer(source.meta.get("reviewer")))
    return values


def _says_the_same(article, stored_related, values, related):
    """True when a file's values are the row's: the body up to the line break the loader adds
    at its end (the admin stores none), everything else exactly."""

    def same(name, value):
        stored = getattr(article, name)
        if name == "body":
            return stored.strip() == value.strip()
        return stored == value

    return stored_related == related and all(same(name, value) for name, value in values.items())


def _reviewer(name):
    # A content file names its reviewer; the person is a Reviewer row staff can complete.
    if not name:
        return None
    return Reviewer.objects.get_or_create(name=name.strip())[0]


def _sync_topics(library, report):
    topics = {t.slug: t for t in Topic.objects.all()}
    for slug, source in library.topics.items():
        report.writing = source.display
        topic = topics.get(slug) or Topic(slug=slug)
        if topic.content_hash == source.hash:
            continue
        topic.title = source.meta["title"].strip()
        topic.summary = " ".join(source.meta["summary"].split())
        topic.order = source.meta.get("order", 100)
        topic.intro = source.body.strip()
        topic.source_path = source.display
        topic.content_hash = source.hash
        topic.save()
        topics[slug] = topic
    return topics


def _sync_glossary(library, report):
    """Returns True when any term changed, so articles can be re-rendered with it."""
    if not library.glossary_hash:
        return False
    report.writing = library.glossary_display
    changed = False
    wanted = {entry["term"]: entry for entry in library.glossary}
    existing = {t.term: t for t in GlossaryTerm.objects.all()}
    for term, entry in wanted.items():
        row = existing.get(term)
        if row is None:
            row = existing[term] = GlossaryTerm(term=term, slug=_unique_slug(term, existing))
        wanted_values = (entry["definition"], entry["aliases"], entry["sense_words"])
        if not row.pk or (row.definition, row.aliases, row.sense_words) != wanted_values:
            row.definition, row.aliases, row.sense_words = wanted_values
            row.save()
            changed = True
    deleted, _ = GlossaryTerm.objects.exclude(term__in=wanted).delete()
    report.glossary_terms = len(wanted)
    return changed or bool(deleted)


def _sync_policies(library):
    """The policies' names, titles, defaults and sources from the file; the clinic's own
    wording (clinic_text) is the clinic's and is kept. Returns True when any changed."""
    if not library.policies_hash:
        return False
    changed = False
    existing = {p.name: p for p in ClinicPolicy.objects.all()}
    for order, entry in enumerate(library.policies):
        row = existing.get(entry["name"]) or ClinicPolicy(name=entry["name"])
        values = {
            "title": entry["title"],
            "default_text": entry["text"],
            "source": entry["source"],
            "spot": entry["spot"],
            "order": order,
        }
        if not row.pk or any(getattr(row, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
            changed = True
    deleted, _ = ClinicPolicy.objects.exclude(name__in=[p["name"] for p in library.policies]).delete()
    return changed or bool(deleted)


def rerender_all(exclude=(), only_stale=False, only=None, context=None):
    """Render stored articles and topic intros again: after a glossary or clinic change
    (articles link glossary terms; callouts carry the emergency number), or for articles
    rendered by an older pipeline. Only derived columns are written."""
    context = context or rendering.Context.current()
    articles = (only if only is not None else Article.objects.all()).exclude(pk__in=[a.pk for a in exclude])
    if only_stale:
        articles = articles.exclude(render_version=rendering.RENDER_VERSION)
    elif only is None:
        for topic in Topic.objects.all():
            topic.render(context)
            Topic.objects.filter(pk=topic.pk).update(intro_html=topic.intro_html)
    count = 0
    for article in articles.iterator(chunk_size=200):
        article.render(context)
        Article.objects.filter(pk=article.pk).update(**{f: getattr(article, f) for f in rendering.RENDERED_FIELDS})
        count += 1
    return count


def _unique_slug(term, existing):
    base = slugify(term) or "term"
    taken = {t.slug for t in existing.values() if t.slug}
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def _write(library, force, report, progress=None):
    topics = _sync_topics(library, report)
    # The glossary first: articles saved below link its terms.
    glossary_changed = _sync_glossary(library, report)
    glossary_changed |= _sync_policies(library)  # articles saved below fill in their text too
    # Hashes first: an unchanged file costs nothing more. Whole rows only where needed.
    hashes = dict(Article.objects.values_list("slug", "content_hash"))
    wanted = {slug for slug, source in library.articles.items() if force or hashes.get(slug) != source.hash}
    # A file renamed without other changes keeps its hash: treat it as the same article
    # under a new slug (Article.save() then leaves a redirect from the old address).
    renamed_hashes = {source.hash for slug, source in library.articles.items() if slug not in hashes}
    wanted |= {slug for slug, h in hashes.items() if slug not in library.articles and h in renamed_hashes}
    existing = {a.slug: a for a in Article.objects.filter(slug__in=wanted).select_related("topic").prefetch_related("related")}
    orphans = {a.content_hash: a for slug, a in existing.items() if slug not in library.articles and a.content_hash}
    touched = []
    total = len(library.articles)
    for done, (slug, source) in enumerate(library.articles.items(), 1):
        if progress:
            progress("writing", done, total)
        if slug not in wanted:
            report.unchanged += 1
            continue
        report.writing = source.display
        article = existing.get(slug)
        renamed = article is None and source.hash in orphans
        if renamed:
            article = orphans.pop(source.hash)
            existing.pop(article.slug, None)
        if article is not None:
            # The row as it is now, locked until the load commits: an admin save committed since
            # the read above is seen (a conflict), and none can commit between here and commit.
            article = Article.objects.select_for_update(no_key=True).filter(pk=article.pk).first()
        if renamed and article is not None:
            article.slug = slug
            article.content_hash = ""  # force the save that records the new slug
        file_changed = article is None or article.content_hash != source.hash
        if article is not None and not file_changed and not force:
            report.unchanged += 1
            continue
        related = sorted(source.meta.get("related") or [])
        values = _article_values(source, topics[library.article_topics[slug]])
        if article is not None:
            stored_related = sorted(a.slug for a in article.related.all())
            edited = article.fingerprint(stored_related) != article.loaded_fingerprint
            if edited and not force:
                if file_changed and _says_the_same(article, stored_related, values, related):
                    # The file is the admin edit written out (export_content, then git): take
                    # it as loaded, so the next load compares against it, and report nothing.
                    Article.objects.filter(pk=article.pk).update(
                        source_path=source.display,
                        content_hash=source.hash,
                        loaded_fingerprint=article.fingerprint(stored_related),
                    )
                    report.unchanged += 1
                elif file_changed:
                    report.conflicts.append(source.display)
                else:
                    report.unchanged += 1
                continue
        if article is None:
            article = Article(slug=slug)
            report.created += 1
        else:
            article.version += 1  # a form opened before this load is refused after it
            report.updated += 1
        for name, value in values.items():
            setattr(article, name, value)
        article.source_path = source.display
        article.content_hash = source.hash
        article.save()
        touched.append((article, related))
    by_slug = {a.slug: a for a in Article.objects.only("id", "slug")} if touched else {}
    for article, related in touched:
        article.related.set([by_slug[s] for s in related])
        Article.objects.filter(pk=article.pk).update(loaded_fingerprint=article.fingerprint(related))
    report.not_in_files = sorted(set(hashes) - set(library.articles) - {a.slug for a, _ in touched})
    # Translations after their English rows (and the glossary and policies they use).
    translated.write(library, report, _reviewer)
    if glossary_changed:
        report.rerendered = rerender_all(exclude=[a for a, _ in touched])
    else:
        report.rerendered = rerender_all(only_stale=True)


def load_library(root, force=False, progress=None):
    """Read, validate and write the library at root. Raises ContentError, writing nothing.

    progress(stage, done, total), if given, is told how far reading and writing have got.
    """
    library = read_library(root)
    # The image library first: the articles' ![](image:ID) take their alt text from it.
    pictures = images.read_images(root, library.problems)
    images.check_ids(pictures, library.problems)
    file_topics = set(library.topics)
    file_articles = set(library.articles)
    validate(
        library,
        existing_topics=set(Topic.objects.values_list("slug", flat=True)) - file_topics,
        existing_articles=set(Article.objects.values_list("slug", flat=True)) - file_articles,
        images=pictures.alt_texts(),
        existing_policies=ClinicPolicy.objects.values_list("name", flat=True),
    )
    translated.validate(
        library,
        set(library.articles) | set(Article.objects.values_list("slug", flat=True)),
        pictures.alt_texts(),
        [p["name"] for p in library.policies] + list(ClinicPolicy.objects.values_list("name", flat=True)),
    )
    if library.problems:
        raise ContentError(library.problems)
    report = Report()
    try:
        with _announced(), rerender_handled(), transaction.atomic():  # _write renders what the glossary change touches itself
            images.write(pictures, force)
            _write(library, force, report, progress)
        report.conflicts += pictures.conflicts
    except DataError as exc:
        # Validation checks every limit the models declare; this is for one it does not know.
        # The transaction has rolled back: nothing was written.
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        problem = Problem(report.writing or str(root), 1, f"the database refused a value: {shown(reason)}")
        raise ContentError([problem]) from None
    return report


@contextmanager
def _announced():
    """A LibraryLoad row, committed, for as long as the write runs (see the module's docstring)."""
    LibraryLoad.objects.filter(started_at__lt=timezone.now() - LibraryLoad.STALE_AFTER).delete()
    load = LibraryLoad.objects.create()
    try:
        yield
    finally:
        LibraryLoad.objects.filter(pk=load.pk).delete()
