"""`manage.py build_index`: build the lexical and dense indexes from the database."""

from django.core.management.base import BaseCommand, CommandError

from parvis.search.build import BuildInProgress, build_indexes


class Command(BaseCommand):
    help = "Build the search indexes beside the live ones and switch atomically."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
        parser.add_argument("--no-dense", action="store_true", help="lexical index only")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        try:
            result = build_indexes(
                progress=not options["no_progress"],
                force=options["force"],
                dense=not options["no_dense"],
            )
        except BuildInProgress as error:
            raise CommandError(str(error)) from None
        if result.skipped:
            self.stdout.write(
                f"Corpus inchangé : index conservé ({result.path.name}), {result.seconds:.1f} s"
            )
            return
        self.stdout.write(
            f"Index construit dans {result.path} : {result.documents} documents, "
            f"{result.passages} passages, {result.dense} vecteurs denses, {result.seconds:.1f} s"
        )
