from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = {
    "articles": ["add_article", "change_article", "view_article", "add_topic", "change_topic", "view_topic",
                 "add_glossaryterm", "change_glossaryterm", "view_glossaryterm", "view_reviewer", "view_feedback",
                 "view_redirect", "add_redirect", "change_redirect", "view_historicalarticle", "view_historicalglossaryterm"],
}
REVIEWER_EXTRA = {
    "articles": ["review_article", "publish_article", "add_reviewer", "change_reviewer", "delete_redirect"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(spec):
        return [Permission.objects.get(content_type__app_label=app, codename=code) for app, codes in spec.items() for code in codes]

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(perms(EDITOR))
    reviewer, _ = Group.objects.get_or_create(name="Clinical reviewer")
    reviewer.permissions.set(perms(EDITOR) + perms(REVIEWER_EXTRA))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Clinical reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_editorial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, remove_roles)]
