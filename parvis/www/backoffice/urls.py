"""/instruction/: the agents' back office (every view behind `agent_required`)."""

from django.urls import path, re_path

from parvis.www.backoffice import auth, groups, views

app_name = "backoffice"

urlpatterns = [
    path("connexion/", auth.login, name="login"),
    path("deconnexion/", auth.logout, name="logout"),
    path("verification/", auth.verify, name="verify"),
    path("double-authentification/", auth.enrol, name="enrol"),
    path("", views.dossier_list, name="dossiers"),
    re_path(r"^export\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("actions-groupees/", views.bulk_action, name="bulk"),
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/attribuer/", views.assign, name="assign"),
    path("dossiers/<int:pk>/transitions/<slug:name>/", views.transition, name="transition"),
    path("dossiers/<int:pk>/messages/", views.send_message, name="message"),
    path("dossiers/<int:pk>/annotations/", views.annotate, name="annotate"),
    path("dossiers/<int:pk>/avis/", views.request_opinion, name="request_opinion"),
    path(
        "dossiers/<int:pk>/avis/<int:opinion_pk>/reponse/",
        views.give_opinion,
        name="give_opinion",
    ),
    path("demarches/", groups.procedures, name="procedures"),
    path("demarches/<int:pk>/groupes/", groups.procedure_groups, name="procedure_groups"),
    path("demarches/<int:pk>/groupes/nouveau/", groups.create_group, name="create_group"),
    path(
        "demarches/<int:pk>/groupes/<int:group_pk>/agents/",
        groups.add_member,
        name="add_member",
    ),
    path(
        "demarches/<int:pk>/groupes/<int:group_pk>/agents/<int:user_pk>/retrait/",
        groups.remove_member,
        name="remove_member",
    ),
    path("demarches/<int:pk>/regles/", groups.add_rule, name="add_rule"),
    path(
        "demarches/<int:pk>/regles/<int:rule_pk>/suppression/",
        groups.delete_rule,
        name="delete_rule",
    ),
    re_path(
        r"^dossiers/(?P<pk>\d+)/fichiers/(?P<path>[a-z0-9_.]{1,200})$",
        views.dossier_file,
        name="file",
    ),
]
