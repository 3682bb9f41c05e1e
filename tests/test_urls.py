import pytest
from django.urls import reverse

from articles.models import Article, Topic


@pytest.mark.parametrize("slug", ["epidural-steroid-injection", "a", "x-1"])
def test_absolute_urls_match_the_url_patterns(slug):
    assert Article(slug=slug).get_absolute_url() == reverse("articles:article", args=[slug])
    assert Topic(slug=slug).get_absolute_url() == reverse("articles:topic", args=[slug])
