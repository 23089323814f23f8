"""Files attached to a dossier (answers to file fields, message attachments).

The bytes live in the "dossier_files" storage (a private folder by default), under
an unguessable key; this row says what they are (sniffed from the bytes, never from
the name), whose dossier they belong to and what the antivirus said. A file is
served only through `parvis.cases.files.readable_file`."""

from django.conf import settings
from django.db import models

from parvis.cases.models.dossiers import Dossier, Message


class ScanStatus(models.TextChoices):
    NOT_SCANNED = "non_analyse", "Non analysé (antivirus non configuré)"
    PENDING = "en_attente", "Analyse antivirus en attente"
    CLEAN = "sain", "Sain"
    INFECTED = "infecte", "Infecté"


# What may be served: a file the antivirus passed, or any file when none is configured.
SERVABLE = frozenset({ScanStatus.NOT_SCANNED, ScanStatus.CLEAN})


class StoredFileQuerySet(models.QuerySet):
    def servable(self):
        return self.filter(scan_status__in=SERVABLE)

    def pending_scan(self):
        return self.filter(scan_status=ScanStatus.PENDING)


class StoredFile(models.Model):
    key = models.CharField(max_length=100, unique=True)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("nom du fichier", max_length=255)
    size = models.PositiveBigIntegerField("taille (octets)")
    content_type = models.CharField("type (lu dans le contenu)", max_length=120)
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        "antivirus", max_length=20, choices=ScanStatus.choices, default=ScanStatus.NOT_SCANNED
    )
    scan_detail = models.CharField(max_length=255, blank=True)
    uploaded_at = models.DateTimeField()

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        verbose_name = "fichier d'un dossier"
        verbose_name_plural = "fichiers des dossiers"
        indexes = [models.Index(fields=["scan_status"])]

    def __str__(self):
        return self.name

    @property
    def servable(self) -> bool:
        return self.scan_status in SERVABLE

    def description(self) -> dict:
        """The answer a file field stores (see fields/files.py)."""
        return {
            "name": self.name,
            "size": self.size,
            "content_type": self.content_type,
            "sha256": self.sha256,
            "key": self.key,
        }
