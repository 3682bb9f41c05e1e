"""Each rule in articles/rules.py gives the same answer in every place that applies it."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles import rules
from articles.editorial import review
from articles.editorial.article_admin import ReviewFilter
from articles.editorial.forms import ArticleAdminForm
from articles.library.quality import check_library, medical_terms_outside
from articles.library.validation import body_problems
from articles.models import Article, Topic
from articles.rendering import markdown
from articles.rendering.glossary import Entry, GlossaryIndex
from articles.search.backends import sqlite
from tests.editorial.forms import form_data

examples = hypothesis_settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NOW = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


class _Rollback(Exception):
    pass


def _rolled_back(check):
    """Run check inside a transaction that is always undone, so each example starts clean."""
    try:
        with transaction.atomic():
            check()
            raise _Rollback
    except _Rollback:
        pass


def _article(n, topic, **fields):
    return Article.objects.create(
        slug=f"rule-{n}", topic=topic, title=f"Rule {n}", summary="s", kind="guide", body="Knee text.", **fields
    )


# --- publication ---------------------------------------------------------------------------

rows = st.lists(
    st.tuples(st.sampled_from(["published", "review", "draft"]), st.integers(-3, 3)),
    min_size=1,
    max_size=6,
)


@pytest.mark.usefixtures("library")
@examples
@given(rows=rows)
def test_publication_is_one_rule_for_the_orm_the_sql_python_and_search(rows):
    def check():
        Article.objects.all().delete()
        topic = Topic.objects.first()
        for n, (status, hours) in enumerate(rows):
            _article(n, topic, status=status, published_at=NOW + datetime.timedelta(hours=hours))
        orm = set(Article.objects.filter(rules.published_q(now=NOW)).values_list("id", flat=True))
        sql, params = rules.published_sql("a", NOW)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT a.id FROM articles_article a WHERE {sql}", params)  # noqa: S608
            by_sql = {row[0] for row in cursor.fetchall()}
        by_python = {a.id for a in Article.objects.all() if rules.is_published(a, NOW)}
        assert orm == by_sql == by_python
        if connection.vendor == "sqlite":
            assert set(sqlite.rank([["knee"]], True, NOW)) == orm
        # The topic counts apply the rule at the present moment, as pages do.
        counted = sum(t.published_count for t in Topic.objects.annotate_published_counts())
        assert counted == Article.objects.published().count() == sum(a.is_published for a in Article.objects.all())

    _rolled_back(check)


# --- review windows ------------------------------------------------------------------------

reviews = st.lists(
    st.tuples(
        st.sampled_from(["published", "review", "draft"]),
        st.one_of(st.none(), st.integers(-400, 0)),  # reviewed, days from today
        st.one_of(st.none(), st.integers(-90, 120)),  # review due, days from today
    ),
    min_size=1,
    max_size=6,
)


@pytest.mark.usefixtures("library")
@examples
@given(rows=reviews)
def test_review_windows_agree_in_the_admin_filter_the_dashboard_and_the_report(rows):
    def check():
        Article.objects.all().delete()
        topic = Topic.objects.first()
        today = timezone.localdate()
        for n, (status, reviewed, due) in enumerate(rows):
            article = _article(n, topic, status=status)
            Article.objects.filter(pk=article.pk).update(
                reviewed=today + datetime.timedelta(days=reviewed) if reviewed is not None else None,
                review_due=today + datetime.timedelta(days=due) if due is not None else None,
            )
        counts = review.counts()
        for bucket in rules.REVIEW_BUCKETS:
            listed = ReviewFilter(None, {"review": [bucket]}, Article, None)
            in_filter = set(listed.queryset(None, Article.objects.all()).values_list("id", flat=True))
            in_queue = set(review.bucket(bucket).values_list("id", flat=True))
            assert counts[bucket] == len(in_queue)
            assert in_filter == in_queue
        # Each article is in one bucket at most, and drafts in none.
        buckets = [set(review.bucket(b).values_list("id", flat=True)) for b in rules.REVIEW_BUCKETS]
        assert sum(map(len, buckets)) == len(set().union(*buckets))
        assert not set().union(*buckets) & set(Article.objects.filter(status="draft").values_list("id", flat=True))

    _rolled_back(check)


@pytest.mark.usefixtures("library")
def test_the_dashboard_count_is_the_length_of_the_list_it_links_to(staff_client, time_machine):
    time_machine.move_to(NOW)
    topic = Topic.objects.first()
    Article.objects.all().delete()
    # Past due but never reviewed: "never", not "overdue" (the old dashboard and list disagreed).
    _article(1, topic, review_due=TODAY - datetime.timedelta(days=5))
    _article(2, topic, reviewed=TODAY - datetime.timedelta(days=1000), review_due=TODAY - datetime.timedelta(days=2))
    draft = _article(3, topic, status="draft")
    Article.objects.filter(pk=draft.pk).update(reviewed=None, review_due=TODAY - datetime.timedelta(days=9))
    dashboard = staff_client.get("/admin/").content.decode()
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("review_report", stdout=out)
    for bucket, label in rules.review_labels().items():
        shown = re.search(rf"review={bucket}\">{re.escape(label)}</a></th><td>(\d+)</td>", dashboard)
        page = staff_client.get(f"/admin/articles/article/?review={bucket}").content.decode()
        listed = len(re.findall(r'<tr><td class="action-checkbox">', page))
        assert int(shown.group(1)) == listed, bucket
        assert f"{label}: {listed}" in out.getvalue()
    assert f"Review due within {settings.REVIEW_SOON_DAYS} days" in staff_client.get("/admin/articles/article/").content.decode()


# --- reading grade -------------------------------------------------------------------------

SHORT = "You lie still. The doctor numbs your skin. Then the needle goes in."
LONG = "You lie on a table while the doctor numbs your skin with a tiny needle. " * 12
LISTS = "What to bring:\n\n" + "".join(f"- A list of your medicines and your allergies number {n}\n" for n in range(12))


@pytest.mark.parametrize("body", [SHORT, LONG, LISTS])
@pytest.mark.usefixtures("library")
def test_the_publish_gate_the_panel_and_check_content_give_one_grade(body, staff_client, settings, tmp_path):
    settings.PUBLISH_MAX_GRADE = -100  # every text is "too hard", so every consumer reports its grade
    article = Article.objects.get(slug="epidural-injection")
    form = ArticleAdminForm(data=form_data(article, body=body, kind="guide", at_a_glance="{}"), instance=article)
    form.is_valid()
    gate = re.search(r"The reading grade is (.+?), above", str(form.errors["publish_anyway"])).group(1)
    panel = staff_client.post("/admin/markdownx/markdownify/", {"content": body}).content.decode()
    shown = re.search(r"<strong>Reading grade:</strong> (.+?) \(above", panel).group(1)
    root = tmp_path / "lib"
    (root / "t").mkdir(parents=True)
    (root / "t" / "_topic.md").write_text("---\ntitle: T\nsummary: A topic.\n---\n")
    (root / "t" / "a.md").write_text(
        "---\ntitle: A\nsummary: S.\nkind: guide\nsources:\n  - title: S\n    publisher: P\n    year: 2020\n"
        "updated: 2026-01-01\n---\n" + body
    )
    checked = re.search(r"reading grade (.+?) is over", str(check_library(root, tmp_path).too_hard[0])).group(1)
    assert gate == shown == checked
    assert gate.startswith("SMOG" if body != SHORT else "Flesch-Kincaid")


def test_each_list_item_counts_as_a_sentence():
    rendered = markdown.render(LISTS)
    assert len(rendered.prose.splitlines()) == 13
    from articles.rendering.site import readability

    assert readability(rendered).sentences == 13


# --- alt text ------------------------------------------------------------------------------


@pytest.mark.usefixtures("library")
@examples
@given(alt=st.sampled_from(["", "  ", rules.PLACEHOLDER_ALT, " " + rules.PLACEHOLDER_ALT, "A spine", "x"]))
def test_alt_text_is_one_rule_for_the_loader_the_admin_and_check_content(alt):
    body = f"Text.\n\n![{alt}](/static/img/spine-anatomy.svg)\n"
    loader = any("alt text" in message for _, message in body_problems(body, set()))
    article = Article.objects.get(slug="epidural-injection")
    form = ArticleAdminForm(data=form_data(article, body=body), instance=article)
    form.is_valid()
    admin = "body" in form.errors
    assert loader == admin == rules.alt_text_missing(alt)


# --- sections ------------------------------------------------------------------------------


@given(heading=st.sampled_from(["How to prepare", "Preparing for it", "Risks", "Other options", "When to get help", "Aftercare"]))
@examples
def test_a_section_is_found_the_same_way_by_the_handout_structured_data_and_check_content(heading):
    body = f"## {heading}\n\nSome words here.\n"
    rendered = markdown.render(body)
    article = Article(body_html=rendered.html, sections=rendered.sections, kind="procedure")
    missing = rules.missing_sections("procedure", [t["title"] for t in rendered.toc])
    for section in rules.SECTIONS:
        by_handout = bool(article.section_html(section))
        by_structured_data = bool(article.section_text(section))
        assert by_handout == by_structured_data == rules.answers(heading, section)
        if section in rules.REQUIRED_SECTIONS["procedure"]:
            assert (section not in missing) == by_handout


# --- glossary matching ---------------------------------------------------------------------

INDEX = GlossaryIndex(
    [
        Entry("Facet joint", "facet-joint", "A small joint."),
        Entry("Epidural steroid injection", "esi", "A shot.", ("ESI", "back shot")),
        Entry("X-ray", "x-ray", "A picture."),
    ]
)
forms_of = st.sampled_from(
    [
        "facet joint",
        "facet joints",
        "Facet-Joint",
        "epidural steroid injections",
        "back shots",
        "ESI",
        "x-ray",
        "x rays",
        "facets",
    ]
)


@given(word=forms_of, before=st.sampled_from(["", "A ", "The "]), after=st.sampled_from(["", " hurt.", "."]))
@examples
def test_one_matching_rule_for_linking_coverage_the_panel_and_search(word, before, after):
    text = before + word + after
    linked = '<a href="/glossary/#' in INDEX.link(f"<p>{text}</p>")
    found = bool(INDEX.find(text))
    covered = INDEX.covers(word)
    flagged = medical_terms_outside(INDEX, [word.lower()], text)
    assert linked == found == covered
    assert flagged == ([] if covered else [word.lower()])


# --- the clinic, read one way --------------------------------------------------------------


@pytest.mark.usefixtures("library")
def test_the_clinic_is_read_one_way_by_pages_feed_and_error_pages(django_capture_on_commit_callbacks):
    from articles.models import ClinicSettings
    from painsite.errors import _clinic_context

    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings(clinic_name="Hillside Pain Care", emergency_number="999").save()
    client = Client()
    assert "Hillside Pain Care" in client.get("/").content.decode()
    assert "Hillside Pain Care: new and updated articles" in client.get("/feed/").content.decode()
    assert _clinic_context() == {"clinic_name": "Hillside Pain Care", "emergency_number": "999"}
    assert "Call 999 now if" in client.get("/articles/epidural-injection/").content.decode()
