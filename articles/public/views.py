from itertools import groupby

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext

from articles.caching.page_cache import page_number, public_page
from articles.models import Article, ClinicSettings, GlossaryTerm, Topic
from articles.public import reads
from articles.public.ratelimit import allow
from articles.search import search
from articles.seo import structured_data as seo
from articles.translation import freshness, languages
from articles.translation import reads as translated_reads
from articles.translation import search as translated_search
from articles.translation import views as translated


def _translated():
    """True when the path names another language than English: its views answer."""
    return languages.current() != languages.DEFAULT


def _clinic(request):
    return ClinicSettings.current().clinic_name


HOME_DESCRIPTION = "Plain-language information about injections, nerve blocks, nerve stimulation and other pain treatments."


def _page(request, template, context, title, description, crumbs=None, canonical_path=None):
    context.update(
        crumbs=crumbs,
        meta_title=title,
        meta_description=description,
        canonical=seo.absolute(canonical_path or request.path),
        jsonld=seo.to_script(
            context.pop("graph", None) or seo.page_graph(title, request.path, description, ClinicSettings.current(), crumbs)
        ),
    )
    return render(request, template, context)


page = _page  # the same, for the pages other modules render (editorial/signoff.py)


@public_page
def home(request):
    if _translated():
        return translated.home(request, _page)
    topics = reads.topics()  # the menu's own list
    return _page(
        request,
        "articles/home.html",
        {"topics": topics, "alternates": translated_reads.alternates("articles:home")},
        f"Interventional pain care explained | {_clinic(request)}",
        HOME_DESCRIPTION,
    )


TOPIC_PAGE_SIZE = 50
TOPIC_LIST_PREVIEW = 12


@public_page
def topic_list(request):
    if _translated():
        return translated.topic_list(request, _page)
    topics = Topic.objects.annotate_published_counts()
    by_topic = {}
    for article in Article.objects.published().first_of_each_topic(TOPIC_LIST_PREVIEW):
        by_topic.setdefault(article.topic_id, []).append(article)
    rows = [(topic, by_topic.get(topic.pk, [])) for topic in topics]
    return _page(
        request,
        "articles/topic_list.html",
        {"rows": rows, "alternates": translated_reads.alternates("articles:topic_list")},
        f"All topics | {_clinic(request)}",
        "Every topic on this site, from nerve blocks to living with chronic pain, with its articles.",
        [(None, "All topics")],
    )


