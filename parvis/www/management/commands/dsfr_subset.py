from django.core.management.base import BaseCommand

from parvis.www.dsfr_subset import UTILITY_CLASSES, write_subset


class Command(BaseCommand):
    help = "Writes the DSFR utility CSS rules our pages use to static/www/dsfr-utility.css"

    def handle(self, *args, **options):
        path = write_subset()
        size = path.stat().st_size
        self.stdout.write(f"{path}: {len(UTILITY_CLASSES)} classes, {size} bytes")
