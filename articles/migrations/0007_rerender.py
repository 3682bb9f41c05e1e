from django.conf import settings
from django.db import migrations


def fill_sections(apps, schema_editor):
    # Historical model plus the pure renderer: later changes to Article cannot break this.
    from articles.rendering import markdown as rendering

    Article = apps.get_model("articles", "Article")
    titles = rendering.default_callout_titles(settings.EMERGENCY_NUMBER)
    for article in Article.objects.only("id", "body").iterator():
        sections = rendering.render(article.body, callout_titles=titles).sections
        Article.objects.filter(pk=article.pk).update(sections=sections)


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_article_sections")]
    operations = [migrations.RunPython(fill_sections, migrations.RunPython.noop)]
