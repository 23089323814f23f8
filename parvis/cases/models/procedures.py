"""Procedures (démarches), their revisions, instructor groups and routing rules.

A procedure has at most one draft revision (the one editors change) and any number
of published revisions, frozen: a dossier points at the revision it was filled in,
so publishing a new form never changes what an earlier applicant answered to.
"""

import re
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from parvis.cases.enums import ImpliedDecision, PublicationState
from parvis.cases.exceptions import RevisionFrozen
from parvis.cases.form import FormDefinition

SERVICE_PUBLIC_KEY = re.compile(r"vdd:[FNR]\d+")


def validate_service_public_keys(keys):
    if not isinstance(keys, list) or not all(
        isinstance(key, str) and SERVICE_PUBLIC_KEY.fullmatch(key) for key in keys
    ):
        raise ValidationError(
            "Indiquez des fiches service-public.fr par leur clé, par exemple vdd:F1234."
        )


class Procedure(models.Model):
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    service_public_keys = models.JSONField(
        "fiches service-public.fr",
        default=list,
        blank=True,
        validators=[validate_service_public_keys],
        help_text="Clés des fiches liées, par exemple vdd:F1234",
    )
    state = models.CharField(
        max_length=20, choices=PublicationState.choices, default=PublicationState.BROUILLON
    )
    implied_decision = models.CharField(
        "décision implicite",
        max_length=10,
        choices=ImpliedDecision.choices,
        default=ImpliedDecision.NONE,
    )
    implied_decision_delay_days = models.PositiveIntegerField(
        "délai de la décision implicite (jours)", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "démarche"
        constraints = [
            models.CheckConstraint(
                name="procedure_implied_decision_has_delay",
                condition=Q(implied_decision=ImpliedDecision.NONE)
                | Q(implied_decision_delay_days__isnull=False, implied_decision_delay_days__gte=1),
                violation_error_message=(
                    "Une décision implicite demande un délai d'au moins un jour."
                ),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def draft_revision(self) -> "ProcedureRevision":
        return self.revisions.get(published_at__isnull=True)

    @property
    def published_revision(self) -> "ProcedureRevision | None":
        """The revision new dossiers are filled in on: the latest published one."""
        return self.revisions.filter(published_at__isnull=False).order_by("-number").first()


class ProcedureRevision(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    definition = models.JSONField(default=list, help_text="FormDefinition, as JSON (see form.py)")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "révision de démarche"
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="revision_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(published_at__isnull=True),
                name="one_draft_revision_per_procedure",
            ),
        ]

    def __str__(self):
        status = "brouillon" if self.published_at is None else "publiée"
        return f"{self.procedure} – révision {self.number} ({status})"

    def save(self, *args, **kwargs):
        if self._published_in_database():
            raise RevisionFrozen(
                "Cette révision est publiée : elle ne peut plus être modifiée. "
                "Modifiez le brouillon de la démarche puis publiez-le."
            )
        FormDefinition.model_validate(self.definition)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._published_in_database():
            raise RevisionFrozen("Une révision publiée ne peut pas être supprimée.")
        return super().delete(*args, **kwargs)

    @cached_property
    def form(self) -> FormDefinition:
        return FormDefinition.model_validate(self.definition)

    def set_definition(self, definitions) -> None:
        """Replace the draft's fields; the whole definition is checked (pydantic)."""
        form = FormDefinition.model_validate(definitions)
        self.definition = form.model_dump(mode="json")
        self.__dict__["form"] = form

    def _published_in_database(self) -> bool:
        return (
            self.pk is not None
            and type(self).objects.filter(pk=self.pk, published_at__isnull=False).exists()
        )


class InstructorGroup(models.Model):
    """Agents who instruct a procedure's dossiers routed to them."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="groups")
    label = models.CharField("libellé", max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="instructor_groups", blank=True
    )
    is_default = models.BooleanField(
        "groupe par défaut", default=False, help_text="Reçoit les dossiers qu'aucune règle ne route"
    )

    class Meta:
        verbose_name = "groupe instructeur"
        constraints = [
            models.UniqueConstraint(fields=["procedure", "label"], name="group_label_unique"),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(is_default=True), name="one_default_group"
            ),
        ]

    def __str__(self):
        return f"{self.procedure} – {self.label}"


class RoutingRule(models.Model):
    """A dossier whose answer to `field_id` routes to `value` goes to `group`
    (a commune routes by its département: value "69" for the Rhône)."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="routing_rules")
    position = models.PositiveIntegerField(default=0)
    field_id = models.CharField(max_length=40)
    value = models.CharField(max_length=255)
    group = models.ForeignKey(InstructorGroup, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        verbose_name = "règle de routage"
        ordering = ["procedure", "position", "pk"]

    def __str__(self):
        return f"{self.field_id} = {self.value} → {self.group.label}"

    def clean(self):
        if self.group.procedure_id != self.procedure_id:
            raise ValidationError("Le groupe doit appartenir à la même démarche.")
