from django.core.management.base import BaseCommand, CommandError

from articles.library.export import export_library

MAX_SHOWN = 200


class Command(BaseCommand):
    help = (
        "Write every topic, article, glossary term and picture of the image library to DIR in the content "
        "format (load_content reads it back, into this database or an empty one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        counts = export_library(directory)
        self.stdout.write(
            f"Exported {counts['topics']} topics, {counts['articles']} articles, "
            f"{counts['glossary']} glossary terms, {counts['images']} images to {directory}"
        )
        problems = counts["problems"]
        if problems:
            # Everything is written; what the loader would refuse is named, so it is fixed
            # in the admin now rather than found when the library has to move.
            for problem in problems[:MAX_SHOWN]:
                self.stderr.write(str(problem))
            if len(problems) > MAX_SHOWN:
                self.stderr.write(f"... and {len(problems) - MAX_SHOWN} more")
            raise CommandError(f"{len(problems)} problem(s): load_content would not load {directory} as it is.")
        self.stdout.write(self.style.SUCCESS("Checked: load_content loads it as it is."))
