"""The agents' back office: the dossier list (filters, search, assignment, bulk
actions, exports) and the dossier page (answers, history, messages, annotations,
opinions, transitions). Views stay thin: reads are QuerySet methods of
parvis.cases, changes its services, and a refused change is a `CaseError` whose
French message is shown as is, with nothing changed."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from parvis.cases import assignment, bulk, exports, instruction, messaging, workflow
from parvis.cases import files as case_files
from parvis.cases.access import can_read_dossier_as_agent
from parvis.cases.display import answer_rows, file_answer
from parvis.cases.enums import FINAL_STATES, Role
from parvis.cases.exceptions import CaseError
from parvis.cases.models import Dossier, ExpertOpinion, InstructorGroup
from parvis.cases.roles import roles_of
from parvis.www.backoffice import components
from parvis.www.backoffice.auth import agent_required
from parvis.www.backoffice.forms import (
    AnnotationForm,
    BulkForm,
    DossierFilterForm,
    MessageForm,
    OpinionAnswerForm,
    OpinionRequestForm,
    TransitionForm,
)

PAGE_SIZE = 25


def _groups(user):
    return list(
        InstructorGroup.objects.filter(members=user)
        .select_related("procedure")
        .order_by("procedure__title", "label")
    )


def _filtered(request):
    groups = _groups(request.user)
    form = DossierFilterForm(
        request.GET or None,
        groups=groups,
        fields=components.field_choices({group.procedure for group in groups}),
    )
    if form.is_bound:
        form.is_valid()
    dossiers = form.filter(Dossier.objects.for_agent(request.user), request.user)
    return form, dossiers


@require_GET
@agent_required
def dossier_list(request):
    form, dossiers = _filtered(request)
    page = Paginator(
        dossiers.select_related("procedure", "group", "applicant", "assignee").order_by(
            "-filed_at", "-pk"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "backoffice/dossier_list.html",
        {
            "title": "Dossiers à instruire",
            "form": form,
            "bulk_form": BulkForm(),
            "page_obj": page,
            "table": components.dossier_table(page, request.user),
            "query_string": query.urlencode(),
        },
    )


@require_GET
@agent_required
def export(request, fmt):
    _form, dossiers = _filtered(request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        response = StreamingHttpResponse(
            exports.csv_lines(dossiers), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.xlsx_bytes(dossiers),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="dossiers-{stamp}.{fmt}"'
    return response


def _back_to_list(request):
    target = request.POST.get("next", "")
    if target.startswith(reverse("backoffice:dossiers")) and "//" not in target:
        return redirect(target)
    return redirect("backoffice:dossiers")


@require_POST
@agent_required
def bulk_action(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back_to_list(request)
    dossiers = (
        Dossier.objects.for_agent(request.user)
        .filter(pk__in=form.cleaned_data["dossiers"])
        .order_by("pk")
    )
    try:
        result = bulk.apply_to_many(
            form.cleaned_data["action"],
            dossiers,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except CaseError as error:
        messages.error(request, str(error))
        return _back_to_list(request)
    if result.done:
        messages.success(
            request,
            f"{len(result.done)} dossier(s) traité(s) : "
            + ", ".join(f"n° {pk}" for pk in result.done)
            + ".",
        )
    for pk, reason in result.refused.items():
        messages.error(request, f"Dossier n° {pk} : {reason}")
    return _back_to_list(request)


def _dossier_for(request, pk):
    """The dossier if the agent may see it in the back office, else 404 (never 403:
    an agent learns nothing of other groups' dossiers)."""
    return get_object_or_404(
        Dossier.objects.for_agent(request.user).select_related(
            "procedure", "revision", "group", "applicant", "assignee"
        ),
        pk=pk,
    )


def _experts(dossier, user):
    """Agents who may be asked for an opinion: members of the procedure's groups."""
    return (
        get_user_model()
        .objects.filter(instructor_groups__procedure=dossier.procedure, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("last_name", "email")
    )


@require_GET
@agent_required
def dossier_detail(request, pk):
    dossier = _dossier_for(request, pk)
    user = request.user
    is_instructor = Role.INSTRUCTOR in roles_of(user, dossier)
    opinions = list(
        dossier.opinions.select_related("requested_by", "expert").order_by("requested_at", "pk")
    )
    for opinion in opinions:  # one answer form per opinion asked of this agent
        opinion.answer_form = OpinionAnswerForm(auto_id=f"opinion-{opinion.pk}-%s")
    transitions = workflow.available(dossier, user)
    transition_form = TransitionForm()
    if not any(t.name == "demander_correction" for t in transitions):
        del transition_form.fields["incomplete"]  # only a correction can be for missing pieces
    due = dossier.implied_decision_due_at
    context = {
        "title": f"Dossier n° {dossier.pk}",
        "dossier": dossier,
        "is_instructor": is_instructor,
        "summary": components.dossier_summary(dossier),
        "answers": answer_rows(dossier.revision, dossier.answers),
        "history": list(dossier.transitions.select_related("author").order_by("at", "pk")),
        "thread": list(dossier.messages.select_related("author").order_by("sent_at", "pk")),
        "annotations": (
            list(dossier.annotations.select_related("author").order_by("created_at", "pk"))
            if is_instructor
            else []
        ),
        "opinions": opinions,
        "my_opinions": [o for o in opinions if o.expert_id == user.pk and not o.answered_at],
        "transitions": transitions,
        "transition_form": transition_form,
        "message_form": MessageForm(),
        "annotation_form": AnnotationForm(),
        "opinion_form": OpinionRequestForm(experts=_experts(dossier, user)),
        "can_assign": is_instructor
        and dossier.state not in FINAL_STATES
        and dossier.assignee_id != user.pk,
        "countdown": components.countdown(due) if due else None,
    }
    return render(request, "backoffice/dossier_detail.html", context)


def _run(request, dossier, action, success: str):
    """Run a service call; a CaseError is shown as an error alert, nothing changed."""
    try:
        action()
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("backoffice:dossier", pk=dossier.pk)


def _invalid(request, dossier, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("backoffice:dossier", pk=dossier.pk)


@require_POST
@agent_required
def assign(request, pk):
    dossier = _dossier_for(request, pk)
    response = _run(
        request,
        dossier,
        lambda: assignment.assign(dossier, request.user),
        f"Le dossier n° {dossier.pk} vous est attribué.",
    )
    if request.POST.get("next"):
        return _back_to_list(request)
    return response


@require_POST
@agent_required
def transition(request, pk, name):
    dossier = _dossier_for(request, pk)
    if name not in workflow.TRANSITIONS:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, form)
    return _run(
        request,
        dossier,
        lambda: workflow.apply(
            name,
            dossier,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            incomplete=form.cleaned_data["incomplete"],
        ),
        f"C'est fait : {workflow.TRANSITIONS[name].action}.",
    )


@require_POST
@agent_required
def send_message(request, pk):
    dossier = _dossier_for(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, form)
    return _run(
        request,
        dossier,
        lambda: messaging.send_message(dossier, request.user, form.cleaned_data["body"]),
        "Message envoyé au demandeur.",
    )


@require_POST
@agent_required
def annotate(request, pk):
    dossier = _dossier_for(request, pk)
    form = AnnotationForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, form)
    return _run(
        request,
        dossier,
        lambda: instruction.annotate(dossier, request.user, form.cleaned_data["body"]),
        "Annotation enregistrée.",
    )


@require_POST
@agent_required
def request_opinion(request, pk):
    dossier = _dossier_for(request, pk)
    form = OpinionRequestForm(request.POST, experts=_experts(dossier, request.user))
    if not form.is_valid():
        return _invalid(request, dossier, form)
    expert = get_user_model().objects.get(pk=form.cleaned_data["expert"])
    return _run(
        request,
        dossier,
        lambda: instruction.request_opinion(
            dossier, request.user, expert, form.cleaned_data["question"]
        ),
        "Avis demandé.",
    )


@require_POST
@agent_required
def give_opinion(request, pk, opinion_pk):
    dossier = _dossier_for(request, pk)
    opinion = get_object_or_404(ExpertOpinion, pk=opinion_pk, dossier=dossier)
    form = OpinionAnswerForm(request.POST)
    if not form.is_valid():
        return _invalid(request, dossier, form)
    return _run(
        request,
        dossier,
        lambda: instruction.give_opinion(opinion, request.user, form.cleaned_data["answer"]),
        "Votre avis est enregistré.",
    )


@require_GET
@agent_required
def dossier_file(request, pk, path):
    """A file of the dossier's answers, through the one permission check of
    parvis.cases (404 for anyone else, and for a file not stored)."""
    dossier = get_object_or_404(Dossier, pk=pk)
    if not can_read_dossier_as_agent(request.user, dossier):
        raise Http404
    described = file_answer(dossier.answers, path)
    stored = case_files.readable_file(request.user, described["key"]) if described else None
    if stored is None or stored.dossier_id != dossier.pk:  # not stored, not scanned clean
        raise Http404
    response = FileResponse(
        case_files.open_file(stored),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
