"""The clinic's own records: its settings, redirects from old addresses, readers' feedback."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.caching.memo import per_stamp


class ClinicSettings(models.Model):
    """The clinic's details, one record, edited in the admin; every page shows them.

    First filled from the CLINIC_NAME, CLINIC_PHONE and EMERGENCY_NUMBER settings."""

    clinic_name = models.CharField(max_length=200)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    appointment_url = models.URLField(blank=True, help_text="Where patients book or ask for an appointment.")
    emergency_number = models.CharField(max_length=20, default="911")
    written_by = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Who writes the pages, as patients see it under each title. Leave empty for "
            '"the patient-education team at <clinic name>". Never a person who did not write them.'
        ),
    )
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

    @property
    def authors(self):
        from django.utils.translation import gettext

        return self.written_by.strip() or gettext("the patient-education team at %(clinic)s") % {"clinic": self.clinic_name}

    @classmethod
    def from_settings(cls):
        """The clinic as the settings describe it: before anyone edits the record, and for
        the error pages, which must render while the database is down."""
        return cls(
            pk=1, clinic_name=settings.CLINIC_NAME, phone=settings.CLINIC_PHONE, emergency_number=settings.EMERGENCY_NUMBER
        )

    @classmethod
    def current(cls):
        """The one way to read the clinic's details (a per-process copy, re-read when the
        library stamp says they changed)."""
        return _current_clinic()


class ClinicPolicy(models.Model):
    """A practical fact many pages state and each clinic sets for itself (rendering/policies.py).

    The name, title, default and source come from content/policies.yaml (load_content);
    clinic_text is the clinic's own wording, set in the admin by clinical reviewers, and
    wins while it is not empty."""

    history = HistoricalRecords(excluded_fields=["modified_at"])
    name = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=120)
    default_text = models.TextField()
    source = models.TextField(blank=True, help_text="Where the default comes from.")
    spot = models.JSONField(default=list, blank=True, help_text="What check_content looks for to find this fact written by hand.")
    clinic_text = models.TextField(
        "your clinic's wording",
        blank=True,
        help_text=(
            "Plain sentences, or a list with a dash at the start of each line. Leave empty to use the default. "
            "Every page that uses it changes at once; where a page uses it inside a sentence or a list item, "
            "it is joined into one line."
        ),
    )
    order = models.PositiveIntegerField(default=0)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "clinic policy"
        verbose_name_plural = "clinic policies"

    def __str__(self):
        return self.title

    @property
    def text(self):
        return self.clinic_text.strip() or self.default_text


@per_stamp
def _current_clinic():
    return ClinicSettings.objects.filter(pk=1).first() or ClinicSettings.from_settings()


def normalise_path(path):
    path = "/" + (path or "").strip().lstrip("/")
    return path if path.endswith("/") or "." in path.rsplit("/", 1)[-1] else path + "/"


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


class Feedback(models.Model):
    """'Was this page helpful?' from a reader. No name, no address, no cookie."""

    COMMENT_MAX = 500

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX)
    # The language of the page it was left on ("es": the Spanish page of `article`).
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{'Helpful' if self.helpful else 'Not helpful'}: {self.article}"


class LibraryLoad(models.Model):
    """A load_content run that is writing the library (library/sync.py). Committed before the
    loader's long transaction, so other connections see it: while one is running, admin saves
    of what the loader writes are refused with LOADING_MESSAGE instead of being overwritten
    (PostgreSQL) or waiting on the loader's write lock until they fail (SQLite)."""

    # A loader that was killed leaves its row: past this age it no longer refuses saves, and
    # the next load_content removes it. Generous: 1,000 new synthetic articles took 156 s to
    # write on a busy 2-core machine. A longer load is still safe on PostgreSQL (row locks,
    # sync.py); on SQLite a save then waits for the loader's lock, as before.
    STALE_AFTER = datetime.timedelta(minutes=30)
    LOADING_MESSAGE = "The library is being loaded from its files; try again in a minute. Your text is still below."

    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "library load in progress"

    def __str__(self):
        return f"load_content started {self.started_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def running(cls):
        return cls.objects.filter(started_at__gte=timezone.now() - cls.STALE_AFTER).exists()
