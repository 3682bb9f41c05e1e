"""The page where a clinical reviewer decides on a change waiting beside a live translation:
what changed, the live text against the proposed one; the proposed page's text and reading
ease; then approve (with the "now says what the English page says today" tick) or send it
back with a comment. The decisions are translation_workflow.py's."""

import difflib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import rules
from articles.editorial import signoff, translation_workflow, workflow
from articles.models import ArticleTranslation, Reviewer, TranslationRevision
from articles.translation import freshness

LABELS = {"title": "Title", "summary": "Summary", "also_called": "Also called", "at_a_glance": "At a glance", "body": "Text"}
_HASH = re.compile(r"[0-9a-f]{64}")


def _lines(name, value):
    """A field's value as lines a person reads: one name a line, one fact a line."""
    if name == "also_called":
        return [str(v) for v in value or []]
    if name == "at_a_glance":
        facts = value if isinstance(value, dict) else {}
        return [f"{label}: {facts[key]}" for key, label in ArticleTranslation.AT_A_GLANCE_FIELDS.items() if facts.get(key)]
    # Blank lines only separate paragraphs: a reviewer reads the lines of text.
    return [line for line in (value or "").splitlines() if line.strip()]


def compare(live, content):
    """[(label, [(kind, line)])] for each field the proposal changes: kind is "same",
    "removed", "added", or "gap" (unchanged lines left out)."""
    changes = []
    for name in translation_workflow.TEXT_FIELDS:
        old, new = _lines(name, getattr(live, name)), _lines(name, content.get(name))
        if old == new:
            continue
        rows = []
        for number, group in enumerate(difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_grouped_opcodes(1)):
            if number:
                rows.append(("gap", "…"))
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    rows += [("same", line) for line in old[i1:i2]]
                    continue
                rows += [("removed", line) for line in old[i1:i2]]
                rows += [("added", line) for line in new[j1:j2]]
        changes.append((LABELS[name], rows))
    return changes


def _decide(request, proposal):
    """Approve or send back from the page's form; a refusal is raised as workflow.Refused."""
    data = request.POST
    if data.get("action") == "approve":
        reviewer = workflow.reviewer_chosen(data.get("reviewer"))
        english = data.get("english_hash", "")
        translation_workflow.decide(
            proposal,
            data,
            str(reviewer) if reviewer else data.get("decided_by", ""),
            reviewer=reviewer,
            english_hash=english if _HASH.fullmatch(english) else "",
            expected_hash=data.get("text_hash"),
        )
        return "Approved: patients now see this version of the translation.", messages.SUCCESS
    translation_workflow.decide(proposal, data, request.user.get_username())
    return "Sent back to the editor with your comment. Patients keep seeing the live translation.", messages.INFO


def review_view(model_admin, request, pk):
    translation = get_object_or_404(ArticleTranslation.objects.select_related("article"), pk=pk)
    if not model_admin.has_view_or_change_permission(request, translation):
        raise PermissionDenied
    proposal = translation_workflow.open_proposal(translation)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "translation": translation,
        "proposal": proposal,
        "may_review": workflow.can_publish(request.user),
    }
    if request.method == "POST" and proposal is not None and request.POST.get("action") == "link":
        # For a clinician without an account (signoff.py); anyone who may see the change may ask.
        context["link"] = signoff.make_link(proposal)
    elif request.method == "POST" and proposal is not None:
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        try:
            text, level = _decide(request, proposal)
            model_admin.message_user(request, text, level)
            return HttpResponseRedirect(reverse("admin:articles_articletranslation_change", args=[pk]))
        except workflow.Refused as refusal:
            # Shown again with what the clinician typed, so nothing is typed twice.
            context["error"], context["typed"] = str(refusal), request.POST
    if proposal is not None:
        shown = translation_workflow.proposed(proposal)
        english = freshness.source_hash(translation.article)
        context.update(
            changes=compare(translation, proposal.content),
            preview=shown.body_html,
            ease=rules.reading_ease(shown.language, shown.reading_ease),
            english_hash=english,
            # The editor's tick, while the English is still the text they compared with.
            editor_matched=proposal.english_hash == english,
            behind=freshness.is_behind(translation),
            live_changed=proposal.base_hash != translation.text_hash(),
            reviewers=Reviewer.objects.all(),
            kinds=TranslationRevision.Kind.choices,
        )
    return TemplateResponse(request, "editorial/translation_review.html", context)
