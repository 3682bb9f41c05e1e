"""Staff signed in by their group, for the editorial workflow's tests (English and translations)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client


def signed_in(django_user_model, group):
    client = Client()
    user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return client


@pytest.fixture
def editor(django_user_model):
    return signed_in(django_user_model, "Editor")


@pytest.fixture
def reviewer(django_user_model):
    return signed_in(django_user_model, "Clinical reviewer")
