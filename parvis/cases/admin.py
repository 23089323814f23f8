"""Django admin: administrators can see procedures, dossiers and the audit log.
The back-office editor (DSFR forms) is a separate, later piece. Dossier states and
the audit log are read-only here: states change through the workflow only."""

from django.contrib import admin, messages

from parvis.cases import publishing
from parvis.cases.exceptions import CaseError
from parvis.cases.models import (
    AuditEntry,
    CorrectionRequest,
    Dossier,
    DossierTransition,
    ExpertOpinion,
    InstructorGroup,
    Message,
    PrivateAnnotation,
    Procedure,
    ProcedureRevision,
    RoutingRule,
)


class RevisionInline(admin.TabularInline):
    model = ProcedureRevision
    fields = ("number", "published_at", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


class GroupInline(admin.TabularInline):
    model = InstructorGroup
    extra = 0
    filter_horizontal = ("members",)


class RoutingRuleInline(admin.TabularInline):
    model = RoutingRule
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "state", "implied_decision", "published_at")
    list_filter = ("state", "implied_decision")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("state", "published_at", "created_at")
    inlines = [GroupInline, RoutingRuleInline, RevisionInline]
    actions = ["publish"]

    @admin.action(description="Publier le brouillon des démarches sélectionnées")
    def publish(self, request, queryset):
        for procedure in queryset:
            try:
                revision = publishing.publish(procedure, actor=request.user)
            except CaseError as error:
                self.message_user(request, f"{procedure} : {error}", messages.ERROR)
            else:
                self.message_user(request, f"{procedure} : révision {revision.number} publiée.")


@admin.register(ProcedureRevision)
class ProcedureRevisionAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "published_at")
    list_filter = ("procedure",)
    readonly_fields = ("procedure", "number", "definition", "published_at", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(InstructorGroup)
class InstructorGroupAdmin(admin.ModelAdmin):
    list_display = ("label", "procedure", "is_default")
    list_filter = ("procedure",)
    filter_horizontal = ("members",)


class TransitionInline(admin.TabularInline):
    model = DossierTransition
    fields = ("at", "name", "from_state", "to_state", "role", "author", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("pk", "procedure", "applicant", "state", "group", "filed_at")
    list_filter = ("state", "procedure")
    list_select_related = ("procedure", "applicant", "group")
    readonly_fields = [field.name for field in Dossier._meta.fields]
    inlines = [TransitionInline]

    def has_add_permission(self, request):
        return False


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(admin.ModelAdmin):
    list_display = ("dossier", "requested_at", "resolved_at", "incomplete")
    readonly_fields = [field.name for field in CorrectionRequest._meta.fields]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("dossier", "author", "role", "sent_at")
    readonly_fields = [field.name for field in Message._meta.fields]


@admin.register(PrivateAnnotation)
class PrivateAnnotationAdmin(admin.ModelAdmin):
    list_display = ("dossier", "author", "created_at")
    readonly_fields = [field.name for field in PrivateAnnotation._meta.fields]


@admin.register(ExpertOpinion)
class ExpertOpinionAdmin(admin.ModelAdmin):
    list_display = ("dossier", "expert", "requested_at", "answered_at")
    readonly_fields = [field.name for field in ExpertOpinion._meta.fields]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("sequence", "at", "action", "actor_id", "dossier_id")
    list_filter = ("action",)
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
