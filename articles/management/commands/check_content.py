from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.library.quality import check_library
from articles.translation import quality as translation_quality


class Command(BaseCommand):
    help = (
        "Check content/ against the style guide: reading grade, sections, alt text, glossary, links; "
        "hard words, heading order and link text as warnings."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None)
        parser.add_argument("--list", action="store_true", help="print every article's figures")
        parser.add_argument(
            "--strict-grade", action="store_true", help="fail, not warn, when an article is above the reading-grade limit"
        )

    def handle(self, path=None, list=False, strict_grade=False, **options):
        root = path or settings.CONTENT_DIR
        report = check_library(root, settings.BASE_DIR / "static")
        if list:
            self.stdout.write("grade               SMOG    FK  sent. words  file")
            for m in sorted(report.measured, key=lambda m: m.grade.value, reverse=True):
                self.stdout.write(f"{str(m.grade):18} {m.smog:5.1f} {m.fk:5.1f} {m.sentences:5d} {m.words:6d}  {m.display}")
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        articles = len(report.measured)
        topics = ", ".join(f"{t} {n}" for t, n in sorted(report.per_topic.items()))
        self.stdout.write(f"{articles} articles ({topics}); glossary {report.glossary_size} terms")
        self.stdout.write(report.grade_summary())
        for line in translation_quality.summary(report.translations):
            self.stdout.write(line)
        for problem in report.too_hard:
            self.stderr.write(f"warning: {problem}" if not strict_grade else str(problem))
        for problem in report.warnings:
            self.stderr.write(f"warning: {problem}")
        problems = report.problems + (report.too_hard if strict_grade else [])
        if problems:
            for problem in report.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} content problem(s) in {root}")
        if report.too_hard:
            self.stdout.write(self.style.WARNING(f"{len(report.too_hard)} article(s) above the reading-grade limit (warnings)."))
        if report.warnings:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(report.warnings)} style warning(s) (plainer words, heading order, link text): advice only."
                )
            )
        self.stdout.write(self.style.SUCCESS("Content check passed."))
