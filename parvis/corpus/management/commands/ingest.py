"""`manage.py ingest [--source legi ...]`: load the official data packages."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from parvis.corpus.loaders import LOADERS_BY_SOURCE
from parvis.corpus.pipeline import citation_resolution, corpus_counts, ingest_all


class Command(BaseCommand):
    help = "Ingest the official corpus from the pinned data packages (idempotent, incremental)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            action="append",
            choices=sorted(LOADERS_BY_SOURCE),
            help="only this source (repeatable); all by default",
        )
        parser.add_argument(
            "--packages",
            default=str(settings.DATA_PACKAGES_DIR),
            help="folder holding the @socialgouv data packages",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        results = ingest_all(
            options["packages"], options["source"], progress=not options["no_progress"]
        )
        self.stdout.write("")
        self.stdout.write(
            f"{'source':<14}{'créés':>8}{'modifiés':>10}{'inchangés':>11}{'supprimés':>11}"
        )
        for r in results:
            status = "" if r.ok else f"  ÉCHEC : {r.error}"
            self.stdout.write(
                f"{r.source:<14}{r.created:>8}{r.updated:>10}{r.unchanged:>11}{r.deleted:>11}{status}"
            )
        self.stdout.write("\nCorpus :")
        for label, count in corpus_counts().items():
            self.stdout.write(f"  {label:<45}{count:>9,}".replace(",", " "))
        citations = citation_resolution()
        if citations["references"]:
            self.stdout.write(
                f"  Références au Code du travail des fiches service-public : "
                f"{citations['resolved']}/{citations['references']} mènent à nos articles "
                f"({citations['share']:.1%}) ; {citations['complete_share']:.1%} n'en citent "
                f"aucun abrogé"
            )
        self.stdout.write(f"\nDurée : {time.monotonic() - started:.1f} s")
        failed = [r for r in results if not r.ok]
        if failed:
            raise CommandError("; ".join(f"{r.source}: {r.error}" for r in failed))
