from django.core.management.base import BaseCommand

from articles import review


class Command(BaseCommand):
    help = "List articles whose clinical review is overdue, due soon, or missing. Exit code 1 if any is overdue."

    def handle(self, **options):
        queue = review.queue()
        sections = [
            ("Review overdue", queue.overdue, lambda a: f"due {a.review_due:%Y-%m-%d}"),
            ("Review due within 60 days", queue.due_soon, lambda a: f"due {a.review_due:%Y-%m-%d}"),
            ("Never reviewed", queue.never, lambda a: "no review recorded"),
        ]
        for title, articles, detail in sections:
            self.stdout.write(f"{title}: {len(articles)}")
            for article in articles:
                self.stdout.write(f"  {article.slug}: {detail(article)}")
        if queue.overdue:
            self.stderr.write(f"{len(queue.overdue)} article(s) overdue for clinical review")
            raise SystemExit(1)
