"""The patient pages in another language (/es/…): the same templates as English, with the
translation's rows. A page exists in a language only when its translation does; the English
views hand over here when the path names another language."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from articles.models import ClinicSettings
from articles.seo.structured_data import article_graph
from articles.translation import freshness, languages, reads

TOPIC_PAGE_SIZE = 50


def _clinic():
    return ClinicSettings.current().clinic_name


def home(request, page):
    return page(
        request,
        "articles/home.html",
        {"topics": reads.menu(languages.current()), "alternates": reads.alternates("articles:home")},
        _("Interventional pain care explained | %(clinic)s") % {"clinic": _clinic()},
        _("Plain-language information about injections, nerve blocks, nerve stimulation and other pain treatments."),
    )


def topic_list(request, page):
    language = languages.current()
    rows = []
    for topic in reads.menu(language):
        articles = reads.in_reading_order(topic.topic, language)
        topic.published_count = len(articles)
        rows.append((topic, articles[:12]))
    return page(
        request,
        "articles/topic_list.html",
        {"rows": rows, "alternates": reads.alternates("articles:topic_list")},
        _("All topics | %(clinic)s") % {"clinic": _clinic()},
        _("Every topic on this site, from nerve blocks to living with chronic pain, with its articles."),
        [(None, _("All topics"))],
    )


def topic_detail(request, page, slug):
    language = languages.current()
    topic = reads.topic(slug, language)
    if topic is None:
        raise Http404("No such topic")
    paginator = Paginator(reads.in_reading_order(topic.topic, language), TOPIC_PAGE_SIZE)
    listing = paginator.get_page(request.GET.get("page"))
    present = [languages.DEFAULT, *(code for code in languages.codes() if code != languages.DEFAULT and reads.topic(slug, code))]
    return page(
        request,
        "articles/topic_detail.html",
        {
            "topic": topic,
            "page": listing,
            "articles": listing.object_list,
            "alternates": reads.alternates("articles:topic", slug, present),
        },
        f"{topic.title} | {_clinic()}",
        topic.summary,
        [(None, topic.title)],
    )


def article_detail(request, page, slug, english):
    """The translation, or a short page in the language that links the English one."""
    language = languages.current()
    row = reads.published(slug, language)
    english_url = languages.article_url(slug, languages.DEFAULT)
    if row is None:
        if english is None:
            raise Http404("No such article")
        context = {"english_url": english_url, "noindex": True}
        response = render(request, "articles/not_translated.html", context, status=404)
        return response
    return article_page(request, page, row)


def article_page(request, page, row, preview=False):
    """The translated article page (in the active language, the row's); preview=True for a
    version not live (a change waiting for a clinician), never cached or indexed."""
    language = row.language
    english_url = languages.article_url(row.article.slug, languages.DEFAULT)
    topic = reads.topic(row.article.topic.slug, language)
    crumbs = [(topic.get_absolute_url(), topic.title) if topic else (None, row.article.topic.title), (None, row.title)]
    siblings = reads.in_reading_order(row.article.topic, language)
    index = next((i for i, a in enumerate(siblings) if a.pk == row.pk), None)
    context = {
        "article": row,
        "topic": topic or row.article.topic,
        "graph": article_graph(row, crumbs, ClinicSettings.current()),
        "previous": siblings[index - 1] if index else None,
        "next": siblings[index + 1] if index is not None and index + 1 < len(siblings) else None,
        "related": reads.related(row.article, language),
        "changes": reads.changes(row),
        "og_type": "article",
        "feedback_thanks": request.GET.get("feedback") == "thanks",
        "behind": freshness.is_behind(row),
        "english_url": english_url,
        "draft_preview": preview,
        "noindex": preview,
        "alternates": [] if preview else reads.article_alternates(row.article),
    }
    response = page(request, "articles/article_detail.html", context, f"{row.title} | {_clinic()}", row.summary, crumbs)
    if preview:
        response["Cache-Control"] = "private, no-cache, no-store"
    return response


def glossary(request, page):
    from itertools import groupby

    from articles.models import GlossaryTranslation

    terms = sorted(GlossaryTranslation.objects.filter(language=languages.current()), key=lambda t: (t.letter, t.term.casefold()))
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return page(
        request,
        "articles/glossary.html",
        {"letters": letters, "alternates": reads.alternates("articles:glossary")},
        _("Glossary of pain care words | %(clinic)s") % {"clinic": _clinic()},
        _("Plain-language meanings of the medical words used on this site, from A to Z."),
        [(None, _("Glossary"))],
    )


def a_to_z(request, page):
    from itertools import groupby

    from articles.translation.stemming import fold

    rows = sorted(reads.all_published(languages.current()).values(), key=lambda row: fold(row.title))
    letters = [(letter, list(group)) for letter, group in groupby(rows, key=lambda row: fold(row.title[:1]).upper())]
    return page(
        request,
        "articles/a_z.html",
        {"letters": letters, "alternates": reads.alternates("articles:a_z")},
        _("A–Z of articles | %(clinic)s") % {"clinic": _clinic()},
        _("Every article on this site, in alphabetical order."),
        [(None, _("A–Z of articles"))],
    )
