import datetime
import hashlib
import json
import re

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from . import rendering
from .readability import measure


class ClinicSettings(models.Model):
    """The clinic's details, one record, edited in the admin; every page shows them.

    First filled from the CLINIC_NAME, CLINIC_PHONE and EMERGENCY_NUMBER settings."""

    clinic_name = models.CharField(max_length=200)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    appointment_url = models.URLField(blank=True, help_text="Where patients book or ask for an appointment.")
    emergency_number = models.CharField(max_length=20, default="911")
    footer_disclaimer = models.TextField(
        default="This site gives general information. It does not replace advice from your own doctor, who knows your health."
    )
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "clinic settings"

    def __str__(self):
        return self.clinic_name

    def save(self, *args, **kwargs):
        self.pk = 1  # one record only
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        clinic = cls.objects.filter(pk=1).first()
        if clinic is None:
            clinic = cls(
                pk=1, clinic_name=settings.CLINIC_NAME, phone=settings.CLINIC_PHONE, emergency_number=settings.EMERGENCY_NUMBER
            )
        return clinic


class Reviewer(models.Model):
    """A real clinician who reviews articles, entered by staff. Never invented."""

    name = models.CharField(max_length=200, unique=True)
    credentials = models.CharField(max_length=100, blank=True, help_text="e.g. MD, DO, RN, PT")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Pain medicine physician")

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

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.alt_text[:60]

    @property
    def markdown(self):
        return f"![{self.alt_text}](image:{self.pk})"


_LIBRARY_IMAGE = re.compile(r"!\[([^\]]*)\]\(image:(\d+)\)")


def resolve_library_images(source):
    """Turn ![alt](image:ID) into the image's address, with its alt text and caption."""
    ids = {int(m.group(2)) for m in _LIBRARY_IMAGE.finditer(source or "")}
    if not ids:
        return source
    images = Image.objects.in_bulk(ids)

    def replace(match):
        image = images.get(int(match.group(2)))
        if image is None:
            return match.group(0)
        alt = match.group(1).strip() or image.alt_text
        caption = f"\n\n*{image.caption}*" if image.caption else ""
        return f"![{alt}]({image.file.url}){caption}"

    return _LIBRARY_IMAGE.sub(replace, source)


def render_markdown(source, glossary=True):
    """The site's rendering: the pure pipeline, the clinic's callout titles, glossary links."""
    titles = rendering.default_callout_titles(ClinicSettings.load().emergency_number)
    result = rendering.render(resolve_library_images(source), callout_titles=titles)
    if glossary:
        result.html = rendering.link_glossary(result.html, glossary_names())
    return result


_glossary_cache = {}


def glossary_names():
    """[(name, slug, definition)] for every term and alias, longest name first; re-read only
    when the glossary changes."""
    stamp = tuple(GlossaryTerm.objects.aggregate(n=models.Count("id"), m=models.Max("modified_at")).values())
    if _glossary_cache.get("stamp") != stamp:
        names = {}
        for term in GlossaryTerm.objects.only("term", "slug", "definition", "aliases"):
            for name in [term.term, *term.aliases]:
                if len(name) >= 3:
                    names.setdefault(name.lower(), (name, term.slug, term.definition))
        _glossary_cache.update(stamp=stamp, names=sorted(names.values(), key=lambda n: len(n[0]), reverse=True))
    return _glossary_cache["names"]


class TopicQuerySet(models.QuerySet):
    def annotate_published_counts(self):
        published = models.Q(articles__status="published", articles__published_at__lte=timezone.now())
        return self.annotate(published_count=models.Count("articles", filter=published))


class Topic(models.Model):
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
        self.intro_html = render_markdown(self.intro, glossary=False).html
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Spelled out rather than reverse()d: pages link to dozens of topics and articles,
        # and reverse() was a noticeable part of rendering one. tests/test_urls.py keeps
        # these in step with articles/urls.py.
        return f"/topics/{self.slug}/"


# What the rendering pipeline derives from an article's Markdown on every save.
RENDERED_FIELDS = (
    "body_html",
    "toc",
    "sections",
    "plain_text",
    "word_count",
    "reading_minutes",
    "smog_grade",
    "fk_grade",
    "render_version",
)


