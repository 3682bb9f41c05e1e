"""'Was this page helpful?': a form that works without JavaScript and without cookies.

There is no CSRF token: a token needs a cookie, and readers get none. What a forged post
could do is leave feedback, so the defences are the ones against spam: same-site Origin,
a honeypot field, length limits, and a per-address rate limit in the shared cache (refused
outright while that cache cannot count).

The form is urlencoded; any other body (a multipart upload, say) is refused before
request.POST is read, so nothing is parsed or written to a temporary file for it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article, Feedback
from articles.public.ratelimit import REFUSE, allow
from articles.translation import languages

FORM_TYPE = "application/x-www-form-urlencoded"


def _same_site(request):
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not origin:
        return True  # old browsers and privacy tools send neither; the other limits still apply
    host = urlsplit(origin).netloc
    return host in {request.get_host(), urlsplit(settings.SITE_URL).netloc}


@csrf_exempt
@require_POST
def submit(request, slug):
    if request.content_type != FORM_TYPE:
        return HttpResponse(f"Send the form as {FORM_TYPE}.", status=415, content_type="text/plain; charset=utf-8")
    article = get_object_or_404(Article.objects.published(), slug=slug)
    back = f"{article.get_absolute_url()}?feedback=thanks#feedback"
    if request.POST.get("website"):  # the honeypot: people never see or fill it
        return HttpResponseRedirect(back, status=303)
    if not _same_site(request):
        return render(request, "articles/feedback_refused.html", {"article": article}, status=403)
    if not allow(request, "feedback", *settings.FEEDBACK_RATE, if_unavailable=REFUSE):
        return render(request, "429.html", {"article": article}, status=429)
    helpful = request.POST.get("helpful")
    if helpful not in ("yes", "no"):
        return HttpResponseRedirect(f"{article.get_absolute_url()}#feedback", status=303)
    comment = " ".join(request.POST.get("comment", "").split())[: Feedback.COMMENT_MAX]
    Feedback.objects.create(article=article, helpful=helpful == "yes", comment=comment, language=languages.current())
    return HttpResponseRedirect(back, status=303)
