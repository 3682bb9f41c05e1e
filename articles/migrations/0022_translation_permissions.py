from django.contrib.auth.management import create_permissions
from django.db import migrations

# Translations are edited like articles: editors write drafts, reviewers publish (the form
# decides who may make one live, editorial/translation_admin.py). A policy's wording in a
# language goes on every page at once: reviewers only, as for English.
EDITOR = [
    "view_articletranslation",
    "change_articletranslation",
    "view_topictranslation",
    "change_topictranslation",
    "view_glossarytranslation",
    "view_policytranslation",
]
REVIEWER = [*EDITOR, "change_policytranslation"]


def _perms(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True  # permissions are normally created after migrations
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(*_perms(apps, EDITOR))
    for group in Group.objects.filter(name="Clinical reviewer"):
        group.permissions.add(*_perms(apps, REVIEWER))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editor", "Clinical reviewer"]):
        group.permissions.remove(*_perms(apps, REVIEWER))


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_translation_search_text"), ("articles", "0011_roles")]
    operations = [migrations.RunPython(grant, revoke)]
