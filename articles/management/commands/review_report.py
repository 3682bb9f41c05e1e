from django.core.management.base import BaseCommand

from articles import rules
from articles.editorial import review


class Command(BaseCommand):
    help = "List articles whose clinical review is overdue, due soon, or missing. Exit code 1 if any is overdue."

    def handle(self, **options):
        labels = rules.review_labels()
        overdue = 0
        for name in rules.REVIEW_BUCKETS:
            articles = list(review.bucket(name))
            overdue += len(articles) if name == "overdue" else 0
            self.stdout.write(f"{labels[name]}: {len(articles)}")
            for article in articles:
                detail = f"due {article.review_due:%Y-%m-%d}" if name != "never" else "no review recorded"
                self.stdout.write(f"  {article.slug}: {detail}")
        if overdue:
            self.stderr.write(f"{overdue} article(s) overdue for clinical review")
            raise SystemExit(1)
