"""`manage.py train_ranker --queries FILE.jsonl`: cross-validate and train the ranker.

Prints cross-validated scores (by topic) beside the unlearned baselines, the
second stage and feature ablations, then trains both stages on every topic and
writes the model files the server loads (parvis/search/models/)."""

from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from parvis.search import ranker, training
from parvis.search.evaluation import format_table, load_queries
from parvis.search.features import FEATURE_NAMES
from parvis.search.management import open_engine

ABLATIONS = {
    "sans dense": {"dense_sim", "dense_rank", "rrf"},
    "sans BM25 par champ": {"bm25_title", "bm25_breadcrumb", "bm25_text", "bm25_prefix"},
    "sans couverture titre/fil": {"title_coverage", "breadcrumb_coverage"},
    "sans type de document": {"kind"},
    "sans longueur/date": {"log_words", "year"},
    "sans citations": {"cited_score", "cited_count", "in_degree"},
    "sans liens entre fiches": {"fiche_links"},
    "sans ressemblance des titres": {"title_match"},
    "sans thème et public des fiches, partie du code": {
        "fiche_theme",
        "fiche_audience",
        "article_letter",
    },
}


class Command(BaseCommand):
    help = "Entraîner le classement appris (LightGBM LambdaRank), validé par thème."

    def add_arguments(self, parser):
        parser.add_argument("--queries", required=True, type=Path)
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--output", type=Path, default=ranker.MODELS)
        parser.add_argument("--no-ablation", action="store_true")

    def handle(self, *args, **options):
        engine = open_engine()
        queries = load_queries(options["queries"])
        with tqdm(total=len(queries), desc="Candidats et variables", unit=" requêtes") as bar:
            items = training.collect(engine, queries, bar.update)
        first_stage, both_stages = training.cross_validate_two_stages(
            items, engine.catalog.graph, options["folds"]
        )
        rows = {
            "BM25 (lexical seul)": training.baseline(items, "lex_rank", higher_is_better=False),
            "dense seul": training.baseline(items, "dense_rank", higher_is_better=False),
            "fusion RRF lexical+dense": training.baseline(items, "rrf"),
            f"LambdaRank (CV {options['folds']} plis)": first_stage,
            "LambdaRank + 2e passe (voisins)": both_stages,
        }
        if not options["no_ablation"]:
            for label, dropped in ABLATIONS.items():
                columns = [i for i, n in enumerate(FEATURE_NAMES) if n not in dropped]
                rows[f"LambdaRank {label}"] = training.cross_validate(
                    items, options["folds"], columns
                )
        self.stdout.write(format_table(rows))
        first, second = training.train_final(items, engine.catalog.graph)
        folder = options["output"]
        folder.mkdir(parents=True, exist_ok=True)
        first.save_model(str(folder / ranker.MODEL_FILE.name))
        second.save_model(str(folder / ranker.RERANKER_FILE.name))
        self.stdout.write(f"Modèles écrits dans {folder}")
