from django.db import migrations


def create(apps, schema_editor):
    from articles.search.index import ensure_index

    ensure_index(schema_editor.connection)


def drop(apps, schema_editor):
    from articles.search.index import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
