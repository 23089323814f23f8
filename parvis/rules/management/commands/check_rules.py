"""python -m parvis check_rules: every calculator definition cites articles in force."""

from django.core.management.base import BaseCommand, CommandError

from parvis.rules.checks import check_references
from parvis.rules.definitions import all_rules


class Command(BaseCommand):
    help = "Vérifie que chaque règle des calculateurs cite des articles détenus et en vigueur."

    def handle(self, *args, **options):
        rules = list(all_rules())
        problems = check_references(rules)
        for problem in problems:
            self.stdout.write(str(problem))
        cited = sum(len(rule.references) for rule in rules)
        summary = f"{len(rules)} règles, {cited} références, {len(problems)} problème(s)"
        if problems:
            raise CommandError(summary)
        self.stdout.write(summary)
