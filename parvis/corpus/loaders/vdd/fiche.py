"""One Publication or ServiceComplementaire element as a typed Fiche: its body and
everything around it (references, services, see also, dossiers, contacts...)."""

from __future__ import annotations

from parvis.corpus.fiche.blocks import (
    Definition,
    Fiche,
    FicheRef,
    Folder,
    Parent,
    Partner,
    Reference,
    SeeAlso,
    WebLink,
)
from parvis.corpus.loaders.vdd import services
from parvis.corpus.loaders.vdd.body import BodyBuilder
from parvis.corpus.loaders.vdd.inlines import InlineBuilder
from parvis.corpus.loaders.vdd.scope import Scope
from parvis.corpus.loaders.vdd.xml import attr, elements, external, first, text_of, title_of

RESOURCE_ROOT = "ServiceComplementaire"


def build_fiche(root: dict, scope: Scope, audiences: list[str]) -> Fiche:
    body = BodyBuilder(scope, InlineBuilder(scope))
    structure = body.structure(root)
    parent = first(root, "DossierPere")
    return Fiche(
        id=scope.fiche_id,
        type=attr(root, "type"),
        surtitle=text_of(first(root, "SurTitre")),
        subject=text_of(first(root, "dc:subject")),
        description=text_of(first(root, "dc:description")),
        theme=title_of(first(root, "Theme")),
        audiences=audiences,
        targets=[text_of(node) for node in elements(root, "Cible") if text_of(node)],
        parent=Parent(id=attr(parent, "ID"), title=title_of(parent)) if parent else None,
        structure=structure,
        references=[reference(node, scope) for node in elements(root, "Reference")],
        services=top_services(root, scope),
        see_also=see_also(root, scope),
        questions=[
            scope.fiche_ref(node, text_of(node)) for node in elements(root, "QuestionReponse")
        ],
        folders=folders(root, scope),
        contacts=[
            body.contact(node, 3) for node in elements(root, "OuSAdresser", "OuSAdresserSupport")
        ],
        more=[
            WebLink(
                title=title_of(node),
                url=external(attr(node, "URL")),
                source=text_of(first(node, "Source")),
            )
            for node in elements(root, "PourEnSavoirPlus")
        ],
        external_links=[
            WebLink(
                title=text_of(first(node, "LienExterne")),
                url=external(attr(first(node, "LienExterne"), "URL")),
                source=text_of(first(node, "Source")),
                comment=text_of(first(node, "Commentaire")),
            )
            for node in elements(root, "LienExterneCommente")
        ],
        how_to=[scope.fiche_ref(node, text_of(node)) for node in elements(root, "CommentFaireSi")],
        related=[scope.fiche_ref(node) for node in elements(root, "FicheLiee")],
        guided_searches=[scope.fiche_ref(node) for node in elements(root, "RechercheGuidee")],
        definitions=[
            Definition(
                id=attr(node, "ID"), title=title_of(node), text=text_of(first(node, "Texte"))
            )
            for node in elements(root, "Definition")
        ],
        partners=[
            Partner(id=attr(node, "ID"), url=external(attr(node, "URL")))
            for node in elements(root, "Partenaire")
        ],
        resource=services.resource(root) if root.get("name") == RESOURCE_ROOT else None,
    )


def reference(node: dict, scope: Scope) -> Reference:
    title = text_of(first(node, "Titre"))
    url = attr(node, "URL")
    resolved = scope.articles.resolve(title, url)
    return Reference(
        title=title,
        complement=text_of(first(node, "Complement")),
        url=external(url),
        code=resolved["code"] or "",
        numbers=resolved["numbers"],
        keys=resolved["keys"],
        unresolved=resolved["unresolved"],
    )


def top_services(root: dict, scope: Scope) -> list:
    found = []
    for node in elements(root, "ServiceEnLigne", "ServiceEnLigneAlternatif"):
        service = services.service(node, scope)
        if not any(s.id == service.id and s.url == service.url for s in found):
            found.append(service)
    return found


def see_also(root: dict, scope: Scope) -> list[SeeAlso]:
    found = []
    for group in elements(root, "VoirAussi"):
        important = attr(group, "important") == "oui"
        for item in elements(group, "Fiche", "Dossier"):
            ref = scope.fiche_ref(item)
            kind = "dossier" if item["name"] == "Dossier" else "fiche"
            found.append(SeeAlso(**ref.model_dump(), kind=kind, important=important))
    return found


def folders(root: dict, scope: Scope) -> list[Folder]:
    found = [
        Folder(
            id=attr(folder, "ID"),
            title=title_of(folder),
            items=[scope.fiche_ref(item) for item in elements(folder, "Fiche", "Dossier")],
        )
        for folder in elements(root, "SousDossier", "SousTheme")
    ]
    loose: list[FicheRef] = [scope.fiche_ref(item) for item in elements(root, "Fiche", "Dossier")]
    if loose:
        found.append(Folder(items=loose))
    return found
