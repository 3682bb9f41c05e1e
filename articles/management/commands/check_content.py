from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.quality import MAX_GRADE, check_library


class Command(BaseCommand):
    help = "Check content/ against the style guide: reading grade, sections, alt text, glossary, links."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None)
        parser.add_argument("--list", action="store_true", help="print every article's figures")

    def handle(self, path=None, list=False, **options):
        root = path or settings.CONTENT_DIR
        report = check_library(root, settings.BASE_DIR / "static")
        if list:
            for m in sorted(report.measured, key=lambda m: m.smog, reverse=True):
                self.stdout.write(f"{m.smog:5.1f} {m.fk:5.1f} {m.sentences:4d} {m.words:6d}  {m.display}")
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        articles = len(report.measured)
        topics = ", ".join(f"{t} {n}" for t, n in sorted(report.per_topic.items()))
        self.stdout.write(f"{articles} articles ({topics}); glossary {report.glossary_size} terms")
        self.stdout.write(report.grade_summary() + f" (limit {MAX_GRADE:g})")
        if report.problems:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(report.problems)} content problem(s) in {root}")
        self.stdout.write(self.style.SUCCESS("Content check passed."))
