from django.core.management.base import BaseCommand

from articles.models import Article
from articles.rendering import site as rendering
from articles.rendering.triggers import render_articles


class Command(BaseCommand):
    help = "Render again the articles stored with an older glossary or emergency number (after a stopped render job)."

    def handle(self, **options):
        context = rendering.Context.current()
        stale = list(Article.objects.exclude(rendered_with=context.key).values_list("pk", flat=True))
        count = render_articles(stale, context) if stale else 0
        self.stdout.write(self.style.SUCCESS(f"Rendered {count} article(s) again."))
