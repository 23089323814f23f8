"""Which instructor group receives a dossier at filing: the first routing rule whose
field answer matches, else the procedure's default group."""

from parvis.cases.exceptions import ProcedureNotReady
from parvis.cases.models import InstructorGroup


def route(dossier, answers: dict):
    form = dossier.revision.form
    for rule in dossier.procedure.routing_rules.select_related("group"):
        if form.routing_value(rule.field_id, answers) == rule.value:
            return rule.group
    group = InstructorGroup.objects.filter(procedure=dossier.procedure, is_default=True).first()
    if group is None:
        raise ProcedureNotReady(
            "Cette démarche n'a pas de groupe instructeur par défaut : "
            "le dossier ne peut pas être déposé pour l'instant."
        )
    return group
