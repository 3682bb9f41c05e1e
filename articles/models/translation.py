"""Translations: one row per article (or topic, glossary entry, clinic policy) and language.

The English rows are the source. A translation keeps what is language's own (title, summary,
names, facts, body) and takes the rest (kind, order, topic, related pages, sources) from its
English article. Each has its own status, review dates and reviewer, and records the hash of
the English text it was made from (`source_hash`): when the English changes, the translation
says it may be behind (translation/freshness.py). Adding a language is content work: its
files (`<slug>.<lang>.md`, `glossary.<lang>.yaml`…), its `.po` file and a line in LANGUAGES.
"""

from django.db import models
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles.library import schema
from articles.models.library import Article, GlossaryTerm, Reviewer, Topic
from articles.models.site import ClinicPolicy
from articles.rendering.site import RENDERED_FIELDS

# The languages a translation can be in: every language the site offers but its source's.
TRANSLATION_LANGUAGES = (("es", "Español"),)


class ArticleTranslationQuerySet(models.QuerySet):
    def published(self):
        """Live in its language: its own status says so, and its English article is live (a
        translation never outlives, or goes live before, the page it translates)."""
        from articles import rules

        return self.filter(status="published").filter(rules.published_q("article__"))


class ArticleTranslation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=schema.SUMMARY_MAX, help_text="One sentence; the meta description.")
    also_called = models.JSONField(default=list, blank=True)
    at_a_glance = models.JSONField(default=dict, blank=True)
    body = MarkdownxField()
    status = models.CharField(max_length=20, choices=schema.STATUS_CHOICES, default="published")
    updated = models.DateField(default=timezone.localdate, help_text="When the text last changed.")
    reviewed = models.DateField(null=True, blank=True, help_text="When a clinician last reviewed the translation.")
    reviewer = models.ForeignKey(Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    review_due = models.DateField(null=True, blank=True)
    reviewed_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The English text this translation was made from (translation/freshness.source_hash).
    source_hash = models.CharField(
        max_length=64, blank=True, help_text="The hash of the English text this translation was made from."
    )

    # Derived on save by the rendering pipeline, in the translation's language.
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    sections = models.JSONField(default=list, blank=True, editable=False)
    passages = models.JSONField(default=list, blank=True, editable=False)
    plain_text = models.TextField(blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveIntegerField(default=0, editable=False)
    # The reading-ease score of the language's formula (rules.READING_EASE): higher is easier.
    reading_ease = models.FloatField(default=0, editable=False)
    render_version = models.PositiveIntegerField(default=0, editable=False)
    rendered_with = models.CharField(max_length=64, blank=True, editable=False)
    # What search reads (translation/search_index.py): the text with accents folded (PostgreSQL
    # stems it with the language's configuration) and the same words stemmed (SQLite's FTS5).
    index_title = models.TextField(blank=True, editable=False)
    index_summary = models.TextField(blank=True, editable=False)
    index_body = models.TextField(blank=True, editable=False)
    stems_title = models.TextField(blank=True, editable=False)
    stems_summary = models.TextField(blank=True, editable=False)
    stems_body = models.TextField(blank=True, editable=False)

    source_path = models.CharField(max_length=500, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The translation's own fields as loaded: a different fingerprint now is an admin edit,
    # which a later load reports as a conflict instead of overwriting.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ArticleTranslationQuerySet.as_manager()
    history = HistoricalRecords(
        # Derived on save, or bookkeeping: history keeps what translators wrote.
        excluded_fields=[
            *(name for name in RENDERED_FIELDS if name not in ("smog_grade", "fk_grade")),
            "reading_ease",
            "index_title",
            "index_summary",
            "index_body",
            "stems_title",
            "stems_summary",
            "stems_body",
            "source_path",
            "content_hash",
            "loaded_fingerprint",
            "modified_at",
        ]
    )

    class Meta:
        ordering = ["language", "title"]
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="one_translation_per_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        from articles.translation import rendering

        rendering.apply(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from articles.translation.languages import article_url

        return article_url(self.article.slug, self.language)

    # What the page takes from the English article.
    @property
    def slug(self):
        return self.article.slug

    @property
    def topic(self):
        return self.article.topic

    @property
    def kind(self):
        return self.article.kind

    @property
    def published_at(self):
        return self.article.published_at

    @property
    def sources(self):
        return self.article.sources

    @property
    def body_location(self):
        return self.article.body_location

    def linked_sources(self):
        return self.article.linked_sources()

    def _section_index(self, section):
        """Which h2 answers `section` (rules.SECTIONS): found by the English page's headings,
        since a translation keeps the English headings' order (check_content checks it)."""
        import re

        from articles import rules

        english = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", self.article.body_html, flags=re.S)]
        return next((i for i, heading in enumerate(english) if rules.answers(heading, section)), None)

    def section_html(self, section):
        """The rendered HTML under the h2 that answers `section`, or ''."""
        import re

        index = self._section_index(section)
        parts = re.split(r"<h2[^>]*>.*?</h2>", self.body_html, flags=re.S)
        return parts[index + 1].strip() if index is not None and index + 1 < len(parts) else ""

    def section_text(self, section):
        index = self._section_index(section)
        return self.sections[index][1] if index is not None and index < len(self.sections or []) else ""

    def get_kind_display(self):
        return self.article.get_kind_display()

    @property
    def is_published(self):
        return self.status == "published" and self.article.is_published

    def text_hash(self):
        from articles.translation.freshness import text_hash

        return text_hash(self)

    OWN_FIELDS = (
        "title",
        "summary",
        "also_called",
        "at_a_glance",
        "body",
        "status",
        "updated",
        "reviewed",
        "review_due",
        "source_hash",
    )

    def fingerprint(self):
        import hashlib
        import json

        values = {name: getattr(self, name) for name in self.OWN_FIELDS}
        values["body"] = (values["body"] or "").strip()
        values["reviewer"] = self.reviewer.name if self.reviewer_id else None
        return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()

    @property
    def review_is_current(self):
        return bool(self.reviewed and self.reviewer_id and self.reviewed_hash == self.text_hash())

    def record_review(self, reviewer, day):
        self.reviewed, self.reviewer, self.review_due = day, reviewer, None
        self.reviewed_hash = self.text_hash()

    # The same facts as English, with the English labels: the page shows them through gettext.
    AT_A_GLANCE_FIELDS = Article.AT_A_GLANCE_FIELDS
    at_a_glance_rows = Article.at_a_glance_rows


class TopicTranslation(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    intro = MarkdownxField(blank=True)
    intro_html = models.TextField(blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["language", "topic__order"]
        constraints = [models.UniqueConstraint(fields=["topic", "language"], name="one_topic_translation_per_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        from articles.translation import rendering

        self.intro_html = rendering.render(self.intro, self.language, glossary=False).html
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from articles.translation.languages import topic_url

        return topic_url(self.topic.slug, self.language)

    @property
    def slug(self):
        return self.topic.slug


class GlossaryTranslation(models.Model):
    """A glossary entry in another language; `entry` is the English entry it translates."""

    entry = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES)
    term = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140)
    definition = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    sense_words = models.JSONField(default=list, blank=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "language"], name="one_glossary_translation_per_language"),
            models.UniqueConstraint(fields=["language", "slug"], name="glossary_translation_slug"),
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"

    @property
    def letter(self):
        import unicodedata

        first = unicodedata.normalize("NFKD", self.term[:1].upper())[:1]
        return first if first.isalpha() else "#"


class PolicyTranslation(models.Model):
    """A clinic policy's default wording in another language, and the clinic's own."""

    policy = models.ForeignKey(ClinicPolicy, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(max_length=120)
    default_text = models.TextField()
    clinic_text = models.TextField("your clinic's wording", blank=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "language"], name="one_policy_translation_per_language")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    @property
    def text(self):
        return self.clinic_text.strip() or self.default_text
