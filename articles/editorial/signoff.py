"""Clinical sign-off without an admin account: a signed link to one version of one article,
or of one live translation's change.

The link names the proposal (an article's Revision or a TranslationRevision), a nonce and the
hash of the text it was made for, signed with the site's secret and valid for LINK_DAYS. The
clinician sees the page exactly as patients would, in its language, then approves (name and
credentials as typed) or asks for changes with a comment. A decision spends the nonce, so a
link approves once; a text changed since the link was made is refused (workflow.locked_pending
checks the hash).
"""

import secrets

from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation as active_language
from django.views.decorators.cache import never_cache

from articles.editorial import translation_workflow, workflow
from articles.models import Article, ClinicSettings, Revision, TranslationRevision
from articles.public import views as public_views
from articles.rendering import site as rendering
from articles.seo.structured_data import absolute
from articles.translation import freshness
from articles.translation import views as translated_views

LINK_DAYS = 14
_SALT = "articles.signoff"


# What a link's "k" names: an article's revision (links made before translations had links
# carry no "k"), or a live translation's change.
_KINDS = {"a": Revision, "t": TranslationRevision}


def make_link(proposal):
    proposal.link_nonce = secrets.token_hex(16)
    proposal.save(update_fields=["link_nonce"])
    kind = "t" if isinstance(proposal, TranslationRevision) else "a"
    token = signing.TimestampSigner(salt=_SALT).sign_object(
        {"k": kind, "r": proposal.pk, "n": proposal.link_nonce, "h": proposal.text_hash}
    )
    return absolute(reverse("signoff", args=[token]))


def _proposal_for(token):
    """The proposal a token names, or Http404 with nothing said about why."""
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=LINK_DAYS * 24 * 3600)
    except signing.BadSignature:  # also SignatureExpired
        raise Http404("This link is not valid or has expired.") from None
    model = _KINDS.get(data.get("k", "a"))
    proposal = model.objects.filter(pk=data.get("r")).first() if model else None
    if proposal is None or not proposal.link_nonce or not secrets.compare_digest(proposal.link_nonce, str(data.get("n"))):
        raise Http404("This link has been used or replaced.")
    return proposal, data.get("h", "")


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
    proposal, text_hash = _proposal_for(token)
    translated = isinstance(proposal, TranslationRevision)
    error, typed = "", {}
    if request.method == "POST":
        try:
            decided_by = request.POST.get("decided_by", "")
            if translated:
                english = freshness.source_hash(proposal.translation.article)
                translation_workflow.decide(proposal, request.POST, decided_by, english_hash=english, expected_hash=text_hash)
            else:
                workflow.decide(proposal, request.POST, decided_by, expected_hash=text_hash)
            return HttpResponseRedirect(reverse("signoff_done"))
        except workflow.Refused as refusal:
            # Shown again with what the clinician typed, so nothing is typed twice.
            error, typed = str(refusal), request.POST
    if translated:
        article = translation_workflow.proposed(proposal)
        # The page in its own language, whatever the link's address says.
        with active_language.override(article.language):
            page = translated_views.article_page(request, public_views.page, article, preview=True).content.decode()
        english = article.article
        matched = proposal.english_hash == freshness.source_hash(english)
    else:
        article, english, matched = proposed_article(proposal), None, False
        page = public_views.article_page(request, article, preview=True).content.decode()
    panel = render_to_string(
        "editorial/signoff_panel.html",
        {
            "revision": proposal,
            "article": article,
            "english": english,
            "editor_matched": matched,
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
