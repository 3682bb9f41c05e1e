from django.http import HttpResponsePermanentRedirect

from .caching import is_anonymous
from .models import Redirect


class RedirectFallbackMiddleware:
    """On a 404, answer with a permanent redirect if the old address is known
    (as django.contrib.redirects does, without the sites framework)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = Redirect.objects.filter(old_path=request.path).values_list("new_path", flat=True).first()
        if target:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        return response


class CacheControlMiddleware:
    """HTTP caching a proxy or CDN can trust: public pages for a short while (and stale
    while it revalidates), anything personal never."""

    PUBLIC = "public, max-age={max_age}, stale-while-revalidate={swr}"
    PRIVATE = "private, no-store"

    def __init__(self, get_response):
        from django.conf import settings

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
        elif response.status_code in (200, 301, 304, 404, 410) and not request.path.startswith("/static/"):
            response["Cache-Control"] = self.public
        return response
