from django.core.management.base import BaseCommand

from parvis.cases.files import scan_pending


class Command(BaseCommand):
    help = "Analyse par l'antivirus (clamd) les fichiers restés en attente d'analyse."

    def handle(self, *args, **options):
        counts = scan_pending()
        self.stdout.write(", ".join(f"{state} : {count}" for state, count in counts.items()))
