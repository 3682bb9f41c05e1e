"""HTTP caching a proxy or CDN can trust: public pages for a short while (and stale while
it revalidates), anything personal never."""

from django.conf import settings

from articles.caching.page_cache import is_anonymous


class CacheControlMiddleware:
    PUBLIC = "public, max-age={max_age}, stale-while-revalidate={swr}"
    PRIVATE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = self.PUBLIC.format(max_age=settings.PUBLIC_MAX_AGE, swr=settings.PUBLIC_STALE_WHILE_REVALIDATE)

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control") and "no-store" in response["Cache-Control"]:
            return response
        personal = (
            request.path.startswith("/admin/")
            or not is_anonymous(request)
            or response.cookies
            or request.method not in ("GET", "HEAD")
        )
        if personal:
            response["Cache-Control"] = self.PRIVATE
        elif response.status_code in (200, 301, 304, 404, 410) and not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = self.public
        return response
