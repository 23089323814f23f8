"""`python -m parvis stale_documents`: the fiches whose last change is older than
the configured age (settings.STALE_AFTER_MONTHS), by source, with their counts:
the ones whose pages tell readers to check the official page."""

from django.core.management.base import BaseCommand, CommandError

from parvis.corpus.currency import stale_after_months, stale_cutoff
from parvis.corpus.enums import Source
from parvis.corpus.models import Document


class Command(BaseCommand):
    help = "List the stale fiches (last changed longer ago than the configured age), by source."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, help="age in months (default: PARVIS_STALE_AFTER_MONTHS, 12)"
        )
        parser.add_argument("--summary", action="store_true", help="counts only, no list")

    def handle(self, *args, **options):
        months = options["months"]
        if months is not None and months < 1:
            raise CommandError("--months doit être un nombre de mois supérieur ou égal à 1")
        months = stale_after_months(months)
        cutoff = stale_cutoff(months=months)
        stale = Document.objects.stale(months=months).order_by("source", "modified", "key")
        rows = list(stale.values_list("source", "key", "modified", "title"))
        self.stdout.write(
            f"Fiches modifiées pour la dernière fois il y a plus de {months} mois "
            f"(avant le {cutoff.isoformat()}) : {len(rows)}"
        )
        labels = dict(Source.choices)
        for source in Source.values:
            found = [row for row in rows if row[0] == source]
            if not found:
                continue
            self.stdout.write(f"{labels[source]} ({source}) : {len(found)}")
            if options["summary"]:
                continue
            for _source, key, modified, title in found:
                self.stdout.write(f"  {modified.isoformat()}  {key}  {title}")
