"""Browsing without searching: the codes' tables of contents, the themes, the Q&A list."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.corpus.plan import code_plan
from parvis.corpus.themes import GROUPS, THEMES, THEMES_BY_SLUG
from parvis.www import components

CODE_NAMES = {
    Kind.CODE_DU_TRAVAIL: "Code du travail",
    Kind.CODE_SECURITE_SOCIALE: "Code de la sécurité sociale",
}
PLAN_URL_NAMES = {
    Kind.CODE_DU_TRAVAIL: "www:code_du_travail_plan",
    Kind.CODE_SECURITE_SOCIALE: "www:code_securite_sociale_plan",
}
# A table-of-contents page shows three levels of sections under its own (the code's
# page: parts, books, titles; a title's page: chapters, sections, sub-sections), so
# that the deepest sections of the Code du travail (nine levels) are three clicks
# from the code's page, four from the home page. Articles are listed under the page's
# section and the sections just below it.
ROOT_LEVELS = SECTION_LEVELS = 3


def code_plan_page(request, kind, path=""):
    plan = code_plan(kind)
    section = plan.by_path.get(path.strip("/"))
    if section is None or not plan.root.children:
        raise Http404("section inconnue")
    code_name = CODE_NAMES[kind]
    code_url = reverse(PLAN_URL_NAMES[kind])
    crumbs = [(code_name, code_url)] + [
        (ancestor.title, components.plan_url(kind, ancestor)) for ancestor in section.ancestors()
    ]
    if section is plan.root:
        title, levels = code_name, ROOT_LEVELS
    else:
        title, levels = section.title, SECTION_LEVELS
        crumbs.append((section.title, ""))
    return render(
        request,
        "www/code_plan.html",
        {
            "title": title if section is plan.root else f"{title} — {code_name}",
            "heading": title,
            "code_name": code_name,
            "section": section,
            "tree": components.plan_tree(kind, section, levels),
            "breadcrumb_data": components.breadcrumb(*crumbs),
        },
    )


def theme_list(request):
    return render(
        request,
        "www/theme_list.html",
        {
            "title": "Thèmes",
            "groups": components.theme_groups(),
            "breadcrumb_data": components.breadcrumb(("Thèmes", "")),
        },
    )


def theme(request, slug):
    found = THEMES_BY_SLUG.get(slug)
    if found is None:
        raise Http404("thème inconnu")
    documents = Document.objects.in_theme(slug).only("kind", "slug", "idcc", "title", "key")
    by_kind = {
        kind: list(documents.filter(kind=kind).order_by("title"))
        for kind in (Kind.FICHE_SERVICE_PUBLIC, Kind.FICHE_MINISTERE_TRAVAIL, Kind.CONTRIBUTION)
    }
    return render(
        request,
        "www/theme.html",
        {
            "title": found.title,
            "theme": found,
            "group": GROUPS[found.group],
            "fiches": by_kind[Kind.FICHE_SERVICE_PUBLIC],
            "ministry_fiches": by_kind[Kind.FICHE_MINISTERE_TRAVAIL],
            "questions": by_kind[Kind.CONTRIBUTION],
            "code_sections": components.theme_code_sections(found),
            "others": [
                {"label": other.title, "link": reverse("www:theme", args=[other.slug])}
                for other in THEMES
                if other.group == found.group and other != found
            ],
            "breadcrumb_data": components.breadcrumb(
                ("Thèmes", reverse("www:themes")), (found.title, "")
            ),
        },
    )


def question_list(request):
    questions = Document.objects.of_kind(Kind.CONTRIBUTION).order_by("position")
    return render(
        request,
        "www/question_list.html",
        {
            "title": "Questions-réponses",
            "questions": questions.only("kind", "slug", "idcc", "title"),
            "breadcrumb_data": components.breadcrumb(("Questions-réponses", "")),
        },
    )
