"""The back office's forms, on django-dsfr's DsfrBaseForm; messages in French."""

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from parvis.cases.access import is_agent
from parvis.cases.bulk import ASSIGN, BULK_TRANSITIONS
from parvis.cases.enums import DossierState
from parvis.cases.workflow import TRANSITIONS


class BackOfficeForm(DsfrBaseForm):
    """DsfrBaseForm marking optional fields rather than required ones (the DSFR's
    current rule, django-dsfr's next default), without its transitional warning."""

    def get_context(self):
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class AgentLoginForm(BackOfficeForm, AuthenticationForm):
    """Django's login form, for agents only (an applicant's account is refused here)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "not_agent": "Cet espace est réservé aux agents instructeurs.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not is_agent(user):
            raise forms.ValidationError(self.error_messages["not_agent"], code="not_agent")


class TokenForm(BackOfficeForm):
    otp_token = forms.CharField(
        label="Code à usage unique",
        help_text="Les 6 chiffres affichés par votre application d'authentification",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": "Saisissez le code à 6 chiffres.",
            "min_length": "Le code compte 6 chiffres.",
            "max_length": "Le code compte 6 chiffres.",
        },
    )

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("Le code ne contient que des chiffres.")
        return token


def _day_start(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min)) if day else None


class DossierFilterForm(BackOfficeForm):
    """The list's filters, read from the query string: a value out of the choices is
    an error shown on the form, and the list is then not filtered by it."""

    q = forms.CharField(
        label="Rechercher",
        required=False,
        max_length=200,
        help_text="Numéro de dossier, e-mail du demandeur ou texte d'une réponse",
    )
    state = forms.ChoiceField(label="État", required=False)
    procedure = forms.TypedChoiceField(label="Démarche", required=False, coerce=int)
    group = forms.TypedChoiceField(label="Groupe instructeur", required=False, coerce=int)
    filed_from = forms.DateField(
        label="Déposé à partir du",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    filed_to = forms.DateField(
        label="Déposé jusqu'au (inclus)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    field = forms.ChoiceField(label="Champ du formulaire", required=False)
    value = forms.CharField(
        label="Valeur du champ",
        required=False,
        max_length=200,
        help_text="Contenue dans la réponse ; « oui » ou « non » pour une question oui/non",
    )
    mine = forms.BooleanField(label="Seulement les dossiers qui me sont attribués", required=False)

    def __init__(self, *args, groups=(), fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "Tous les états")] + [
            (state.value, state.label) for state in DossierState if state != DossierState.BROUILLON
        ]
        procedures = {group.procedure_id: group.procedure.title for group in groups}
        self.fields["procedure"].choices = [("", "Toutes les démarches")] + sorted(
            procedures.items(), key=lambda item: item[1]
        )
        self.fields["group"].choices = [("", "Tous les groupes")] + [
            (group.pk, f"{group.procedure.title} – {group.label}") for group in groups
        ]
        self.fields["field"].choices = [("", "Aucun champ")] + list(fields)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("filed_from"), cleaned.get("filed_to")
        if start and end and start > end:
            self.add_error("filed_to", "La date de fin doit suivre la date de début.")
        if cleaned.get("value") and not cleaned.get("field"):
            self.add_error("field", "Choisissez le champ dont la réponse doit contenir la valeur.")
        return cleaned

    def filter(self, dossiers, user):
        """The dossiers kept by the valid filters (an invalid one is ignored)."""
        data = self.cleaned_data if self.is_bound else {}
        data = {name: value for name, value in data.items() if name not in self.errors}
        if data.get("q"):
            dossiers = dossiers.search(data["q"])
        if data.get("state"):
            dossiers = dossiers.in_state(data["state"])
        if data.get("procedure"):
            dossiers = dossiers.filter(procedure_id=data["procedure"])
        if data.get("group"):
            dossiers = dossiers.filter(group_id=data["group"])
        start, end = data.get("filed_from"), data.get("filed_to")
        if start or end:
            dossiers = dossiers.filed_between(
                _day_start(start), _day_start(end + dt.timedelta(days=1)) if end else None
            )
        if data.get("field") and data.get("value"):
            dossiers = dossiers.with_answer(data["field"], data["value"])
        if data.get("mine"):
            dossiers = dossiers.assigned_to(user)
        return dossiers


class BulkForm(BackOfficeForm):
    action = forms.ChoiceField(
        label="Action sur les dossiers cochés",
        choices=[("", "Choisir une action"), (ASSIGN, "Me les attribuer")]
        + [(name, TRANSITIONS[name].action.capitalize()) for name in BULK_TRANSITIONS],
        error_messages={"required": "Choisissez une action."},
    )
    reason = forms.CharField(
        label="Motif",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Obligatoire pour classer sans suite",
    )
    dossiers = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={"required": "Cochez au moins un dossier."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number: the dossiers are then looked up among those the agent may see.
        self.fields["dossiers"].valid_value = lambda value: str(value).isdigit()


class TransitionForm(BackOfficeForm):
    reason = forms.CharField(
        label="Motif",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour refuser, classer sans suite ou demander une correction",
    )
    incomplete = forms.BooleanField(
        label="Dossier incomplet (pièces manquantes : le délai repart à leur réception)",
        required=False,
    )


class MessageForm(BackOfficeForm):
    body = forms.CharField(
        label="Votre message au demandeur",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnnotationForm(BackOfficeForm):
    body = forms.CharField(
        label="Annotation privée (visible des seuls agents)",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpinionRequestForm(BackOfficeForm):
    expert = forms.TypedChoiceField(label="Agent sollicité", coerce=int)
    question = forms.CharField(
        label="Question posée", max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, experts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].choices = [("", "Choisir un agent")] + [
            (user.pk, user.get_full_name() or user.email or user.get_username()) for user in experts
        ]


class OpinionAnswerForm(BackOfficeForm):
    answer = forms.CharField(
        label="Votre avis", max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )


class GroupForm(BackOfficeForm):
    label = forms.CharField(label="Libellé du nouveau groupe", max_length=255)


class MemberForm(BackOfficeForm):
    email = forms.EmailField(label="Adresse électronique de l'agent à ajouter")


class RuleForm(BackOfficeForm):
    field_id = forms.ChoiceField(label="Champ")
    value = forms.CharField(
        label="Valeur",
        max_length=255,
        help_text="Pour une commune, le numéro du département (69 pour le Rhône)",
    )
    group = forms.TypedChoiceField(label="Groupe destinataire", coerce=int)

    def __init__(self, *args, fields=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_id"].choices = [("", "Choisir un champ")] + list(fields)
        self.fields["group"].choices = [("", "Choisir un groupe")] + [
            (group.pk, group.label) for group in groups
        ]
