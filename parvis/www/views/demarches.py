"""The applicant's pages: the catalogue of procedures, starting and filling a dossier
step by step, filing it, and following it (history, messages, attestations).

Views stay thin: every rule is in parvis.cases (editing, workflow, files, filing,
attestations, summary). A dossier or a file that is not the user's answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from parvis.cases import attestations, editing, filing
from parvis.cases import files as case_files
from parvis.cases.enums import (
    EDITABLE_AFTER_FILING,
    DossierState,
    ImpliedDecision,
    PublicationState,
)
from parvis.cases.exceptions import CaseError, InvalidDossier
from parvis.cases.fields.base import FieldError
from parvis.cases.models import Dossier, Procedure
from parvis.cases.summary import summarise
from parvis.corpus.models import Document
from parvis.www.dossier_form import DossierStepForm, step_errors, step_of_field, steps_of
from parvis.www.forms import MessageForm, WithdrawForm

STATE_BADGES = {
    DossierState.BROUILLON: "new",
    DossierState.EN_CONSTRUCTION: "info",
    DossierState.EN_INSTRUCTION: "info",
    DossierState.CORRECTION_DEMANDEE: "warning",
    DossierState.ACCEPTE: "success",
    DossierState.REFUSE: "error",
    DossierState.SANS_SUITE: "",
    DossierState.RETIRE: "",
}


def state_badge(state: str) -> dict:
    status = STATE_BADGES.get(DossierState(state), "")
    return {
        "label": DossierState(state).label,
        "extra_classes": f"fr-badge--sm fr-badge--{status}" if status else "fr-badge--sm",
    }


def _published():
    return Procedure.objects.filter(state=PublicationState.PUBLIEE).order_by("title")


def catalogue(request):
    return render(
        request,
        "www/demarches/catalogue.html",
        {
            "title": "Démarches en ligne",
            "procedures": _published(),
        },
    )


def procedure(request, slug):
    procedure = get_object_or_404(_published(), slug=slug)
    fiches = Document.objects.filter(key__in=procedure.service_public_keys).only(
        "key", "kind", "slug", "title"
    )
    return render(
        request,
        "www/demarches/procedure.html",
        {
            "title": procedure.title,
            "procedure": procedure,
            "fiches": fiches,
            "implied_decision": _implied_decision_text(procedure),
        },
    )


def _implied_decision_text(procedure) -> str:
    if procedure.implied_decision == ImpliedDecision.NONE:
        return ""
    outcome = "acceptée" if procedure.implied_decision == ImpliedDecision.ACCEPTANCE else "rejetée"
    return (
        f"Sans réponse de l’administration {procedure.implied_decision_delay_days} jours après "
        f"le dépôt de votre dossier, votre demande est réputée {outcome}."
    )


@login_required
@require_POST
def start(request, slug):
    procedure = get_object_or_404(_published(), slug=slug)
    try:
        dossier = editing.start_dossier(procedure, request.user)
    except CaseError as error:
        messages.error(request, str(error))
        return redirect("www:procedure", slug=slug)
    return redirect("www:dossier_step", pk=dossier.pk, step=1)


def _own_dossier(request, pk) -> Dossier:
    """The user's own dossier, else 404 (never 403: a number tells nothing)."""
    return get_object_or_404(
        Dossier.objects.filter(applicant=request.user).select_related("procedure", "revision"),
        pk=pk,
    )


def _editable(dossier) -> bool:
    return dossier.state == DossierState.BROUILLON or dossier.state in EDITABLE_AFTER_FILING


