"""The library: topics, articles, glossary terms, the image library and the reviewers."""

import datetime
import hashlib
import json
import re

from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import RowNumber
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles import rules
from articles.caching.urls import url
from articles.library import schema
from articles.rendering import site as rendering


# Article's base is Any to mypy (below), so django-stubs cannot make its reverse manager here.
class Reviewer(models.Model):  # type: ignore[django-manager-missing]
    """A real clinician who reviews articles, entered by staff. Never invented."""

    name = models.CharField(max_length=200, unique=True)
    credentials = models.CharField(max_length=100, blank=True, help_text="e.g. MD, DO, RN, PT")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Pain medicine physician")
    email = models.EmailField(blank=True, help_text="Where review reminders go (30, 7 and 0 days before a review is due).")
    # The day the last review reminder went out (review_reminders): at most one a day. Written
    # with update(), so the library stamp (modified_at) does not move for it.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True)  # part of the library stamp: pages name reviewers

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class Image(models.Model):
    """A picture in the clinic's image library. Articles use it as ![](image:ID); the alt
    text and caption come from here unless the article gives its own alt text."""

    file = models.ImageField(upload_to="images/")
    alt_text = models.CharField(max_length=300, help_text="What the picture shows, for someone who cannot see it. Required.")
    caption = models.CharField(max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)  # part of the library stamp

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text[:60]

    def save(self, *args, **kwargs):
        # A replaced file is deleted once the change is committed (rendering/triggers.py):
        # a picture withdrawn from the library must stop being served.
        stored = Image.objects.filter(pk=self.pk).values_list("file", flat=True).first() if self.pk else None
        self._replaced_file = stored if stored and stored != self.file.name else ""
        super().save(*args, **kwargs)

    @property
    def markdown(self):
        return f"![{self.alt_text}](image:{self.pk})"


class TopicQuerySet(models.QuerySet):
    def annotate_published_counts(self):
        return self.annotate(published_count=models.Count("articles", filter=rules.published_q("articles__")))


# As for Reviewer: django-stubs cannot make the reverse manager of Article's relation.
class Topic(models.Model):  # type: ignore[django-manager-missing]
    slug = models.SlugField(unique=True, max_length=100)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    intro = MarkdownxField(blank=True)
    intro_html = models.TextField(blank=True, editable=False)
    order = models.PositiveIntegerField(default=100)
    source_path = models.CharField(max_length=500, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return url("articles:topic", self.slug)

    def render(self, context=None):
        self.intro_html = rendering.render(self.intro, context, glossary=False).html


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(rules.published_q())

    READING_ORDER = (models.F("order").asc(nulls_last=True), "title")

    def in_reading_order(self):
        # Articles without an explicit order follow the ordered ones, by title.
        return self.order_by(*self.READING_ORDER)

    def first_of_each_topic(self, count):
        """The first `count` articles of every topic, in one query (a window, not a loop)."""
        position = models.Window(RowNumber(), partition_by="topic_id", order_by=list(self.READING_ORDER))
        return (
            self.annotate(position=position)
            .filter(position__lte=count)
            .order_by("topic_id", *self.READING_ORDER)
            .only("slug", "title", "topic_id")
        )

    # Clinical review windows (rules.review_q): the admin filter, the dashboard counts and
    # review_report all read these.
    def review_overdue(self, today=None):
        return self.filter(rules.review_q("overdue", today))

    def review_due_soon(self, today=None):
        return self.filter(rules.review_q("due_soon", today))

    def never_reviewed(self):
        return self.filter(rules.review_q("never"))

    def in_review_bucket(self, bucket, today=None):
        return self.filter(rules.review_q(bucket, today)).order_by("review_due", "title")


# The columns of the article format's plain fields come from its one declaration.
ArticleContent = type(
    "ArticleContent",
    (models.Model,),
    {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True}), **schema.content_columns()},
)


