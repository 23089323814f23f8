"""`manage.py search "…"`: print the ranked results of a query."""

from django.core.management.base import BaseCommand, CommandError

from parvis.search.management import open_engine
from parvis.search.service import QueryError


class Command(BaseCommand):
    help = "Rechercher dans le corpus depuis la ligne de commande."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--type", default=None)
        parser.add_argument("--limit", type=int, default=10)

    def handle(self, *args, **options):
        engine = open_engine()
        try:
            response = engine.search(options["query"], options["type"], options["limit"])
        except QueryError as error:
            raise CommandError(str(error)) from None
        if response.suggestion:
            self.stdout.write(f"Vouliez-vous dire : {response.suggestion} ?")
        self.stdout.write(f"{response.total} documents")
        for rank, result in enumerate(response.results, 1):
            self.stdout.write(f"{rank:>3}. {result.score:8.3f}  {result.key}  {result.title}")
