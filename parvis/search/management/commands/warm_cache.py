"""`manage.py warm_cache --queries FILE`: answer popular queries ahead of users.

After a new index build the response cache (keyed by build) is empty; priming
it with the queries users type most (one per line, or JSON lines with an
"entity" field, like a suggestions export) keeps their first answers fast."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from parvis.search.management import open_engine
from parvis.search.service import QueryError


def read_queries(path: Path) -> list[str]:
    """Queries from plain lines or JSON lines ({"entity": "…"}), in file order."""
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                line = str(json.loads(line).get("entity", ""))
            except json.JSONDecodeError:
                continue
        if line:
            queries.append(line)
    return queries


class Command(BaseCommand):
    help = "Préremplir le cache des réponses avec des recherches fréquentes."

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, type=Path)
        parser.add_argument("--limit", type=int, default=10, help="results per answer cached")

    def handle(self, *args, **options):
        engine = open_engine()
        try:
            queries = read_queries(options["queries"])
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Fichier illisible : {error}") from None
        refused = 0
        for query in tqdm(queries, desc="Réponses mises en cache", unit=" requêtes"):
            try:
                engine.search(query, limit=options["limit"])
            except QueryError:
                refused += 1
        self.stdout.write(
            f"{len(queries) - refused} réponses en cache, {refused} requêtes refusées"
        )
