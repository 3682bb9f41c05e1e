from itertools import groupby

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from .models import Article, GlossaryTerm, Topic
from .search import search


def home(request):
    topics = Topic.objects.all()
    return render(request, "articles/home.html", {"topics": topics})


def topic_list(request):
    topics = Topic.objects.all()
    articles = Article.objects.published().in_reading_order().only("slug", "title", "summary", "topic_id")
    by_topic = {}
    for article in articles:
        by_topic.setdefault(article.topic_id, []).append(article)
    rows = [(topic, by_topic.get(topic.pk, [])) for topic in topics]
    crumbs = [(None, "All topics")]
    return render(request, "articles/topic_list.html", {"rows": rows, "crumbs": crumbs})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = topic.articles.published().in_reading_order()
    crumbs = [(None, topic.title)]
    return render(request, "articles/topic_detail.html", {"topic": topic, "articles": articles, "crumbs": crumbs})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().select_related("topic"), slug=slug)
    siblings = list(article.topic.articles.published().in_reading_order().only("slug", "title", "topic_id"))
    index = next(i for i, a in enumerate(siblings) if a.pk == article.pk)
    context = {
        "article": article,
        "crumbs": [(article.topic.get_absolute_url(), article.topic.title), (None, article.title)],
        "topic": article.topic,
        "previous": siblings[index - 1] if index > 0 else None,
        "next": siblings[index + 1] if index + 1 < len(siblings) else None,
        "related": article.related.published().only("slug", "title", "summary"),
    }
    return render(request, "articles/article_detail.html", context)


def glossary(request):
    terms = GlossaryTerm.objects.all()
    letters = [(letter, list(group)) for letter, group in groupby(terms, key=lambda t: t.letter)]
    return render(request, "articles/glossary.html", {"letters": letters, "crumbs": [(None, "Glossary")]})


def a_to_z(request):
    articles = Article.objects.published().order_by("title").only("slug", "title", "summary")
    letters = [(letter, list(group)) for letter, group in groupby(articles, key=lambda a: a.title[:1].upper())]
    return render(request, "articles/a_z.html", {"letters": letters, "crumbs": [(None, "A–Z of articles")]})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def search_page(request):
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    results = search(request.GET.get("q", ""), page=min(max(page, 1), 1000))
    return render(request, "articles/search.html", {"results": results, "crumbs": [(None, "Search")]})
