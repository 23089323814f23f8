"""Dossiers (applications), the log of their transitions, correction requests and
messages. Reads are named QuerySet methods; changes go through `workflow.py` and
`dossiers.py` (services), which lock the row and write the audit log."""

import json

from django.conf import settings
from django.db import models
from django.db.models import Q, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from parvis.cases.enums import SILENCE_RUNS_IN, DossierState, Role
from parvis.cases.models.procedures import InstructorGroup, Procedure, ProcedureRevision


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An applicant sees their own dossiers; an agent the filed dossiers routed to
        one of their groups; an expert the dossiers their opinion is asked on; anybody
        else nothing."""
        if user is None or not user.is_authenticated:
            return self.none()
        own = Q(applicant=user)
        instructed = Q(group__in=InstructorGroup.objects.filter(members=user)) & ~Q(
            state=DossierState.BROUILLON
        )
        consulted = Q(pk__in=ExpertOpinion.objects.filter(expert=user).values("dossier"))
        return self.filter(own | instructed | consulted)

    def for_agent(self, user):
        """What the agents' back office shows `user`: the filed dossiers routed to one
        of their groups, and those their opinion is asked on. Unlike `visible_to`, never
        the user's own dossiers as an applicant (those belong to the applicant's pages)."""
        if user is None or not user.is_authenticated:
            return self.none()
        instructed = Q(group__in=InstructorGroup.objects.filter(members=user)) & ~Q(
            state=DossierState.BROUILLON
        )
        consulted = Q(pk__in=ExpertOpinion.objects.filter(expert=user).values("dossier"))
        return self.filter(instructed | consulted)

    def search(self, text: str):
        """Dossiers whose applicant's e-mail or answers contain `text`
        (case-insensitive), or whose number it is; « n° 123 » looks for the number only.

        Answers are searched in their JSON text (`answers::text` on PostgreSQL). SQLite
        keeps non-ASCII letters of JSON escaped (\\u00e9) and its LIKE ignores the case
        of ASCII letters only, so the text is also looked for in its escaped forms, in
        lower case, upper case, and capitalised: « éléonore » finds « Éléonore ».
        Accents are not folded (« eleonore » does not find it)."""
        text = " ".join(text.split())
        if not text:
            return self
        number = text.lower().removeprefix("n°").removeprefix("#").strip()
        if number != text.lower() and number.isdigit():
            return self.filter(pk=int(number)) if len(number) < 19 else self.none()
        condition = Q(applicant__email__icontains=text)
        forms = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
        for form in forms | {json.dumps(form)[1:-1] for form in forms}:
            condition |= Q(answers_text__icontains=form)
        if text.isdigit() and len(text) < 19:
            condition |= Q(pk=int(text))
        return self.alias(answers_text=Cast("answers", TextField())).filter(condition)

    def with_answer(self, field_id: str, text: str):
        """Dossiers whose answer to `field_id` contains `text` (case-insensitive; a
        yes/no answer matches "oui"/"non")."""
        text = text.strip()
        lowered = text.lower()
        if lowered in {"oui", "non"}:
            return self.filter(**{f"answers__{field_id}": lowered == "oui"})
        return self.alias(answer=KT(f"answers__{field_id}")).filter(answer__icontains=text)

    def assigned_to(self, user):
        return self.filter(assignee=user)

    def in_state(self, *states):
        return self.filter(state__in=states)

    def filed_between(self, start, end):
        """Filed at or after `start` and before `end` (either may be None)."""
        queryset = self.filter(filed_at__isnull=False)
        if start is not None:
            queryset = queryset.filter(filed_at__gte=start)
        if end is not None:
            queryset = queryset.filter(filed_at__lt=end)
        return queryset

    def of_procedure(self, procedure):
        return self.filter(procedure=procedure)

    def in_group(self, group):
        return self.filter(group=group)

    def implied_decision_due(self, now):
        """Dossiers whose administration's silence has run its full delay at `now`."""
        return self.filter(state__in=SILENCE_RUNS_IN, implied_decision_due_at__lte=now)


class Dossier(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    revision = models.ForeignKey(
        ProcedureRevision,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text="La version du formulaire sur laquelle le dossier est rempli",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name="demandeur",
    )
    state = models.CharField(
        "état",
        max_length=20,
        choices=DossierState.choices,
        default=DossierState.BROUILLON,
    )
    answers = models.JSONField(
        "réponses",
        default=dict,
        help_text="Par identifiant de champ ; normalisées une fois le dossier déposé",
    )
    group = models.ForeignKey(
        InstructorGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name="groupe instructeur",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    filed_at = models.DateTimeField("déposé le", null=True, blank=True)
    instruction_started_at = models.DateTimeField("instruction commencée le", null=True, blank=True)
    closed_at = models.DateTimeField("décidé ou retiré le", null=True, blank=True)
    implied_decision_due_at = models.DateTimeField(
        "date de la décision implicite", null=True, blank=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
        verbose_name="instructeur attribué",
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "dossier"
        indexes = [
            models.Index(fields=["procedure", "state"]),
            models.Index(fields=["group", "state", "filed_at"]),
            models.Index(fields=["applicant", "state"]),
            models.Index(fields=["state", "implied_decision_due_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="dossier_state_known", condition=Q(state__in=DossierState.values)
            ),
            models.CheckConstraint(
                name="filed_dossier_has_filing_date",
                condition=Q(state=DossierState.BROUILLON) | Q(filed_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Dossier n° {self.pk} – {self.procedure}"


class DossierTransition(models.Model):
    """One change of state, shown to the applicant and the agents (history)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, choices=DossierState.choices)
    to_state = models.CharField(max_length=20, choices=DossierState.choices)
    role = models.CharField(max_length=20, choices=Role.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Vide pour une décision implicite (le système)",
    )
    reason = models.TextField("motif", blank=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = "changement d'état"
        ordering = ["dossier", "at", "pk"]

    def __str__(self):
        return f"{self.dossier_id}: {self.from_state} → {self.to_state}"


class CorrectionRequest(models.Model):
    """An agent asks the applicant to correct the dossier. While it is open the
    administration's silence does not run; `remaining_delay` keeps what was left."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="corrections")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField("motif")
    incomplete = models.BooleanField(
        "dossier incomplet",
        default=False,
        help_text=(
            "Pièces manquantes : le délai de décision implicite repart de zéro à leur réception"
        ),
    )
    requested_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    remaining_delay = models.DurationField(null=True, blank=True)

    class Meta:
        verbose_name = "demande de correction"
        ordering = ["dossier", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_correction_per_dossier",
            )
        ]

    def __str__(self):
        return f"Correction du dossier {self.dossier_id}"


class Message(models.Model):
    """A message between the applicant and the agents, on one dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    body = models.TextField("message")
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "message"
        ordering = ["dossier", "sent_at", "pk"]

    def __str__(self):
        return f"Message du dossier {self.dossier_id}"


class PrivateAnnotation(models.Model):
    """A note agents keep on a dossier; never shown to the applicant."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField("annotation")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "annotation privée"
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self):
        return f"Annotation du dossier {self.dossier_id}"


class ExpertOpinion(models.Model):
    """An opinion (avis) an instructor asks of another person on one dossier. The
    expert sees that dossier (read only) and answers once."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="opinions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expert_opinions"
    )
    question = models.TextField()
    answer = models.TextField("avis", blank=True)
    requested_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "avis d'expert"
        verbose_name_plural = "avis d'experts"
        ordering = ["dossier", "requested_at", "pk"]

    def __str__(self):
        return f"Avis sur le dossier {self.dossier_id}"
