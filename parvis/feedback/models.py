"""Anonymous usage events. A visit is a random id that rotates (never an
account, an address or a lasting cookie); queries are scrubbed before they are
stored. Events are written in the background, so rows carry their own ids
(made when the event happens) rather than database sequences, and clicks point
at their impression by id without a foreign-key constraint: the two may reach
the database in either order."""

from __future__ import annotations

from django.db import models

VISIT_ID_LENGTH = 32
MAX_QUERY_LENGTH = 500  # as the search engine's own bound


class Impression(models.Model):
    """One page of search results as a visitor saw it."""

    id = models.UUIDField(primary_key=True)
    visit = models.CharField(max_length=VISIT_ID_LENGTH, db_index=True)
    query = models.CharField(max_length=MAX_QUERY_LENGTH, help_text="Scrubbed of personal data")
    kind = models.CharField(max_length=40, blank=True, help_text="The type filter, if any")
    offset = models.PositiveIntegerField(default=0, help_text="Rank of the page's first result")
    results = models.JSONField(default=list, help_text="Document keys shown, best first")
    previous = models.UUIDField(
        null=True, blank=True, help_text="The visit's previous search: a reformulation"
    )
    created = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "affichage de résultats"
        verbose_name_plural = "affichages de résultats"

    def __str__(self):
        return f"« {self.query} » ({self.offset + 1}–{self.offset + len(self.results)})"


class Click(models.Model):
    """A result opened from an impression; dwell time when the page reported it."""

    id = models.UUIDField(primary_key=True)
    impression = models.UUIDField(db_index=True)
    visit = models.CharField(max_length=VISIT_ID_LENGTH, db_index=True)
    position = models.PositiveIntegerField(help_text="Rank on the results list, from 0")
    dwell_ms = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "clic"

    def __str__(self):
        return f"clic en position {self.position + 1}"


class Vote(models.Model):
    """The answer to "Cette page vous a-t-elle aidé ?" on a document page."""

    class Reason(models.TextChoices):
        NOT_FOUND = "introuvable", "Je n’ai pas trouvé la réponse à ma question"
        UNCLEAR = "pas-clair", "L’information n’est pas claire"
        OUTDATED = "perime", "L’information semble fausse ou périmée"
        NOT_MY_CASE = "autre-situation", "Elle ne correspond pas à ma situation"
        OTHER = "autre", "Autre raison"

    id = models.UUIDField(primary_key=True)
    visit = models.CharField(max_length=VISIT_ID_LENGTH, db_index=True)
    key = models.CharField(max_length=120, db_index=True, help_text="The document's key")
    helpful = models.BooleanField()
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    created = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "avis"
        verbose_name_plural = "avis"

    def __str__(self):
        return f"{self.key} : {'oui' if self.helpful else 'non'}"