@login_required
def dossier_step(request, pk, step):
    dossier = _own_dossier(request, pk)
    if not _editable(dossier):
        messages.info(request, "Ce dossier ne peut plus être modifié.")
        return redirect("www:dossier", pk=dossier.pk)
    form_definition = dossier.revision.form
    steps = steps_of(form_definition, dossier.procedure.title)
    if not 1 <= step <= len(steps):
        raise Http404
    current = steps[step - 1]
    all_fields = form_definition.root
    if request.method != "POST":
        form = DossierStepForm(
            definitions=current.definitions, answers=dossier.answers, all_fields=all_fields
        )
        return _render_step(request, dossier, steps, current, form)

    form = DossierStepForm(
        request.POST,
        request.FILES,
        definitions=current.definitions,
        answers=dossier.answers,
        all_fields=all_fields,
        row_counts=_row_counts(request, current),
    )
    form.is_valid()  # the Django fields only read raw text; the field types check it
    raw = form.raw_answers(dossier, request.user)
    action = request.POST.get("action", "suivant")
    raw, row_counts = _apply_row_action(action, raw, form)
    before = set(form.visible)
    try:
        if dossier.state == DossierState.BROUILLON:
            editing.save_draft(dossier, request.user, raw)
            case_files.discard_replaced(dossier)
        else:
            dossier = editing.update_filed_answers(dossier, request.user, raw)
    except InvalidDossier as error:
        form.show_errors(step_errors(error.errors, current), raw)
        return _render_step(request, dossier, steps, current, form)
    except CaseError as error:  # filed or decided meanwhile (another tab, an agent)
        messages.error(request, str(error))
        return redirect("www:dossier", pk=dossier.pk)
    dossier.refresh_from_db()
    checked = form_definition.check(dossier.answers, complete=True)
    errors = step_errors(checked.errors, current)
    fresh = DossierStepForm(
        definitions=current.definitions,
        answers=dossier.answers,
        all_fields=all_fields,
        row_counts=row_counts,
    )
    appeared = set(fresh.visible) - before
    upload_errors = {name: errs for name, errs in form.errors.items()}
    if (
        action.startswith(("ajouter:", "retirer:"))
        or appeared
        or upload_errors
        or (errors and action == "suivant")
    ):
        if appeared and not action.startswith(("ajouter:", "retirer:")):
            messages.info(request, "De nouvelles questions s’affichent selon vos réponses.")
        if action == "suivant" or upload_errors:
            fresh.attach_errors(errors if action == "suivant" else {}, raw, upload_errors)
        return _render_step(request, dossier, steps, current, fresh)
    if action == "precedent" and step > 1:
        return redirect("www:dossier_step", pk=dossier.pk, step=step - 1)
    if action == "enregistrer":
        messages.success(request, "Vos réponses sont enregistrées.")
        return redirect("www:dossier_step", pk=dossier.pk, step=step)
    if step < len(steps) and action != "precedent":
        return redirect("www:dossier_step", pk=dossier.pk, step=step + 1)
    if dossier.state == DossierState.BROUILLON:
        return redirect("www:dossier_review", pk=dossier.pk)
    messages.success(request, "Les modifications de votre dossier sont enregistrées.")
    return redirect("www:dossier", pk=dossier.pk)


def _row_counts(request, step) -> dict[str, int]:
    counts = {}
    for definition in step.definitions:
        if definition.type == "repeated_block":
            try:
                counts[definition.id] = max(
                    0,
                    min(int(request.POST.get(f"f_{definition.id}__rows", "")), definition.max_rows),
                )
            except ValueError:
                pass
    return counts


def _apply_row_action(action, raw, form):
    """ "ajouter:<bloc>" adds an empty row, "retirer:<bloc>:<n>" removes row n."""
    counts = {
        entry.definition.id: entry.row_count for entry in form.entries if entry.kind == "block"
    }
    kind, _, rest = action.partition(":")
    block_id, _, index = rest.partition(":")
    if block_id in counts and isinstance(raw.get(block_id), list):
        rows = raw[block_id]
        if kind == "ajouter":
            definition = next(e.definition for e in form.entries if e.definition.id == block_id)
            if len(rows) < definition.max_rows:
                rows.append({})
        elif kind == "retirer" and index.isdigit() and int(index) < len(rows):
            rows.pop(int(index))
        counts[block_id] = max(len(rows), 1)
    return raw, counts


def _render_step(request, dossier, steps, current, form, status=200):
    return render(
        request,
        "www/demarches/step.html",
        {
            "title": f"{current.title} – {dossier.procedure.title}",
            "dossier": dossier,
            "form": form,
            "stepper": {
                "current_step_id": current.number,
                "current_step_title": current.title,
                "next_step_title": steps[current.number].title
                if current.number < len(steps)
                else ("Récapitulatif et dépôt" if dossier.state == DossierState.BROUILLON else ""),
                "total_steps": len(steps) + (1 if dossier.state == DossierState.BROUILLON else 0),
                "heading_tag": "h2",
            },
            "step": current,
            "is_last": current.number == len(steps),
            "filed": dossier.state != DossierState.BROUILLON,
        },
        status=status,
    )


@login_required
def dossier_review(request, pk):
    dossier = _own_dossier(request, pk)
    if dossier.state != DossierState.BROUILLON:
        return redirect("www:dossier", pk=dossier.pk)
    form_definition = dossier.revision.form
    steps = steps_of(form_definition, dossier.procedure.title)
    errors = {}
    if request.method == "POST":
        try:
            filing.file_dossier(dossier, request.user)
        except InvalidDossier as error:
            errors = error.errors
        except CaseError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, "Votre dossier est déposé. Un e-mail de confirmation vous a été envoyé."
            )
            return redirect("www:dossier", pk=dossier.pk)
    else:
        errors = form_definition.check(dossier.answers, complete=True).errors
    by_id = form_definition.by_id
    error_list = [
        {
            "label": _error_label(by_id, path),
            "message": message,
            "url": reverse(
                "www:dossier_step", kwargs={"pk": dossier.pk, "step": step_of_field(steps, path)}
            ),
        }
        for path, message in errors.items()
    ]
    return render(
        request,
        "www/demarches/review.html",
        {
            "title": f"Récapitulatif – {dossier.procedure.title}",
            "dossier": dossier,
            "items": summarise(form_definition, dossier.answers),
            "errors": error_list,
            "submitted": request.method == "POST",
            "stepper": {
                "current_step_id": len(steps) + 1,
                "current_step_title": "Récapitulatif et dépôt",
                "total_steps": len(steps) + 1,
                "next_step_title": "",
                "heading_tag": "h2",
            },
            "last_step": len(steps),
        },
        status=400 if request.method == "POST" and error_list else 200,
    )


