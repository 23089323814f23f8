"""Instructor groups and routing rules of a procedure, for its administrators
(/instruction/demarches/…): thin views over parvis.cases.groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from parvis.cases import groups as group_services
from parvis.cases.exceptions import CaseError
from parvis.cases.models import InstructorGroup, Procedure, RoutingRule
from parvis.www.backoffice.auth import agent_required
from parvis.www.backoffice.forms import GroupForm, MemberForm, RuleForm


def admin_required(view):
    @agent_required
    def wrapped(request, *args, **kwargs):
        if not group_services.can_manage(request.user):
            raise PermissionDenied("Réservé aux administrateurs des démarches.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@require_GET
@admin_required
def procedures(request):
    return render(
        request,
        "backoffice/procedures.html",
        {
            "title": "Groupes instructeurs des démarches",
            "procedures": Procedure.objects.order_by("title"),
        },
    )


@require_GET
@admin_required
def procedure_groups(request, pk):
    procedure = get_object_or_404(Procedure, pk=pk)
    groups = list(procedure.groups.prefetch_related("members").order_by("-is_default", "label"))
    for group in groups:  # one form per group, with its own field ids
        group.member_form = MemberForm(auto_id=f"group-{group.pk}-%s")
    fields = group_services.routable_fields(procedure)
    rules = list(procedure.routing_rules.select_related("group"))
    for rule in rules:
        rule.field_label = dict(fields).get(rule.field_id, rule.field_id)
    return render(
        request,
        "backoffice/procedure_groups.html",
        {
            "title": f"Groupes instructeurs – {procedure.title}",
            "procedure": procedure,
            "groups": groups,
            "rules": rules,
            "group_form": GroupForm(),
            "rule_form": RuleForm(fields=fields, groups=groups),
        },
    )


def _done(request, procedure, action, success):
    try:
        action()
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("backoffice:procedure_groups", pk=procedure.pk)


def _invalid(request, procedure, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("backoffice:procedure_groups", pk=procedure.pk)


@require_POST
@admin_required
def create_group(request, pk):
    procedure = get_object_or_404(Procedure, pk=pk)
    form = GroupForm(request.POST)
    if not form.is_valid():
        return _invalid(request, procedure, form)
    label = form.cleaned_data["label"]
    return _done(
        request,
        procedure,
        lambda: group_services.create_group(procedure, label, by=request.user),
        f"Groupe « {label} » créé.",
    )


@require_POST
@admin_required
def add_member(request, pk, group_pk):
    group = get_object_or_404(InstructorGroup, pk=group_pk, procedure_id=pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _invalid(request, group.procedure, form)

    def add():
        agent = group_services.find_user(form.cleaned_data["email"])
        group_services.add_member(group, agent, by=request.user)

    return _done(request, group.procedure, add, f"Agent ajouté au groupe « {group.label} ».")


@require_POST
@admin_required
def remove_member(request, pk, group_pk, user_pk):
    group = get_object_or_404(InstructorGroup, pk=group_pk, procedure_id=pk)
    agent = get_object_or_404(group.members, pk=user_pk)
    return _done(
        request,
        group.procedure,
        lambda: group_services.remove_member(group, agent, by=request.user),
        f"Agent retiré du groupe « {group.label} ».",
    )


@require_POST
@admin_required
def add_rule(request, pk):
    procedure = get_object_or_404(Procedure, pk=pk)
    groups = list(procedure.groups.all())
    form = RuleForm(request.POST, fields=group_services.routable_fields(procedure), groups=groups)
    if not form.is_valid():
        return _invalid(request, procedure, form)
    group = next(g for g in groups if g.pk == form.cleaned_data["group"])
    return _done(
        request,
        procedure,
        lambda: group_services.add_rule(
            procedure,
            form.cleaned_data["field_id"],
            form.cleaned_data["value"],
            group,
            by=request.user,
        ),
        "Règle de routage ajoutée.",
    )


@require_POST
@admin_required
def delete_rule(request, pk, rule_pk):
    rule = get_object_or_404(RoutingRule, pk=rule_pk, procedure_id=pk)
    return _done(
        request,
        rule.procedure,
        lambda: group_services.delete_rule(rule, by=request.user),
        "Règle de routage supprimée.",
    )
