from django.core.management.base import BaseCommand

from articles.library.export import export_library


class Command(BaseCommand):
    help = "Write every topic, article and glossary term to DIR in the content format (load_content reads it back)."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        counts = export_library(directory)
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {counts['topics']} topics, {counts['articles']} articles, "
                f"{counts['glossary']} glossary terms to {directory}"
            )
        )
