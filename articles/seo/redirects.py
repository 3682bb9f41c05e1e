"""Old addresses keep working: a 404 on a path with a Redirect becomes a permanent redirect
(as django.contrib.redirects does, without the sites framework)."""

from django.http import HttpResponsePermanentRedirect

from articles.models import Redirect


class RedirectFallbackMiddleware:
    response_redirect_class = HttpResponsePermanentRedirect

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = Redirect.objects.filter(old_path=request.path).values_list("new_path", flat=True).first()
        if target:
            query = request.META.get("QUERY_STRING")
            return self.response_redirect_class(f"{target}?{query}" if query else target)
        return response