def _error_label(by_id, path: str) -> str:
    parts = path.split(".")
    definition = by_id.get(parts[0])
    label = definition.label if definition else parts[0]
    if len(parts) >= 3:
        child = by_id.get(parts[2])
        return f"{label}, ligne {int(parts[1]) + 1} : {child.label if child else parts[2]}"
    return label


@login_required
def my_dossiers(request):
    dossiers = (
        Dossier.objects.filter(applicant=request.user)
        .select_related("procedure")
        .order_by("-updated_at")
    )
    rows = [{"dossier": dossier, "badge": state_badge(dossier.state)} for dossier in dossiers]
    return render(
        request,
        "www/demarches/my_dossiers.html",
        {
            "title": "Mes dossiers",
            "rows": rows,
        },
    )


@login_required
def dossier(request, pk):
    dossier = _own_dossier(request, pk)
    return _render_dossier(request, dossier, MessageForm())


def _render_dossier(request, dossier, message_form, status=200):
    transitions = dossier.transitions.select_related("author").order_by("at", "pk")
    thread = dossier.messages.select_related("author").prefetch_related("attachments")
    corrections = dossier.corrections.order_by("requested_at")
    now = timezone.now()
    due = dossier.implied_decision_due_at
    countdown = None
    if due and dossier.state not in (DossierState.BROUILLON,) and due > now:
        countdown = (due - now).days
    open_correction = next((c for c in corrections if c.resolved_at is None), None)
    return render(
        request,
        "www/demarches/dossier.html",
        {
            "title": f"Dossier n° {dossier.pk} – {dossier.procedure.title}",
            "dossier": dossier,
            "badge": state_badge(dossier.state),
            "items": summarise(dossier.revision.form, dossier.answers),
            "transitions": transitions,
            "thread": thread,
            "corrections": corrections,
            "open_correction": open_correction,
            "countdown": countdown,
            "message_form": message_form,
            "can_edit": dossier.state in EDITABLE_AFTER_FILING,
            "can_withdraw": dossier.state == DossierState.EN_CONSTRUCTION,
            "can_resubmit": dossier.state == DossierState.CORRECTION_DEMANDEE,
            "can_write": dossier.state != DossierState.BROUILLON,
            "decided": attestations.decision_transition(dossier),
            "withdraw_form": WithdrawForm(),
        },
        status=status,
    )


@login_required
@require_POST
def send_message(request, pk):
    dossier = _own_dossier(request, pk)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.get("piece_jointe")
        try:
            case_files.send_message(
                dossier,
                request.user,
                form.cleaned_data["message"],
                case_files.Upload(upload.name, upload.size, upload) if upload else None,
            )
        except FieldError as error:
            form.add_error("piece_jointe", error.message)
        except CaseError as error:
            form.add_error("message", str(error))
        else:
            messages.success(request, "Votre message est envoyé.")
            return redirect(reverse("www:dossier", kwargs={"pk": dossier.pk}) + "#messagerie")
    return _render_dossier(request, dossier, form, status=400)


@login_required
@require_POST
def withdraw(request, pk):
    dossier = _own_dossier(request, pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        filing.withdraw(dossier, request.user, form.cleaned_data.get("motif", ""))
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Votre dossier est retiré.")
    return redirect("www:dossier", pk=dossier.pk)


@login_required
@require_POST
def resubmit(request, pk):
    dossier = _own_dossier(request, pk)
    try:
        filing.resubmit_corrected(dossier, request.user)
    except InvalidDossier as error:
        messages.error(request, f"{error} Corrigez-les avant de renvoyer le dossier.")
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Votre dossier corrigé est renvoyé à l’administration.")
    return redirect("www:dossier", pk=dossier.pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def filing_receipt(request, pk):
    dossier = _own_dossier(request, pk)
    try:
        content = attestations.filing_receipt(dossier)
    except CaseError:
        raise Http404 from None
    return _pdf(content, f"attestation-depot-dossier-{dossier.pk}.pdf")


@login_required
def decision_attestation(request, pk):
    dossier = _own_dossier(request, pk)
    try:
        content = attestations.decision(dossier)
    except CaseError:
        raise Http404 from None
    return _pdf(content, f"decision-dossier-{dossier.pk}.pdf")


@login_required
def download_file(request, key):
    stored = case_files.readable_file(request.user, key)
    if stored is None:
        raise Http404
    response = FileResponse(
        case_files.open_file(stored),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
