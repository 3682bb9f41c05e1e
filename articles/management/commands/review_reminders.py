"""E-mail each article's reviewer 30, 7 and 0 days before its clinical review is due.

Run it daily (deploy/systemd/painsite-review-reminders.timer, or the `reminders` service in
deploy/compose.yaml). A reviewer gets at most one message a day, naming every article of
theirs on a reminder day. The day is claimed on the Reviewer row (`reminded_on`, a
conditional UPDATE) before the message is sent, so a second run the same day, or a run on
another host at the same moment, sends nothing again; if sending fails, the claim is given
back and the next run tries again. Drafts are never reminded about (workflow.review_due_soon).
"""

import smtplib
from collections import defaultdict

from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.editorial.workflow import review_due_soon
from articles.models import ClinicSettings, Reviewer
from articles.seo.structured_data import absolute

DAYS_BEFORE = (30, 7, 0)


def when(article, today):
    days = (article.review_due - today).days
    return f"{format_date(article.review_due, 'j F Y')} ({'today' if days == 0 else f'in {days} days'})"


def message(reviewer, articles, today, clinic_name):
    """(subject, body): plain text, short."""
    one = len(articles) == 1
    if one:
        days = (articles[0].review_due - today).days
        subject = f"Clinical review due {'today' if days == 0 else f'in {days} days'}: {articles[0].title}"
    else:
        subject = f"{len(articles)} patient pages are due for clinical review"
    pages = "this patient page" if one else "these patient pages"
    lines = [f"Hello {reviewer.name},", "", f"The clinical review of {pages} is due:", ""]
    for article in articles:
        lines += [
            article.title,
            f"Review due {when(article, today)}",
            absolute(reverse("admin:articles_article_change", args=[article.pk])),
            "",
        ]
    lines += [
        f"Please read {'the' if one else 'each'} page and record your review in the admin",
        '("Clinical review": the date and your name).',
        "",
        f"{clinic_name} patient library",
    ]
    return subject, "\n".join(lines) + "\n"


class Command(BaseCommand):
    help = "E-mail reviewers whose articles' clinical review is due in 30 or 7 days, or today. Once a day at most."

    def handle(self, **options):
        today = timezone.localdate()
        due = defaultdict(list)
        for article in review_due_soon(DAYS_BEFORE, today).order_by("review_due", "title"):
            if article.reviewer is None:
                self.stdout.write(f"No reviewer named for {article.title} (review due {when(article, today)}): nobody to remind.")
            else:
                due[article.reviewer].append(article)
        clinic_name = ClinicSettings.current().clinic_name if due else ""
        sent = failed = 0
        for reviewer, articles in due.items():
            titles = ", ".join(article.title for article in articles)
            if not reviewer.email:
                self.stdout.write(
                    f"No e-mail address for reviewer {reviewer}: not reminded about {titles}. "
                    "Add one under Patient library > Reviewers."
                )
                continue
            # Claim today for this reviewer; 0 rows means a run today already did (or is doing) it.
            if not Reviewer.objects.filter(pk=reviewer.pk).exclude(reminded_on=today).update(reminded_on=today):
                self.stdout.write(f"Already reminded today: {reviewer} ({titles}).")
                continue
            subject, body = message(reviewer, articles, today, clinic_name)
            try:
                mail.send_mail(subject, body, None, [reviewer.email])
            except (smtplib.SMTPException, OSError) as error:
                Reviewer.objects.filter(pk=reviewer.pk, reminded_on=today).update(reminded_on=reviewer.reminded_on)
                self.stderr.write(f"Could not e-mail {reviewer} <{reviewer.email}>: {error}")
                failed += 1
                continue
            sent += 1
            self.stdout.write(f"Reminded {reviewer} <{reviewer.email}>: {titles}.")
        self.stdout.write(f"{sent} reminder(s) sent.")
        if failed:
            raise CommandError(f"{failed} reminder(s) could not be sent; the next run tries again.")
