"""Review reminders: 30, 7 and 0 days before an article's review is due, once a day, by e-mail."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from articles.caching import stamps
from articles.models import Article, Reviewer

pytestmark = pytest.mark.usefixtures("library")

DUE = datetime.date(2027, 3, 31)


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://clinic.example.org"


def on(time_machine, day):
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=datetime.UTC), tick=False)


def remind():
    out = io.StringIO()
    call_command("review_reminders", stdout=out)
    return out.getvalue()


def due_for(slug, reviewer, due=DUE):
    Article.objects.filter(slug=slug).update(reviewer=reviewer, reviewed=due - datetime.timedelta(days=1095), review_due=due)
    return Article.objects.get(slug=slug)


@pytest.fixture
def dana():
    return Reviewer.objects.create(name="Dana Smith", credentials="MD", email="dana@clinic.example.org")


def test_reminders_go_out_30_7_and_0_days_before_and_on_no_other_day(dana, time_machine):
    article = due_for("epidural-injection", dana)
    sent_on = []
    day = DUE - datetime.timedelta(days=40)
    while day <= DUE + datetime.timedelta(days=3):
        on(time_machine, day)
        before = len(mail.outbox)
        remind()
        sent_on += [day] * (len(mail.outbox) - before)
        day += datetime.timedelta(days=1)
    assert sent_on == [DUE - datetime.timedelta(days=30), DUE - datetime.timedelta(days=7), DUE]
    first, _, last = mail.outbox
    assert first.to == ["dana@clinic.example.org"]
    assert first.subject == "Clinical review due in 30 days: Epidural injection"
    assert "Epidural injection\nReview due 31 March 2027 (in 30 days)\n" in first.body
    assert f"https://clinic.example.org/admin/articles/article/{article.pk}/change/" in first.body
    assert last.subject == "Clinical review due today: Epidural injection"
    assert "Review due 31 March 2027 (today)" in last.body


def test_a_second_run_the_same_day_sends_nothing_again(dana, time_machine):
    due_for("epidural-injection", dana)
    on(time_machine, DUE - datetime.timedelta(days=7))
    assert "Reminded Dana Smith, MD <dana@clinic.example.org>: Epidural injection." in remind()
    assert "Already reminded today: Dana Smith, MD" in remind()
    assert len(mail.outbox) == 1
    on(time_machine, DUE)
    remind()
    remind()
    assert len(mail.outbox) == 2


def test_no_reminder_for_a_draft(dana, time_machine):
    due_for("coming-soon", dana)
    for days in (30, 7, 0):
        on(time_machine, DUE - datetime.timedelta(days=days))
        remind()
    assert mail.outbox == []


def test_a_reviewer_without_an_address_is_reported_not_emailed(time_machine):
    nobody = Reviewer.objects.create(name="Lee Park", credentials="RN")
    due_for("nerve-ablation", nobody)
    on(time_machine, DUE - datetime.timedelta(days=30))
    out = remind()
    assert "No e-mail address for reviewer Lee Park, RN: not reminded about Nerve ablation." in out
    assert mail.outbox == []
    # Given an address later that day, the reminder still goes out.
    Reviewer.objects.filter(pk=nobody.pk).update(email="lee@clinic.example.org")
    remind()
    assert [m.to for m in mail.outbox] == [["lee@clinic.example.org"]]


def test_one_message_a_day_names_each_of_the_reviewers_articles(dana, time_machine):
    due_for("epidural-injection", dana)
    due_for("nerve-ablation", dana, due=DUE + datetime.timedelta(days=23))  # 30 days from DUE - 7
    on(time_machine, DUE - datetime.timedelta(days=7))
    remind()
    (message,) = mail.outbox
    assert message.subject == "2 patient pages are due for clinical review"
    assert "Epidural injection\nReview due 31 March 2027 (in 7 days)" in message.body
    assert "Nerve ablation\nReview due 23 April 2027 (in 30 days)" in message.body


def test_a_failed_send_is_tried_again_by_the_next_run(dana, time_machine, monkeypatch):
    due_for("epidural-injection", dana)
    on(time_machine, DUE)

    def refused(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(mail, "send_mail", refused)
    with pytest.raises(CommandError, match="1 reminder"):
        remind()
    monkeypatch.undo()
    remind()
    assert len(mail.outbox) == 1


def test_recording_a_reminder_does_not_move_the_library_stamp(dana, time_machine):
    due_for("epidural-injection", dana)
    on(time_machine, DUE)
    before = stamps.last_change().key()
    remind()
    assert len(mail.outbox) == 1 and Reviewer.objects.get(pk=dana.pk).reminded_on == DUE
    assert stamps.last_change().key() == before  # pages stay cached