# ArticleQuerySet.published() for hand-written SQL (search, page_reads), articles aliased "a".
PUBLISHED_SQL = "a.status = 'published' AND a.published_at <= %s"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    READING_ORDER = (models.F("order").asc(nulls_last=True), "title")

    def in_reading_order(self):
        # Articles without an explicit order follow the ordered ones, by title.
        return self.order_by(*self.READING_ORDER)

    def first_of_each_topic(self, count):
        """The first `count` articles of every topic, in one query (a window, not a loop)."""
        from django.db.models.functions import RowNumber

        position = models.Window(RowNumber(), partition_by="topic_id", order_by=list(self.READING_ORDER))
        return (
            self.annotate(position=position)
            .filter(position__lte=count)
            .order_by("topic_id", *self.READING_ORDER)
            .only("slug", "title", "topic_id")
        )


class Article(models.Model):
    class Kind(models.TextChoices):
        PROCEDURE = "procedure", "Procedure"
        CONDITION = "condition", "Condition"
        GUIDE = "guide", "Guide"
        FAQ = "faq", "Questions and answers"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "Waiting for review"
        PUBLISHED = "published", "Published"

    AT_A_GLANCE_FIELDS = {
        "treats": "What it treats",
        "duration": "How long it takes",
        "anesthesia": "Numbing or sedation",
        "imaging": "Imaging guidance",
        "same_day_home": "Home the same day",
        "relief_starts": "When it starts to work",
        "relief_lasts": "How long relief usually lasts",
        "repeatable": "Can it be repeated",
    }

    slug = models.SlugField(unique=True, max_length=120)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=160, help_text="One sentence; the meta description.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GUIDE)
    order = models.PositiveIntegerField(null=True, blank=True)
    body = MarkdownxField()
    also_called = models.JSONField(default=list, blank=True)
    at_a_glance = models.JSONField(default=dict, blank=True)
    body_location = models.CharField(max_length=100, blank=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True)
    sources = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    published_at = models.DateTimeField(default=timezone.now)
    updated = models.DateField(default=timezone.localdate, help_text="When the text last changed.")
    reviewed = models.DateField(null=True, blank=True, help_text="When a clinician last reviewed the text.")
    reviewer = models.ForeignKey(Reviewer, null=True, blank=True, on_delete=models.PROTECT, related_name="articles")
    review_due = models.DateField(null=True, blank=True, help_text="Left empty, set to the review date plus the review interval.")
    # Publishing above the reading-grade limit needs a reason, kept here.
    grade_override_reason = models.TextField(blank=True, editable=False)
    grade_override_by = models.CharField(max_length=150, blank=True, editable=False)
    # Optimistic locking: the admin form carries the version it was opened at.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Derived on save by the one rendering pipeline; never per request.
    body_html = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    sections = models.JSONField(default=list, blank=True, editable=False)  # [[h2, text]]
    plain_text = models.TextField(blank=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveIntegerField(default=0, editable=False)
    smog_grade = models.FloatField(default=0, editable=False)
    fk_grade = models.FloatField(default=0, editable=False)
    render_version = models.PositiveIntegerField(default=0, editable=False)

    # Bookkeeping for content/ sync: what file it came from, that file's hash, and the
    # fingerprint of the fields as loaded, so an admin edit since then is noticed.
    source_path = models.CharField(max_length=500, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    # The fields a content file carries; an edit to any of them is an editorial change.
    CONTENT_FIELDS = (
        "title",
        "summary",
        "kind",
        "order",
        "body",
        "also_called",
        "at_a_glance",
        "body_location",
        "sources",
        "status",
        "updated",
        "reviewed",
        "reviewer",
        "review_due",
    )

    history = HistoricalRecords(
        # Derived on save, or bookkeeping: history keeps what editors wrote.
        excluded_fields=[*RENDERED_FIELDS, "source_path", "content_hash", "loaded_fingerprint", "modified_at", "version"]
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

    def get_absolute_url(self):
        return self.url_for(self.slug)

    @staticmethod
    def url_for(slug):
        return f"/articles/{slug}/"  # see Topic.get_absolute_url

    def fingerprint(self, related_slugs=None):
        if related_slugs is None:
            related_slugs = sorted(self.related.values_list("slug", flat=True)) if self.pk else []
        values = {name: getattr(self, name) for name in self.CONTENT_FIELDS}
        values["topic"] = self.topic.slug if self.topic_id else None
        values["related"] = list(related_slugs)
        blob = json.dumps(values, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    # Raise when the pipeline's output changes; load_content then renders stored articles again.
    RENDER_VERSION = 2

    def render(self):
        result = render_markdown(self.body)
        self.render_version = self.RENDER_VERSION
        figures = measure(result.prose, result.text)
        self.body_html = result.html
        self.toc = result.toc
        self.sections = result.sections
        self.plain_text = result.text
        self.word_count = figures.words
        self.reading_minutes = figures.minutes
        self.smog_grade = figures.smog
        self.fk_grade = figures.flesch_kincaid
        return result

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def linked_sources(self):
        """Sources for the page: a URL becomes a link only if it is http(s); anything else
        (javascript:, data:) typed into the admin is shown as nothing."""
        return [
            {**src, "url": src["url"] if str(src.get("url", "")).startswith(("https://", "http://")) else ""}
            for src in self.sources or []
            if isinstance(src, dict)
        ]

    def section_html(self, *words):
        """The rendered HTML under the first h2 whose text contains one of words (for the
        handout), or ''. Plain string work on HTML the pipeline produced."""
        parts = re.split(r"(<h2[^>]*>.*?</h2>)", self.body_html, flags=re.S)
        for index in range(1, len(parts) - 1, 2):
            heading = re.sub(r"<[^>]+>", "", parts[index]).lower()
            if any(word in heading for word in words):
                return parts[index + 1].strip()
        return ""

    def at_a_glance_rows(self):
        facts = self.at_a_glance or {}
        return [(label, facts[key]) for key, label in self.AT_A_GLANCE_FIELDS.items() if facts.get(key)]


class GlossaryTerm(models.Model):
    history = HistoricalRecords(excluded_fields=["modified_at"])
    term = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=140, unique=True)
    definition = models.TextField()
    aliases = models.JSONField(default=list, blank=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"


class Redirect(models.Model):
    """A permanent redirect from an old address. Created when an article's slug changes."""

    old_path = models.CharField(max_length=300, unique=True, help_text="e.g. /articles/old-name/")
    new_path = models.CharField(max_length=300, help_text="e.g. /articles/new-name/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def save(self, *args, **kwargs):
        self.old_path, self.new_path = normalise_path(self.old_path), normalise_path(self.new_path)
        # One hop only: follow the target's own redirect, and repoint chains ending here.
        final = Redirect.objects.filter(old_path=self.new_path).values_list("new_path", flat=True).first()
        if final and final != self.old_path:
            self.new_path = final
        with transaction.atomic():
            super().save(*args, **kwargs)
            Redirect.objects.filter(new_path=self.old_path).exclude(pk=self.pk).update(new_path=self.new_path)
            Redirect.objects.filter(old_path=F("new_path")).delete()

    def clean(self):
        from django.core.exceptions import ValidationError

        self.old_path, self.new_path = normalise_path(self.old_path), normalise_path(self.new_path)
        if self.old_path == self.new_path:
            raise ValidationError("A page cannot redirect to itself.")
        target = Redirect.objects.filter(old_path=self.new_path).exclude(pk=self.pk).values_list("new_path", flat=True).first()
        if (target or self.new_path) == self.old_path:
            raise ValidationError(f"{self.new_path} already redirects to {self.old_path}: that would be a loop.")

    @classmethod
    def point(cls, old_path, new_path):
        """Make old_path redirect to new_path; the live page at new_path stops being redirected."""
        cls.objects.filter(old_path=normalise_path(new_path)).delete()
        redirect, _ = cls.objects.get_or_create(old_path=normalise_path(old_path), defaults={"new_path": new_path})
        redirect.new_path = new_path
        redirect.save()
        return redirect


def normalise_path(path):
    path = "/" + (path or "").strip().lstrip("/")
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


class Feedback(models.Model):
    """'Was this page helpful?' from a reader. No name, no address, no cookie."""

    COMMENT_MAX = 500

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.article}"
