from django.core.management.base import BaseCommand

from parvis.cases.demo import create_demo_procedure


class Command(BaseCommand):
    help = "Crée et publie une démarche de démonstration (sans effet si elle existe déjà)."

    def handle(self, *args, **options):
        procedure, created = create_demo_procedure()
        state = "créée et publiée" if created else "existe déjà"
        self.stdout.write(f"Démarche « {procedure.title} » {state} : /demarches/{procedure.slug}/")
