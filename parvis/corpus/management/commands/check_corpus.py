"""`manage.py check_corpus`: what a reader would notice in the stored corpus
(markup shown as text, sentinel dates, page URLs in stored links, links to
documents we do not hold), counted, with a few examples each."""

from django.core.management.base import BaseCommand, CommandError

from parvis.corpus import checks


class Command(BaseCommand):
    help = "Check the stored corpus for defects a reader would notice; non-zero exit if any."

    def add_arguments(self, parser):
        parser.add_argument("--examples", type=int, default=5, help="examples shown per check")

    def handle(self, *args, **options):
        total_links, dangling = checks.dangling_key_links()
        results = [
            ("Balises affichées comme du texte", checks.leaked_markup()),
            ("Dates de modification postérieures à aujourd'hui", checks.future_dates()),
            ("Liens enregistrés avec une URL de page (au lieu d'une clé)", checks.page_urls()),
            (f"Liens par clé vers un document absent (sur {total_links})", dangling),
        ]
        for label, findings in results:
            self.stdout.write(f"{label} : {len(findings)}")
            for finding in findings[: options["examples"]]:
                self.stdout.write(f"  {finding}")
        if any(findings for _, findings in results):
            raise CommandError("le corpus a des défauts (voir ci-dessus)")
