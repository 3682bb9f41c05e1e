"""The content API, version 1: published articles as JSON for patient portals and other
clinics. Read only; open to any origin for GET; cached and validated (ETag, 304) like pages."""

import datetime

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.utils.dateparse import parse_datetime

from articles.api import documents
from articles.api.openapi import spec
from articles.caching.page_cache import page_number, public_page
from articles.codes import systems
from articles.connect.request import acceptable
from articles.models import Article, ArticleCode
from articles.public.reads import published_article
from articles.seo.structured_data import absolute
from articles.translation import languages

PAGE_SIZE = 50


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _problem(message, status=400):
    return _json({"error": message}, status)


def _moment(value: str) -> bool:
    return acceptable(value) and _parse_moment(value) is not None


def _parse_moment(value: str):
    try:
        moment = parse_datetime(value) or (
            datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time()) if len(value) == 10 else None
        )
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


LIST_QUERY = {
    "topic": lambda v: acceptable(v) and v.replace("-", "").isalnum(),
    "system": systems.BY_KEY.__contains__,
    "code": acceptable,
    "modified_since": _moment,
    "language": lambda v: v in languages.codes(),
    "page": page_number,
}


@public_page(query=LIST_QUERY)
def article_list(request):
    """GET /api/v1/articles/?topic=&system=&code=&modified_since=&language=&page="""
    query = request.GET
    language = query.get("language", languages.DEFAULT)
    # The listed columns only: an article's rendered text is most of its row.
    listed = ("slug", "title", "summary", "kind", "updated", "modified_at", "codes", "topic__slug")
    found = Article.objects.published().select_related("topic").only(*listed)
    if query.get("topic"):
        found = found.filter(topic__slug=query["topic"])
    if query.get("code"):
        system = systems.BY_KEY.get(query.get("system", ""))
        if system is None:
            return _problem("code needs system: icd10cm, cpt or snomed")
        ids = ArticleCode.objects.filter(system=system.key, code=systems.normalise(system, query["code"])).values("article_id")
        found = found.filter(pk__in=ids)
    if query.get("modified_since"):
        found = found.filter(modified_at__gte=_parse_moment(query["modified_since"]))
    page = Paginator(found.order_by("pk"), PAGE_SIZE).get_page(query.get("page"))

    def link(number):
        params = query.copy()
        params["page"] = str(number)
        if number == 1:
            params.pop("page")
        encoded = params.urlencode()
        return absolute(request.path + (f"?{encoded}" if encoded else ""))

    return _json(
        {
            "count": page.paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": [documents.summary(article, language) for article in page.object_list],
        }
    )


@public_page(query={"language": lambda v: v in languages.codes()})
def article_detail(request, slug):
    """GET /api/v1/articles/<slug>/?language="""
    article = published_article(slug)
    if article is None:
        raise Http404("No such article")
    return _json(documents.detail(article, request.GET.get("language", languages.DEFAULT)))


@public_page
def openapi(request):
    return _json(spec())


def not_found(request, exception=None):
    return _problem("Not found", 404)
