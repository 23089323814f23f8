"""`python -m parvis verify_audit_log`: check the audit log's hash chain; non-zero exit
at the first entry that was changed, deleted or inserted."""

from django.core.management.base import BaseCommand, CommandError

from parvis.cases.audit_log import verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; non-zero exit if an entry was tampered with."

    def handle(self, *args, **options):
        result = verify()
        if not result.ok:
            raise CommandError(
                f"Journal d'audit altéré à l'entrée n° {result.broken_sequence} : {result.problem} "
                f"({result.checked} entrées vérifiées avant elle)."
            )
        self.stdout.write(
            f"Journal d'audit intègre : {result.checked} entrées, "
            f"dernière empreinte {result.last_hash}."
        )
