"""`python -m parvis decide_due_dossiers`: issue the implied decisions that are due
(run it regularly, e.g. every hour from cron or Celery beat)."""

from django.core.management.base import BaseCommand

from parvis.cases.implied_decisions import decide_due_dossiers


class Command(BaseCommand):
    help = "Issue the implied decisions (silence vaut accord / rejet) whose delay has run out."

    def handle(self, *args, **options):
        decided = decide_due_dossiers()
        self.stdout.write(f"Décisions implicites rendues : {len(decided)}")
