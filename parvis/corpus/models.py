"""The official corpus: documents (one per official text) and their passages.

A document's `key` is `<source>:<official id>` (see DESIGN.md); every other
part of Parvis (search, API, evaluation, feedback) speaks in these keys.
"""

from django.db import models

from parvis.corpus.currency import STALE_KINDS, date_line, is_stale, stale_cutoff
from parvis.corpus.enums import Kind, RelationType, Source
from parvis.corpus.text import fold
from parvis.corpus.themes import THEME_KEY_PREFIX


class DocumentQuerySet(models.QuerySet):
    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def articles_of_code(self, kind):
        return self.filter(kind=kind).order_by("position")

    def agreements(self):
        return self.filter(kind=Kind.CONVENTION_COLLECTIVE).order_by("idcc")

    def agreements_matching(self, text: str) -> list:
        """Agreements, by IDCC, whose IDCC starts with `text` (digits; "16" finds 0016
        and 1607), or whose title or short title holds its words whatever the case
        and the accents ("metallurgie" finds "Métallurgie"). The 400 agreements are
        filtered in Python: SQLite compares accents as they are."""
        agreements = list(self.agreements())
        words = fold(text).split()
        if not words:
            return agreements
        if len(words) == 1 and words[0].isdigit():
            digits = words[0]
            return [
                a
                for a in agreements
                if a.idcc.startswith(digits) or a.idcc.lstrip("0").startswith(digits)
            ]
        return [
            a
            for a in agreements
            if all(word in fold(f"{a.title} {a.data.get('short_title') or ''}") for word in words)
        ]

    def stale(self, today=None, months: int | None = None):
        """Fiches last changed before the staleness cutoff (parvis/corpus/currency.py)."""
        return self.filter(kind__in=STALE_KINDS, modified__lt=stale_cutoff(today, months))

    def in_theme(self, slug: str):
        """Documents the ingestion put in a theme (parvis/corpus/themes.py)."""
        return self.filter(
            relations__type=RelationType.IN_THEME, relations__target_key=THEME_KEY_PREFIX + slug
        )


class Document(models.Model):
    key = models.CharField(max_length=120, unique=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    kind = models.CharField(max_length=40, choices=Kind.choices, db_index=True)
    slug = models.CharField(max_length=255, db_index=True)
    number = models.TextField(
        blank=True, help_text="Article number, e.g. L1234-5 (agreement annexes have long ones)"
    )
    title = models.TextField()
    breadcrumb = models.JSONField(default=list, help_text="Section path, outermost first")
    text = models.TextField(blank=True, help_text="Plain text, for search and snippets")
    html = models.TextField(blank=True, help_text="Sanitised HTML body")
    data = models.JSONField(default=dict, help_text="Structure and references, per kind")
    official_url = models.URLField(max_length=500, blank=True)
    idcc = models.CharField(max_length=4, blank=True, db_index=True)
    parent_key = models.CharField(max_length=120, blank=True, db_index=True)
    position = models.IntegerField(default=0, help_text="Order within its code or agreement")
    modified = models.DateField(
        null=True, blank=True, help_text="Date of last change at the source"
    )
    content_hash = models.CharField(max_length=64)
    ingested_at = models.DateTimeField(auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "slug"]),
            models.Index(fields=["kind", "position"]),
        ]

    def __str__(self):
        return f"{self.key} {self.title[:60]}"

    def get_absolute_url(self) -> str:
        from parvis.corpus.links import document_url

        return document_url(self.kind, self.slug, self.idcc)

    @property
    def date_line(self) -> str:
        """The page's date, worded for its kind ("Vérifié le 12 mars 2020")."""
        return date_line(self.kind, self.modified)

    @property
    def is_stale(self) -> bool:
        return is_stale(self.kind, self.modified)


class Passage(models.Model):
    """The retrievable unit: an article, a fiche section, case or situation, an answer."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    anchor = models.TextField(blank=True, help_text="Section id within the document")
    idcc = models.CharField(
        max_length=4, blank=True, help_text="Set when the passage answers for one agreement only"
    )
    position = models.IntegerField(default=0)
    title = models.TextField(blank=True)
    breadcrumb = models.TextField(blank=True, help_text="Document title and section titles")
    text = models.TextField()

    class Meta:
        ordering = ["document_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="passage_position_unique")
        ]

    def __str__(self):
        return f"{self.document.key}#{self.anchor}"


class IngestionRun(models.Model):
    """One load of one source: what package version, what changed."""

    source = models.CharField(max_length=20, choices=Source.choices)
    package_version = models.CharField(max_length=40, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)
    ok = models.BooleanField(default=False)
    created = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    deleted = models.IntegerField(default=0)
    error = models.TextField(blank=True)

    def __str__(self):
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {'ok' if self.ok else 'échec'}"


class Relation(models.Model):
    """A typed link from a document to another document's key, recorded at ingestion.

    The target is a key, not a foreign key: it may belong to another source,
    be ingested later or not be held at all (then nothing reads it).
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="relations")
    type = models.CharField(max_length=20, choices=RelationType.choices)
    target_key = models.CharField(max_length=120, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "type", "target_key"], name="relation_unique"
            )
        ]

    def __str__(self):
        return f"{self.document_id} {self.type} {self.target_key}"


class RemovedDocument(models.Model):
    """A document its source no longer publishes, remembered by the ingestion that
    found it gone: its page answers 410 (Gone) with a pointer to the document that
    replaces it when there is one, instead of a bare 404. A key that comes back
    is forgotten here."""

    key = models.CharField(max_length=120, unique=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    slug = models.CharField(max_length=255)
    idcc = models.CharField(max_length=4, blank=True)
    number = models.TextField(blank=True)
    title = models.TextField()
    removed_at = models.DateTimeField()
    package_version = models.CharField(
        max_length=40, blank=True, help_text="Version of the package it was missing from"
    )

    class Meta:
        indexes = [models.Index(fields=["kind", "slug"]), models.Index(fields=["kind", "idcc"])]

    def __str__(self):
        return f"{self.key} (retiré le {self.removed_at:%Y-%m-%d})"

    def replacement(self) -> Document | None:
        """The held document that took its place: an article (code or agreement) of
        the same number, else a document of the same kind and the same title."""
        held = Document.objects.filter(kind=self.kind).exclude(key=self.key)
        if self.number:
            found = held.filter(number=self.number, idcc=self.idcc).order_by("id").first()
            if found:
                return found
        return held.filter(title=self.title).order_by("id").first()