@public_page(query={"page": page_number})
def topic_detail(request, slug):
    if _translated():
        return translated.topic_detail(request, _page, slug)
    topic = reads.topic(slug)
    if topic is None:
        raise Http404("No such topic")
    paginator = Paginator(
        topic.articles.published().in_reading_order().only("slug", "title", "summary", "kind", "reading_minutes", "topic_id"),
        TOPIC_PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    title = topic.title if page.number == 1 else f"{topic.title} (page {page.number})"
    canonical = request.path if page.number == 1 else f"{request.path}?page={page.number}"
    return _page(
        request,
        "articles/topic_detail.html",
        {
            "topic": topic,
            "page": page,
            "articles": page.object_list,
            "alternates": translated_reads.alternates(
                "articles:topic", slug, [languages.DEFAULT, *(c for c in languages.codes() if translated_reads.topic(slug, c))]
            ),
        },
        f"{title} | {_clinic(request)}",
        topic.summary,
        [(None, topic.title)],
        canonical,
    )


def _article_for(request, slug):
    """The published article; for signed-in staff, a draft or scheduled one too (a preview)."""
    article = reads.published_article(slug)
    if article is None and request.user.is_authenticated and request.user.is_staff:
        article = Article.objects.select_related("topic").filter(slug=slug).first()
    if article is None:
        raise Http404("No such article")
    return article


@public_page(query={"feedback": ["thanks"]})
def article_detail(request, slug):
    if _translated():
        return translated.article_detail(request, _page, slug, reads.published_article(slug))
    return article_page(request, _article_for(request, slug))


def article_page(request, article, preview=False):
    """The article page; preview=True for a version not (yet) live: a reviewer's preview of
    a draft or of a change waiting for review, never cached or indexed."""
    preview = preview or not article.is_published
    siblings = reads.siblings(article)
    index = next((i for i, a in enumerate(siblings) if a.id == article.pk), None)  # None: a draft preview
    crumbs = [(article.topic.get_absolute_url(), article.topic.title), (None, article.title)]
    context = {
        "article": article,
        "topic": article.topic,
        "previous": siblings[index - 1] if index else None,
        "next": siblings[index + 1] if index is not None and index + 1 < len(siblings) else None,
        "related": reads.related(article),
        "graph": seo.article_graph(article, crumbs, ClinicSettings.current()),
        "og_type": "article",
        "feedback_thanks": request.GET.get("feedback") == "thanks",
        "changes": reads.changes(article),
        "draft_preview": preview,
        "noindex": preview,
        "alternates": [] if preview else translated_reads.article_alternates(article),
    }
    response = _page(
        request, "articles/article_detail.html", context, f"{article.title} | {_clinic(request)}", article.summary, crumbs
    )
    if preview:
        response["Cache-Control"] = "private, no-cache, no-store"
        response.public_page = False
    return response


def handout(request, slug):
    """A one-to-two page printout: the facts, preparation, when to get help, questions; in
    the path's language when its translation is live."""
    if _translated():
        article = translated_reads.published(slug, languages.current())
        if article is None:
            raise Http404("No such article in this language")
        topic = translated_reads.topic(article.article.topic.slug, languages.current()) or article.article.topic
        behind = freshness.is_behind(article)
    else:
        article = get_object_or_404(Article.objects.published().select_related("topic"), slug=slug)
        topic, behind = article.topic, False
    address = seo.absolute(article.get_absolute_url())
    context = {
        "article": article,
        "address": address,
        "qr_svg": segno.make(address, error="m").svg_inline(
            scale=3, dark="#000", title=gettext("QR code for %(address)s") % {"address": address}
        ),
        "prepare": article.section_html("how to prepare"),
        "get_help": article.section_html("when to get help"),
        "questions": article.section_html("questions"),
        "printed": timezone.localdate(),
        "noindex": True,
        "behind": behind,
        "english_url": seo.absolute(languages.article_url(slug, languages.DEFAULT)),
    }
    crumbs = [
        (topic.get_absolute_url(), topic.title),
        (article.get_absolute_url(), article.title),
        (None, gettext("Handout")),
    ]
    title = gettext("%(title)s: handout") % {"title": article.title}
    return _page(request, "articles/handout.html", context, f"{title} | {_clinic(request)}", article.summary, crumbs)


@public_page
def glossary(request):
    if _translated():
        return translated.glossary(request, _page)
    terms = GlossaryTerm.objects.all()
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return _page(
        request,
        "articles/glossary.html",
        {"letters": letters, "alternates": translated_reads.alternates("articles:glossary")},
        f"Glossary of pain care words | {_clinic(request)}",
        "Plain-language meanings of the medical words used on this site, from A to Z.",
        [(None, "Glossary")],
    )


@public_page
def a_to_z(request):
    if _translated():
        return translated.a_to_z(request, _page)
    articles = Article.objects.published().order_by("title").only("slug", "title", "summary")
    letters = [(letter, list(group)) for letter, group in groupby(articles, key=lambda a: a.title[:1].upper())]
    return _page(
        request,
        "articles/a_z.html",
        {"letters": letters, "alternates": translated_reads.alternates("articles:a_z")},
        f"A–Z of articles | {_clinic(request)}",
        "Every article on this site, in alphabetical order.",
        [(None, "A–Z of articles")],
    )


def search_page(request):
    if request.GET.get("q") and not allow(request, "search", *settings.SEARCH_RATE):
        return render(request, "429.html", {"noindex": True}, status=429)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    page = min(max(page, 1), 1000)
    if _translated():
        results = translated_search.search(request.GET.get("q", ""), languages.current(), page=page)
    else:
        results = search(request.GET.get("q", ""), page=page)
    title = gettext("Search results for “%(query)s”") % {"query": results.query} if results.query else gettext("Search")
    return _page(
        request,
        "articles/search.html",
        {"results": results, "noindex": True},
        f"{title} | {_clinic(request)}",
        gettext("Search the pain care articles."),
        [(None, gettext("Search"))],
    )


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /review/",
        "",
        f"Sitemap: {seo.absolute('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
