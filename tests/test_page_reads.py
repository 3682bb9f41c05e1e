"""The article page's hand-written reads agree with the ORM's rules, on both databases."""

import datetime

import pytest
from django.utils import timezone

from articles import page_reads
from articles.models import Article, Topic

pytestmark = pytest.mark.usefixtures("library")


@pytest.fixture
def mixed_topic():
    """Published articles with and without an explicit order, a draft, a scheduled one."""
    topic = Topic.objects.get(slug="back-pain")
    now = timezone.now()
    made = {}
    for slug, order, status, when in [
        ("zeta-first", 1, "published", now - datetime.timedelta(days=3)),
        ("alpha-unordered", None, "published", now - datetime.timedelta(days=2)),
        ("beta-unordered", None, "published", now - datetime.timedelta(days=2)),
        ("middle", 5, "published", now - datetime.timedelta(days=1)),
        ("a-draft", 2, "draft", now - datetime.timedelta(days=1)),
        ("scheduled", 3, "published", now + datetime.timedelta(days=1)),
    ]:
        made[slug] = Article.objects.create(
            slug=slug,
            topic=topic,
            title=slug.replace("-", " ").capitalize(),
            summary="A summary.",
            body="## Part\n\nWords.\n",
            order=order,
            status=status,
            published_at=when,
        )
    source = made["middle"]
    source.related.set([made["zeta-first"], made["a-draft"], made["scheduled"], made["alpha-unordered"]])
    return topic, made


def test_siblings_are_the_published_articles_in_reading_order(mixed_topic):
    topic, made = mixed_topic
    expected = list(topic.articles.published().in_reading_order().values_list("slug", flat=True))
    assert [link.slug for link in page_reads.siblings(made["middle"])] == expected
    assert "a-draft" not in expected and "scheduled" not in expected
    assert expected.index("zeta-first") < expected.index("middle") < expected.index("alpha-unordered")


def test_related_are_the_published_ones_by_title(mixed_topic):
    _, made = mixed_topic
    source = made["middle"]
    expected = list(source.related.published().values_list("slug", flat=True))
    links = page_reads.related(source)
    assert [link.slug for link in links] == expected == ["alpha-unordered", "zeta-first"]
    assert links[0].get_absolute_url() == "/articles/alpha-unordered/"


def test_only_published_articles_are_read_and_come_with_their_topic(mixed_topic):
    topic, _ = mixed_topic
    article = page_reads.published_article("middle")
    assert article.title == "Middle" and article.topic == topic and article.topic.title == topic.title
    # Field by field what the ORM reads: JSON decoded, times aware, dates as dates.
    orm = Article.objects.get(slug="middle")
    for field in Article._meta.concrete_fields:
        assert getattr(article, field.attname) == getattr(orm, field.attname), field.name
    assert not article._state.adding
    assert page_reads.published_article("a-draft") is None
    assert page_reads.published_article("scheduled") is None
    assert page_reads.published_article("no-such-article") is None


def test_the_topic_menu_follows_a_new_topic_at_once():
    before = [t.slug for t in page_reads.topics()]
    Topic.objects.create(slug="new-topic", title="A new topic", summary="New.", order=99)
    assert [t.slug for t in page_reads.topics()] == [*before, "new-topic"]
