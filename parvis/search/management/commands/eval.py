"""`manage.py eval --queries FILE.jsonl --run OUT.trec`: score the search engine."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from parvis.search.evaluation import format_table, load_queries, score, search_run, write_trec
from parvis.search.management import open_engine


class Command(BaseCommand):
    help = "Évaluer la recherche sur un jeu de requêtes (format ../shared/eval)."

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, type=Path)
        parser.add_argument("--run", type=Path, help="write the run in TREC format here")
        parser.add_argument("--depth", type=int, default=100)
        parser.add_argument(
            "--no-ranker",
            action="store_true",
            help="rank by reciprocal-rank fusion instead of the learned ranker",
        )

    def handle(self, *args, **options):
        engine = open_engine()
        try:
            queries = load_queries(options["queries"])
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        run = search_run(engine, queries, options["depth"], use_ranker=not options["no_ranker"])
        if options["run"]:
            write_trec(options["run"], run, "parvis")
        metrics = score(queries, run)
        self.stdout.write(format_table({"parvis": metrics}))
