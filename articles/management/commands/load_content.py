from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.library.files import ContentError
from articles.library.sync import load_library

MAX_SHOWN = 200


class Command(BaseCommand):
    help = "Load content/ (topics, articles, glossary) into the database: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None, help="content folder (default: CONTENT_DIR)")
        parser.add_argument("--force", action="store_true", help="let files overwrite edits made in the admin")

    def handle(self, path=None, force=False, **options):
        root = path or settings.CONTENT_DIR
        try:
            report = load_library(root, force=force, progress=self._progress if options["verbosity"] else None)
        except ContentError as exc:
            for problem in exc.problems[:MAX_SHOWN]:
                self.stderr.write(str(problem))
            if len(exc.problems) > MAX_SHOWN:
                self.stderr.write(f"... and {len(exc.problems) - MAX_SHOWN} more")
            raise CommandError(f"{len(exc.problems)} problem(s) in {root}; nothing was loaded.") from None
        for display in report.conflicts:
            self.stderr.write(
                self.style.WARNING(
                    f"{display}: changed in the file and edited in the admin since the last load; "
                    "kept the admin edit (use --force to take the file)"
                )
            )
        if report.not_in_files:
            self.stdout.write(f"In the database but not in {root}: {', '.join(report.not_in_files)}")
        self.stdout.write(self.style.SUCCESS(f"Articles: {report.summary()}. Glossary terms: {report.glossary_terms}."))

    def _progress(self, stage, done, total):
        # Only long runs get progress lines; a clinic's own library loads in a second.
        if total >= 500 and (done % 500 == 0 or done == total):
            self.stdout.write(f"  {stage}: {done}/{total}")
