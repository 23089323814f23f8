"""Delete visitors' events older than the retention period (FEEDBACK_RETENTION_DAYS)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from parvis.feedback.models import Click, Impression, Vote


class Command(BaseCommand):
    help = "Supprime les retours des visiteurs plus anciens que la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Durée de conservation en jours (par défaut FEEDBACK_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = days if days is not None else settings.FEEDBACK_RETENTION_DAYS
        if days < 1:
            self.stderr.write("La durée de conservation doit être d’au moins un jour.")
            raise SystemExit(2)
        before = timezone.now() - timedelta(days=days)
        for model in (Impression, Click, Vote):
            deleted, _ = model.objects.filter(created__lt=before).delete()
            self.stdout.write(f"{model._meta.verbose_name_plural} supprimés : {deleted}")
