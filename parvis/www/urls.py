from django.urls import path, re_path

from parvis.corpus.enums import Kind
from parvis.corpus.links import SLUG_PATTERN
from parvis.www.views import (
    agreements,
    browse,
    demarches,
    documents,
    feedback,
    home,
    letters,
    outils,
    pages,
    search,
    service_public,
)

app_name = "www"
SLUG = rf"(?P<slug>{SLUG_PATTERN})"
PLAN_PATH = r"[a-z0-9-]{1,80}(?:/[a-z0-9-]{1,80}){0,15}"

urlpatterns = [
    path("", home.home, name="home"),
    path("recherche", search.search, name="search"),
    path("clic/<uuid:impression>/<int:position>/", feedback.click, name="click"),
    path("clic/lecture", feedback.reading_time, name="reading_time"),
    path("avis", feedback.vote, name="vote"),
    path("outils/", outils.calculator_list, name="outils"),
    path("outils/<slug:slug>/", outils.calculator_step, name="outil"),
    path("outils/<slug:slug>/resultat", outils.calculator_result, name="outil_resultat"),
    path("modeles-de-courriers/", letters.letter_list, name="modeles"),
    path("modeles-de-courriers/<slug:slug>", letters.letter_page, name="modele"),
    path("themes/", browse.theme_list, name="themes"),
    path("themes/<slug:slug>", browse.theme, name="theme"),
    path("questions-reponses/", browse.question_list, name="questions"),
    path(
        "code-du-travail/",
        browse.code_plan_page,
        {"kind": Kind.CODE_DU_TRAVAIL},
        name="code_du_travail_plan",
    ),
    re_path(
        rf"^code-du-travail/sommaire/(?P<path>{PLAN_PATH})$",
        browse.code_plan_page,
        {"kind": Kind.CODE_DU_TRAVAIL},
        name="code_du_travail_plan",
    ),
    path(
        "code-de-la-securite-sociale/",
        browse.code_plan_page,
        {"kind": Kind.CODE_SECURITE_SOCIALE},
        name="code_securite_sociale_plan",
    ),
    re_path(
        rf"^code-de-la-securite-sociale/sommaire/(?P<path>{PLAN_PATH})$",
        browse.code_plan_page,
        {"kind": Kind.CODE_SECURITE_SOCIALE},
        name="code_securite_sociale_plan",
    ),
    path("mentions-legales", pages.page, {"name": "legal"}, name="legal"),
    path("accessibilite", pages.page, {"name": "accessibility"}, name="accessibility"),
    path("donnees-personnelles", pages.page, {"name": "personal_data"}, name="personal_data"),
    path("contact", pages.page, {"name": "contact"}, name="contact"),
    path("plan-du-site", pages.site_map, name="site_map"),
    path("glossaire", pages.glossary, name="glossary"),
    path("a-propos-des-donnees", pages.data_sources, name="data_sources"),
    re_path(
        rf"^code-du-travail/{SLUG}$",
        documents.code_article,
        {"kind": Kind.CODE_DU_TRAVAIL},
        name="code_du_travail",
    ),
    re_path(
        rf"^code-de-la-securite-sociale/{SLUG}$",
        documents.code_article,
        {"kind": Kind.CODE_SECURITE_SOCIALE},
        name="code_securite_sociale",
    ),
    path("convention-collective/", documents.agreement_list, name="agreements"),
    path("convention-collective/choisir", agreements.picker, name="agreement_picker"),
    path("convention-collective/entreprise", agreements.company, name="agreement_company"),
    path("convention-collective/choix", agreements.choose, name="agreement_choose"),
    path("convention-collective/retirer", agreements.forget_choice, name="agreement_forget"),
    re_path(
        r"^convention-collective/(?P<idcc>\d{4})/article/(?P<slug>[a-z0-9]{1,40})$",
        documents.agreement_article,
        name="agreement_article",
    ),
    re_path(
        r"^convention-collective/(?P<idcc>\d{4})/texte/(?P<cid>KALITEXT\d{12})$",
        documents.agreement_text,
        name="agreement_text",
    ),
    re_path(
        r"^convention-collective/(?P<idcc>\d{4})(?:-(?P<slug>[a-z0-9-]{0,200}))?$",
        documents.agreement,
        name="agreement",
    ),
    re_path(rf"^fiche-service-public/{SLUG}$", service_public.fiche, name="fiche_service_public"),
    re_path(
        rf"^fiche-ministere-travail/{SLUG}$",
        documents.fiche,
        {"kind": Kind.FICHE_MINISTERE_TRAVAIL},
        name="fiche_ministere_travail",
    ),
    re_path(rf"^contribution/{SLUG}$", documents.contribution, name="contribution"),
    # Démarches en ligne: the applicant's side.
    path("demarches/", demarches.catalogue, name="procedures"),
    path("demarches/<slug:slug>/", demarches.procedure, name="procedure"),
    path("demarches/<slug:slug>/commencer", demarches.start, name="procedure_start"),
    path("mes-dossiers/", demarches.my_dossiers, name="my_dossiers"),
    path("mes-dossiers/<int:pk>/", demarches.dossier, name="dossier"),
    path("mes-dossiers/<int:pk>/etape/<int:step>", demarches.dossier_step, name="dossier_step"),
    path("mes-dossiers/<int:pk>/recapitulatif", demarches.dossier_review, name="dossier_review"),
    path("mes-dossiers/<int:pk>/message", demarches.send_message, name="dossier_message"),
    path("mes-dossiers/<int:pk>/retirer", demarches.withdraw, name="dossier_withdraw"),
    path("mes-dossiers/<int:pk>/renvoyer", demarches.resubmit, name="dossier_resubmit"),
    path(
        "mes-dossiers/<int:pk>/attestation-de-depot.pdf",
        demarches.filing_receipt,
        name="dossier_receipt",
    ),
    path(
        "mes-dossiers/<int:pk>/decision.pdf",
        demarches.decision_attestation,
        name="dossier_decision",
    ),
    path("fichiers/<path:key>", demarches.download_file, name="dossier_file"),
    re_path(r"^document/(?P<key>[a-z]+:[A-Za-z0-9_.-]{1,100})$", documents.by_key, name="by_key"),
]
