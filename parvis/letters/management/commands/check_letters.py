"""python -m parvis check_letters: every letter template cites articles in force."""

from django.core.management.base import BaseCommand, CommandError

from parvis.letters.checks import check_letters
from parvis.letters.definitions import letters


class Command(BaseCommand):
    help = "Vérifie que chaque modèle de courrier cite des articles détenus et en vigueur."

    def handle(self, *args, **options):
        problems = check_letters()
        for problem in problems:
            self.stdout.write(str(problem))
        cited = sum(len(letter.references) for letter in letters().values())
        summary = f"{len(letters())} modèles, {cited} références, {len(problems)} problème(s)"
        if problems:
            raise CommandError(summary)
        self.stdout.write(summary)
