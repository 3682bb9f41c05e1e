"""Clinical sign-off without an admin account: a signed link to one version of one article.

The link names the revision, a nonce and the hash of the text it was made for, signed with
the site's secret and valid for LINK_DAYS. The clinician sees the page exactly as patients
would, then approves (name and credentials as typed) or asks for changes with a comment.
A decision spends the nonce, so a link approves once; a text changed since the link was
made is refused (workflow.approve checks the hash).
"""

import secrets

from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache

from articles.editorial import workflow
from articles.models import Article, ClinicSettings, Revision
from articles.public import views as public_views
from articles.rendering import site as rendering
from articles.seo.structured_data import absolute

LINK_DAYS = 14
_SALT = "articles.signoff"


def make_link(revision):
    revision.link_nonce = secrets.token_hex(16)
    revision.save(update_fields=["link_nonce"])
    token = signing.TimestampSigner(salt=_SALT).sign_object({"r": revision.pk, "n": revision.link_nonce, "h": revision.text_hash})
    return absolute(reverse("signoff", args=[token]))


def _revision_for(token):
    """The pending revision a token names, or Http404 with nothing said about why."""
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=LINK_DAYS * 24 * 3600)
    except signing.BadSignature:  # also SignatureExpired
        raise Http404("This link is not valid or has expired.") from None
    revision = Revision.objects.select_related("article").filter(pk=data.get("r")).first()
    if revision is None or not revision.link_nonce or not secrets.compare_digest(revision.link_nonce, str(data.get("n"))):
        raise Http404("This link has been used or replaced.")
    return revision, data.get("h", "")


def proposed_article(revision):
    """The article as it would be with this version approved: rendered, never saved."""
    article = Article.objects.select_related("topic", "reviewer").get(pk=revision.article_id)
    for name, value in revision.content.items():
        setattr(article, name, value)
    rendering.apply(article)
    return article


def preview_html(request, revision):
    """The article page patients would see, as HTML (for the admin's review page)."""
    return public_views.article_page(request, proposed_article(revision), preview=True).content.decode()


@never_cache
def signoff(request, token):
    revision, text_hash = _revision_for(token)
    error, typed = "", {}
    if request.method == "POST":
        try:
            workflow.decide(revision, request.POST, request.POST.get("decided_by", ""), expected_hash=text_hash)
            return HttpResponseRedirect(reverse("signoff_done"))
        except workflow.Refused as refusal:
            # Shown again with what the clinician typed, so nothing is typed twice.
            error, typed = str(refusal), request.POST
    article = proposed_article(revision)
    page = public_views.article_page(request, article, preview=True).content.decode()
    panel = render_to_string(
        "editorial/signoff_panel.html",
        {
            "revision": revision,
            "article": article,
            "error": error,
            "typed": typed,
            "kinds": Revision.Kind.choices,
            "days": LINK_DAYS,
        },
        request=request,
    )
    # The decision panel goes first in the page patients would see, so nothing of it changes.
    body_at = page.index(">", page.index("<body")) + 1
    response = HttpResponse(page[:body_at] + panel + page[body_at:])
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def signoff_done(request):
    return render(request, "editorial/signoff_done.html", {"clinic_name": ClinicSettings.current().clinic_name})
