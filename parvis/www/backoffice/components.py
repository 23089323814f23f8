"""Data for django-dsfr's tags on the back-office pages (tables, summaries)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from parvis.cases.enums import DossierState

_BADGES = {
    DossierState.EN_CONSTRUCTION: "new",
    DossierState.EN_INSTRUCTION: "info",
    DossierState.CORRECTION_DEMANDEE: "warning",
    DossierState.ACCEPTE: "success",
    DossierState.REFUSE: "error",
}


def state_badge(state) -> str:
    kind = _BADGES.get(state)
    extra = f" fr-badge--{kind}" if kind else ""
    return format_html(
        '<p class="fr-badge fr-badge--sm{}">{}</p>', extra, DossierState(state).label
    )


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else "–"


def field_choices(procedures) -> list[tuple[str, str]]:
    """(field id, label) of the answer fields of the procedures' published revisions,
    for the list's field filter; a field id shared by several procedures is one choice."""
    choices = {}
    for procedure in sorted(procedures, key=lambda p: p.title):
        revision = procedure.published_revision
        if revision is None:
            continue
        for definition in revision.form.root:
            if definition.carries_value and definition.id not in choices:
                choices[definition.id] = f"{definition.label} ({procedure.title})"
    return list(choices.items())


def dossier_table(page, user) -> dict:
    """The list as `dsfr_table` data; the first cell is the bulk-action checkbox
    (tied to the bulk form by its `form` attribute)."""
    rows = []
    for dossier in page:
        url = reverse("backoffice:dossier", args=[dossier.pk])
        checkbox = format_html(
            '<div class="fr-checkbox-group fr-checkbox-group--sm">'
            '<input type="checkbox" id="select-{0}" name="dossiers" value="{0}" form="bulk">'
            '<label class="fr-label" for="select-{0}">'
            '<span class="fr-sr-only">Sélectionner le dossier n° {0}</span></label></div>',
            dossier.pk,
        )
        if dossier.assignee_id == user.pk:
            assignee = "Vous"
        elif dossier.assignee_id:
            assignee = dossier.assignee.email
        else:
            assignee = "–"
        rows.append(
            [
                checkbox,
                format_html('<a href="{}">n° {}</a>', url, dossier.pk),
                dossier.procedure.title,
                state_badge(dossier.state),
                _date(dossier.filed_at),
                dossier.group.label if dossier.group else "–",
                dossier.applicant.email,
                assignee,
            ]
        )
    return {
        "caption": f"Dossiers (page {page.number} sur {page.paginator.num_pages}, "
        f"{page.paginator.count} au total)",
        "header": [
            "Sélection",
            "Numéro",
            "Démarche",
            "État",
            "Déposé le",
            "Groupe",
            "Demandeur",
            "Attribué à",
        ],
        "content": rows,
        "extra_classes": "fr-table--sm",
    }


def dossier_summary(dossier) -> list[tuple[str, str]]:
    return [
        ("Démarche", dossier.procedure.title),
        ("État", DossierState(dossier.state).label),
        ("Déposé le", _date(dossier.filed_at)),
        ("Instruction commencée le", _date(dossier.instruction_started_at)),
        ("Décidé le", _date(dossier.closed_at)),
        ("Groupe instructeur", dossier.group.label if dossier.group else "–"),
        ("Demandeur", dossier.applicant.email),
        ("Attribué à", dossier.assignee.email if dossier.assignee else "Personne"),
    ]


def countdown(due, now=None) -> dict:
    """The implied decision's countdown: days left (or "échue") and its date."""
    now = now or timezone.now()
    days = (timezone.localdate(due) - timezone.localdate(now)).days
    if due <= now:
        text = "le délai est écoulé : la décision implicite va être rendue"
    elif days == 0:
        text = "aujourd'hui"
    else:
        text = f"dans {days} jour{'s' if days > 1 else ''}"
    return {"text": text, "date": timezone.localtime(due).strftime("%d/%m/%Y à %H:%M")}
