"""The Article admin: the change form, the review list filter, and the page where a
clinical reviewer decides on a version waiting for review. Who may do what is decided in
workflow.py; every save goes through workflow.gate()."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles import rules
from articles.editorial import signoff, workflow
from articles.editorial.forms import ArticleAdminForm
from articles.library import schema
from articles.models import Article, Reviewer, Revision
from articles.models.site import LibraryLoad

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
REVIEW_FIELDS = ("reviewed", "reviewer", "review_due")
MAIN_FIELDS = ("title", "slug", "topic", "kind", "order", "status", "summary", "body", "opened_version")
PUBLISHING_FIELDS = ("published_at", "publish_anyway", "publish_reason", "grade_override_reason")


class RefusedWhileLoading:
    """For the admin of what load_content writes (articles, topics, glossary terms): while a
    load is running (LibraryLoad), a save is refused with LOADING_MESSAGE and the form is
    shown again with what was typed. Decided before the admin's transaction begins: on SQLite
    that transaction would wait for the loader's write lock for 20 s and then answer 503."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and LibraryLoad.running():
            request._library_loading = True
            # No transaction: the form refuses (get_form below), so nothing is written.
            return self._changeform_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and LibraryLoad.running():
            request._library_loading = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "_library_loading", False):
            return form

        class RefusedForm(form):
            def clean(self):
                raise ValidationError(LibraryLoad.LOADING_MESSAGE, code="loading")

        return RefusedForm


class ReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return list(rules.review_labels().items())

    def queryset(self, request, queryset):
        if self.value() in rules.REVIEW_BUCKETS:
            return queryset.filter(rules.review_q(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(RefusedWhileLoading, SimpleHistoryAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ("css/admin-preview.css",)}
        js = ("js/editor.js", "js/admin-a11y.js")

    list_display = ("title", "topic", "kind", "status", "updated", "smog_grade", "review_due", "helpful", "modified_at")
    list_filter = ("topic", "status", "kind", ReviewFilter)
    search_fields = ("title", "summary", "slug", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    readonly_fields = ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")
    formfield_overrides = MARKDOWN_EDITOR
    list_select_related = ("topic",)
    change_form_template = "editorial/article_change_form.html"
    fieldsets = (
        (None, {"fields": MAIN_FIELDS}),
        # Every other field of the article format (library/schema.py), in its order: a field
        # added there shows here without a change to this file.
        ("Facts and names", {"fields": tuple(n for n in schema.FIELDS_IN_ORDER if n not in (*MAIN_FIELDS, *REVIEW_FIELDS))}),
        ("Clinical review", {"fields": REVIEW_FIELDS}),
        ("Publishing", {"fields": PUBLISHING_FIELDS}),
        (
            "Measured on save",
            {"fields": ("smog_grade", "fk_grade", "word_count", "reading_minutes", "source_path", "modified_at")},
        ),
    )

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class FormForUser(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return FormForUser

    def get_fieldsets(self, request, obj=None):
        if workflow.can_publish(request.user):
            return self.fieldsets
        # Without the publish permission there is nothing to set under "Publishing": when an
        # article goes live, and any override of the reading-grade gate, are a reviewer's.
        return [(name, opts) for name, opts in self.fieldsets if name != "Publishing"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*self.readonly_fields, "grade_override_reason"]
        if not request.user.has_perm("articles.review_article"):
            fields += REVIEW_FIELDS  # only clinical reviewers record reviews
        return fields

    def get_changeform_initial_data(self, request):
        # New articles start as drafts, for everyone.
        return {**super().get_changeform_initial_data(request), "status": Article.Status.DRAFT}

    def save_model(self, request, obj, form, change):
        stored = Article.objects.filter(pk=obj.pk).first() if change and obj.pk else None
        if workflow.gate(request.user, obj, stored) == "propose":
            revision = workflow.propose(stored, obj.proposal(), request.user)
            form.save_m2m = lambda: None  # the live article's relations stay as they are too
            request._article_proposed = revision
            return
        obj.version = (stored.version if stored else 0) + 1
        override = getattr(form, "grade_override", None)
        if override and workflow.can_publish(request.user):
            reason, grade = override
            obj.grade_override_reason = f"{grade}: {reason}"
            obj.grade_override_by = request.user.get_username()
        if (
            workflow.can_publish(request.user)
            and obj.reviewed
            and (stored is None or (stored.reviewed, stored.reviewer_id) != (obj.reviewed, obj.reviewer_id))
        ):
            obj.reviewed_hash = obj.text_hash()  # a review recorded here vouches for this text
        super().save_model(request, obj, form, change)
        if obj.status == Article.Status.REVIEW and (stored is None or stored.status != Article.Status.REVIEW):
            workflow.send_for_review(obj, request.user)

    def response_add(self, request, obj, post_url_continue=None):
        return self._proposed_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._proposed_response(request, obj) or super().response_change(request, obj)

    def _proposed_response(self, request, obj):
        if getattr(request, "_article_proposed", None) is None:
            return None
        self.message_user(
            request,
            "Your changes are saved and waiting for clinical review. Patients keep seeing the reviewed "
            "version until a clinical reviewer approves yours.",
            messages.INFO,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting goes through save_model and so through the same gate; say so after.
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if getattr(request, "_article_proposed", None) is not None:
            return self._proposed_response(request, Article(pk=object_id))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = {"pending": workflow.open_revision(article) if article else None}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_urls(self):
        return [
            path("<int:pk>/review/", self.admin_site.admin_view(self.review_view), name="articles_article_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk):
        """A clinical reviewer's decision on the version waiting for review, with the page as
        patients would see it; or an approval link for a clinician without an account."""
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = workflow.open_revision(article)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "article": article, "revision": revision}
        if request.method == "POST" and revision is not None:
            action = request.POST.get("action")
            if action == "link":
                context["link"] = signoff.make_link(revision)
            elif not workflow.can_publish(request.user):
                raise PermissionDenied
            else:
                try:
                    reviewer = workflow.reviewer_chosen(request.POST.get("reviewer"))
                    if action == "approve":
                        decided_by = str(reviewer) if reviewer else request.POST.get("decided_by", "")
                    else:
                        decided_by = request.user.get_username()
                    workflow.decide(revision, request.POST, decided_by, reviewer, request.POST.get("text_hash"))
                    if action == "approve":
                        self.message_user(request, "Approved: patients now see this version.", messages.SUCCESS)
                    else:
                        self.message_user(request, "Sent back to the editor with your comment.", messages.INFO)
                    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
                except workflow.Refused as refusal:
                    # Shown again with what the clinician typed, so nothing is typed twice.
                    context["error"], context["typed"] = str(refusal), request.POST
        if revision is not None:
            context["preview"] = signoff.preview_html(request, revision)
        context["reviewers"] = Reviewer.objects.all()
        context["kinds"] = Revision.Kind.choices
        return TemplateResponse(request, "editorial/review.html", context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
                helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
            )
        )

    @admin.display(description="Was it helpful?")
    def helpful(self, obj):
        return f"{obj.helpful_yes} yes / {obj.helpful_no} no" if obj.helpful_yes or obj.helpful_no else "–"


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    """What was put to review and what was decided: read only, a record."""

    list_display = ("article", "state", "proposed_by", "proposed_at", "decided_by", "decided_at", "change_kind")
    list_filter = ("state", "change_kind")
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
