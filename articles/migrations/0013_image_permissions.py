from django.contrib.auth.management import create_permissions
from django.db import migrations

# The image library came after the roles: without these, an editor could not add an image
# with its alternative text. Deleting stays with administrators (articles may use it).
IMAGE = ["add_image", "change_image", "view_image"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True  # permissions are normally created after migrations
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="articles", codename__in=IMAGE)
    for group in Group.objects.filter(name__in=["Editor", "Clinical reviewer"]):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="articles", codename__in=IMAGE)
    for group in Group.objects.filter(name__in=["Editor", "Clinical reviewer"]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_image_library"), ("articles", "0011_roles")]
    operations = [migrations.RunPython(grant, revoke)]