# mypy cannot see a class made by type(): to it, Article's base (and so its content columns) is Any.
class Article(ArticleContent):  # type: ignore[misc,valid-type]
    # The functional Enum API, which django-stubs does not type for TextChoices.
    Kind = models.TextChoices("Kind", [(value.upper(), (value, label)) for value, label in schema.KIND_CHOICES])  # type: ignore[call-overload]
    Status = models.TextChoices("Status", [(value.upper(), (value, label)) for value, label in schema.STATUS_CHOICES])  # type: ignore[call-overload]

    AT_A_GLANCE_FIELDS = schema.AT_A_GLANCE

    slug = models.SlugField(unique=True, max_length=120)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    body = MarkdownxField()
    related = models.ManyToManyField("self", symmetrical=False, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    reviewer = models.ForeignKey(Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    # Publishing above the reading-grade limit needs a reason, kept here.
    grade_override_reason = models.TextField(blank=True, editable=False)
    grade_override_by = models.CharField(max_length=150, blank=True, editable=False)
    # The text a clinician vouched for when `reviewed` was recorded: the page claims a review
    # only while its text is still that text (review_is_current).
    reviewed_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Optimistic locking: the admin form carries the version it was opened at.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Derived on save by the one rendering pipeline (rendering/site.py); never per request.
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    sections = models.JSONField(default=list, blank=True, editable=False)  # [[h2, text]]
    # [{"anchor", "heading", "text"}] for each h2 and h3; database triggers index them (search/index.py).
    passages = models.JSONField(default=list, blank=True, editable=False)
    plain_text = models.TextField(blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveIntegerField(default=0, editable=False)
    smog_grade = models.FloatField(default=0, editable=False)
    fk_grade = models.FloatField(default=0, editable=False)
    render_version = models.PositiveIntegerField(default=0, editable=False)
    # What the stored HTML was rendered with (the glossary and the clinic's emergency number):
    # when it differs from now, pages render the article afresh until it is stored again.
    rendered_with = models.CharField(max_length=64, blank=True, editable=False)

    # Bookkeeping for content/ sync: what file it came from, that file's hash, and the
    # fingerprint of the fields as loaded, so an admin edit since then is noticed.
    source_path = models.CharField(max_length=500, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # The fields a content file carries (library/schema.py); an edit to any is an editorial change.
    CONTENT_FIELDS = schema.model_fields()

    history = HistoricalRecords(
        # Derived on save, or bookkeeping: history keeps what editors wrote.
        excluded_fields=[
            *rendering.RENDERED_FIELDS,
            "source_path",
            "content_hash",
            "loaded_fingerprint",
            "modified_at",
            "version",
        ]
    )

    class Meta:
        ordering = ["title"]
        permissions = [
            ("review_article", "Can record a clinical review"),
            ("publish_article", "Can publish articles"),
        ]
        indexes = [
            models.Index(fields=["topic", "status"]),
            models.Index(fields=["modified_at"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from articles.models.site import Redirect

        self.render()
        if self.reviewed and not self.review_due:
            self.review_due = self.reviewed + datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
        old_slug = None
        if self.pk:
            old_slug = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_slug and old_slug != self.slug:
                Redirect.point(self.url_for(old_slug), self.get_absolute_url())
            from articles.codes.lookup import index_codes

            index_codes(self)

    def get_absolute_url(self):
        return self.url_for(self.slug)

    @staticmethod
    def url_for(slug):
        return url("articles:article", slug)

    def fingerprint(self, related_slugs=None):
        if related_slugs is None:
            related_slugs = sorted(self.related.values_list("slug", flat=True)) if self.pk else []
        values = {name: getattr(self, name) for name in self.CONTENT_FIELDS}
        # A field added to the format later counts only once it holds something: otherwise an
        # upgrade would make every article look edited in the admin, and the loader keep them.
        for name in schema.ADDED_LATER:
            if not values.get(name):
                values.pop(name, None)
        values["topic"] = self.topic.slug if self.topic_id else None
        values["related"] = list(related_slugs)
        blob = json.dumps(values, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    def render(self, context=None):
        return rendering.apply(self, context)

    @property
    def is_published(self):
        return rules.is_published(self)

    def proposal(self):
        """The values a clinical review vouches for (library/schema.py), as JSON."""
        return schema.reviewed_values(self)

    def text_hash(self):
        from articles.models.editorial import Revision

        return Revision.hash_of(self.proposal())

    @property
    def review_is_current(self):
        return bool(self.reviewed and self.reviewer_id and self.reviewed_hash == self.text_hash())

    def record_review(self, reviewer, day):
        self.reviewed, self.reviewer = day, reviewer
        self.review_due = None  # set again from the review date on save
        self.reviewed_hash = self.text_hash()

    def linked_sources(self):
        """Sources for the page: a URL becomes a link only if it is http(s); anything else
        (javascript:, data:) typed into the admin is shown as nothing."""
        return [
            {**src, "url": src["url"] if str(src.get("url", "")).startswith(("https://", "http://")) else ""}
            for src in self.sources or []
            if isinstance(src, dict)
        ]

    def section_html(self, section):
        """The rendered HTML under the first h2 that answers `section` (rules.SECTIONS), or ''.
        Plain string work on HTML the pipeline produced."""
        parts = re.split(r"(<h2[^>]*>.*?</h2>)", self.body_html, flags=re.S)
        for index in range(1, len(parts) - 1, 2):
            if rules.answers(re.sub(r"<[^>]+>", "", parts[index]), section):
                return parts[index + 1].strip()
        return ""

    def section_text(self, section):
        return rules.section_text(self.sections, section)

    def at_a_glance_rows(self):
        """(label, fact) for the page and the handout, in the format's order. Whatever shape the
        column holds (a list, text, numbers typed into an old form), only text facts are shown."""
        facts = self.at_a_glance if isinstance(self.at_a_glance, dict) else {}
        return [
            (label, facts[key])
            for key, label in self.AT_A_GLANCE_FIELDS.items()
            if isinstance(facts.get(key), str) and facts[key].strip()
        ]


class Passage(models.Model):
    """One section (h2 or h3) of an article, as search indexes it. Written only by database
    triggers, from Article.passages (search/index.py), so every path that writes an article
    (save, update, bulk_create, raw SQL) keeps the passages in step."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    anchor = models.TextField()
    heading = models.TextField()
    text = models.TextField()

    class Meta:
        ordering = ["article", "position"]
        indexes = [models.Index(fields=["article", "position"], name="articles_passage_article")]

    def __str__(self):
        return self.heading


class GlossaryTerm(models.Model):
    history = HistoricalRecords(excluded_fields=["modified_at"])
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    definition = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    # When another entry has the same name ("trial": a research study, or a stimulator's test
    # run), the entry whose sense words are in the same paragraph or list item is the one
    # linked there (rendering/glossary.py).
    sense_words = models.JSONField(
        default=list,
        blank=True,
        help_text="Only needed when another term shares a name with this one: words that show this meaning is meant.",
    )
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"


class ArticleCode(models.Model):
    """One clinical code of an article, as an indexed row: finding articles by code
    (codes/lookup.py) reads this index, never every article's codes. Written from
    Article.codes whenever an article is saved (Article.save)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    system = models.CharField(max_length=16)  # codes/systems.py: icd10cm, cpt, snomed
    code = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["system", "code"], name="articles_code_lookup")]
        constraints = [models.UniqueConstraint(fields=["article", "system", "code"], name="one_row_per_article_code")]

    def __str__(self):
        return f"{self.system} {self.code}"
