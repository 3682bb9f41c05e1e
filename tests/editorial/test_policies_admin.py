"""Clinic policies in the admin: reviewers set the clinic's wording; editors only see it."""

import pytest
from django.contrib.auth.models import Group

from articles.models import ClinicPolicy

URL = "/admin/articles/clinicpolicy/{}/change/"


@pytest.fixture
def policy(db):
    return ClinicPolicy.objects.create(name="driving-after-sedation", title="Driving", default_text="Do not drive for 24 hours.")


def _login(client, django_user_model, group):
    user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="a-long-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)


def test_an_editor_sees_a_policy_but_cannot_change_it(client, django_user_model, policy):
    _login(client, django_user_model, "Editor")
    assert client.get(URL.format(policy.pk)).status_code == 200
    response = client.post(URL.format(policy.pk), {"clinic_text": "Drive whenever you like."})
    assert response.status_code == 403
    assert ClinicPolicy.objects.get(pk=policy.pk).clinic_text == ""


def test_a_reviewer_sets_the_clinics_wording_and_a_bad_one_is_refused(client, django_user_model, policy):
    _login(client, django_user_model, "Clinical reviewer")
    refused = client.post(URL.format(policy.pk), {"clinic_text": "One.\n\n## A heading"})
    assert refused.status_code == 200 and "no headings, boxes, code or HTML" in refused.content.decode()
    refused = client.post(URL.format(policy.pk), {"clinic_text": "See {{ blood-thinners }}."})
    assert "Only these names can be used here" in refused.content.decode()
    done = client.post(URL.format(policy.pk), {"clinic_text": "No driving until the next morning. Call {{ clinic-phone }}."})
    assert done.status_code == 302
    assert ClinicPolicy.objects.get(pk=policy.pk).text == "No driving until the next morning. Call {{ clinic-phone }}."


@pytest.mark.usefixtures("library")
def test_the_pages_that_use_a_policy_are_those_that_name_it(client, django_user_model, policy):
    from articles.models import Article

    uses = Article.objects.get(slug="epidural-injection")
    uses.body += "\n\n{{ driving-after-sedation }}\n"
    uses.save()
    links = Article.objects.get(slug="nerve-ablation")
    links.body += "\n\nRead about [driving after sedation](/articles/epidural-injection/) (driving-after-sedation).\n"
    links.save()
    _login(client, django_user_model, "Editor")
    page = client.get(URL.format(policy.pk)).content.decode()
    # Nothing else on the policy's page names an article.
    assert uses.title in page and links.title not in page
