"""Online services, forms and where to go: ServiceEnLigne, the R items' own resource
(ServiceComplementaire), their notices and annexes, OuSAdresser."""

from __future__ import annotations

from collections.abc import Callable

from parvis.corpus.fiche.blocks import Annex, Block, Contact, Notice, Resource, Service
from parvis.corpus.loaders.vdd.scope import Scope
from parvis.corpus.loaders.vdd.xml import attr, elements, external, first, text_of, title_of

SERVICE_KINDS = {
    "Téléservice": "téléservice",
    "Téléservice personnalisé sur SP": "téléservice",
    "Formulaire": "formulaire",
    "Modèle de document": "modèle de document",
    "Simulateur": "simulateur",
    "Outil de recherche": "outil de recherche",
}


def service_kind(category: str) -> str:
    return SERVICE_KINDS.get(category, category.lower())


def notice_of(node: dict | None) -> Notice | None:
    """NoticeLiee, when it has an http(s) URL."""
    notice = first(node, "NoticeLiee")
    url = external(attr(notice, "URL"))
    if not notice or not url:
        return None
    return Notice(
        id=attr(notice, "ID"),
        title=text_of(notice),
        url=url,
        cerfa=attr(notice, "numerocerfa"),
    )


def annexes_of(node: dict) -> list[Annex]:
    return [
        Annex(
            title=title_of(annex),
            category=attr(annex, "type"),
            cerfa=attr(annex, "numerocerfa"),
            url=external(attr(first(annex, "LienWeb"), "URL")),
            description=text_of(first(annex, "Texte")),
        )
        for annex in elements(node, "ServiceEnLigneAnnexe")
    ]


def service(node: dict, scope: Scope) -> Service:
    """ServiceEnLigne or ServiceEnLigneAlternatif."""
    service_id = attr(node, "ID")
    category = attr(node, "type")
    url = external(attr(node, "URL")) or (scope.fiche_url(service_id) if service_id else "")
    return Service(
        id=service_id,
        title=title_of(node),
        url=url,
        category=category,
        kind=service_kind(category),
        source=text_of(first(node, "Source")),
        cerfa=attr(node, "numerocerfa"),
        other_number=attr(node, "autrenumero"),
        description=text_of(first(node, "Introduction")),
        notice=notice_of(node),
        annexes=annexes_of(node),
        alternative=node.get("name") == "ServiceEnLigneAlternatif",
    )


def contact(node: dict, blocks: Callable[[dict], list[Block]]) -> Contact:
    """OuSAdresser / OuSAdresserSupport; `blocks` builds the body of its Texte elements."""
    return Contact(
        id=attr(node, "ID"),
        title=title_of(node),
        url=external(attr(first(node, "RessourceWeb"), "URL")),
        kind=attr(node, "type"),
        source=text_of(first(node, "Source")),
        pivot=text_of(first(node, "PivotLocal")),
        complement=text_of(first(node, "Complement")),
        blocks=[block for texte in elements(node, "Texte") for block in blocks(texte)],
    )


def resource(root: dict) -> Resource:
    """What an R item (ServiceComplementaire) gives access to."""
    web = first(root, "LienWeb")
    return Resource(
        url=external(attr(web, "URL")),
        source=text_of(first(web, "Source")),
        format=attr(web, "format"),
        size=attr(web, "poids"),
        cerfa=text_of(first(root, "NumeroCerfa")),
        other_number=text_of(first(root, "AutreNumero")),
        notice=notice_of(root),
        annexes=annexes_of(root),
    )
