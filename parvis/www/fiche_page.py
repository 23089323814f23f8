"""What a service-public.fr fiche page shows around its typed blocks: the R items it
cites (forms, online services) as django-dsfr cards, the decision trees of its
questionnaires as accordions, the summary of its chapters.

Nothing here parses a source file: the fiche comes typed from `Document.data`
(parvis/corpus/fiche/blocks.py), the decision trees from parvis/corpus/fiche/decisions.py.
Markup given to django-dsfr tags that mark it safe (accordion content) is built
with `format_html`, which escapes what it inserts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import format_html, format_html_join

from parvis.corpus.enums import Kind
from parvis.corpus.fiche import decisions
from parvis.corpus.fiche.blocks import (
    Condition,
    Fiche,
    Link,
    Problem,
    Resource,
    Section,
    Service,
    fiche_key,
    inlines,
)
from parvis.corpus.fiche.decisions import Unit
from parvis.corpus.fiche.text import blocks_text
from parvis.corpus.models import Document
from parvis.corpus.text import squash

RESOURCE_LABELS = {
    "Formulaire": "Formulaire",
    "Téléservice": "Service en ligne",
    "Téléservice personnalisé sur SP": "Service en ligne",
    "Modèle de document": "Modèle de document",
    "Simulateur": "Simulateur",
    "Outil de recherche": "Outil de recherche",
}
FORMATS = {
    "application/pdf": "PDF",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/rtf": "RTF",
    "application/vnd.oasis.opendocument.text": "ODT",
}
ACCESS_LABELS = {
    "Formulaire": "Accéder au formulaire",
    "Modèle de document": "Accéder au modèle de document",
    "Simulateur": "Accéder au simulateur",
    "Outil de recherche": "Accéder à l’outil de recherche",
}


@dataclass(frozen=True)
class CitedResource:
    """An R item we hold, as a fiche citing it shows it."""

    id: str
    title: str
    category: str
    description: str
    resource: Resource


def cited_resources(fiche: Fiche) -> dict[str, CitedResource]:
    """The R items the fiche cites (services, links in its text) that we hold; one query."""
    ids = {service.id for service in fiche.all_services() if service.id.startswith("R")}
    ids |= resource_links(fiche)
    if not ids:
        return {}
    rows = Document.objects.filter(
        kind=Kind.FICHE_SERVICE_PUBLIC, key__in=[fiche_key(i) for i in ids]
    ).values_list("title", "data")
    found = {}
    for title, data in rows:
        cited = Fiche.load(data)
        if cited.resource is not None:
            found[cited.id] = CitedResource(
                id=cited.id,
                title=title,
                category=cited.type,
                description=cited.description,
                resource=cited.resource,
            )
    return found


def resource_links(fiche: Fiche) -> set[str]:
    """Ids of the R items the fiche's text (body and contacts) links to."""
    return {
        part.fiche
        for blocks in fiche.bodies()
        for part in inlines(blocks)
        if isinstance(part, Link) and part.fiche.startswith("R")
    }


def resource_card(
    title: str,
    category: str,
    description: str,
    url: str,
    cerfa: str = "",
    source: str = "",
    notice_url: str = "",
    heading_tag: str = "h3",
) -> dict:
    """`dsfr_card` data for a form or an online service, linking to the official one."""
    details = [f"Cerfa n° {cerfa}" if cerfa else "", source]
    card = {
        "title": title,
        "description": description,
        "link": url,
        "new_tab": url.startswith("http"),
        "heading_tag": heading_tag,
        "extra_classes": "fr-card--sm fr-my-2w",
        "description_max_length": 300,
        "top_detail": {
            "badges": [
                {
                    "label": RESOURCE_LABELS.get(category, category or "Service en ligne"),
                    "extra_classes": "fr-badge--sm fr-badge--info fr-badge--no-icon",
                }
            ],
            "detail": {"text": " — ".join(d for d in details if d)},
        },
    }
    if notice_url:
        card["call_to_action"] = {
            "links": [{"url": notice_url, "label": "Notice", "is_external": True}]
        }
    return card


@dataclass
class FichePage:
    """The view of one fiche for its page (context variable `page`)."""

    fiche: Fiche
    resources: dict[str, CitedResource] = field(default_factory=dict)

    def __post_init__(self):
        self.labels = decisions.criteria_labels(self.fiche)
        self.units = list(decisions.units(self.fiche.structure))

    @classmethod
    def of(cls, fiche: Fiche) -> FichePage:
        return cls(fiche, cited_resources(fiche))

    # forms and online services

    def service_card(self, service: Service, heading_tag: str = "h3") -> dict:
        cited = self.resources.get(service.id)
        resource = cited.resource if cited else None
        notice = (resource.notice if resource else None) or service.notice
        return resource_card(
            title=service.title or (cited.title if cited else ""),
            category=service.category,
            description=(cited.description if cited else "") or service.description,
            url=(resource.url if resource else "") or service.url,
            cerfa=service.cerfa or (resource.cerfa if resource else ""),
            source=service.source or (resource.source if resource else ""),
            notice_url=notice.url if notice else "",
            heading_tag=heading_tag,
        )

    @cached_property
    def service_cards(self) -> list[dict]:
        """Cards for the services listed by the fiche, then for the R items its text
        links to that are not among them."""
        cards = [self.service_card(service) for service in self.fiche.services]
        listed = {service.id for service in self.fiche.all_services()}
        for fiche_id in sorted(resource_links(self.fiche) - listed):
            if cited := self.resources.get(fiche_id):
                cards.append(self.resource_card(cited))
        return cards

    @staticmethod
    def resource_card(cited: CitedResource, heading_tag: str = "h3") -> dict:
        resource = cited.resource
        return resource_card(
            title=cited.title,
            category=cited.category,
            description=cited.description,
            url=resource.url or "",
            cerfa=resource.cerfa,
            source=resource.source,
            notice_url=resource.notice.url if resource.notice else "",
            heading_tag=heading_tag,
        )

    # decision trees

    def condition_label(self, condition: Condition | None) -> str:
        """ "Si : vous avez des enfants" when the fiche names the criteria, else ""."""
        if condition is None:
            return ""
        described = decisions.describe(condition, self.labels)
        return f"Si : {described[:1].lower()}{described[1:]}" if described else ""

    def choice_accordions(self, question, heading_level: int) -> list[dict]:
        """`dsfr_accordion_group` items: one per choice, what applies under it."""
        return [
            {
                "id": choice.id,
                "title": choice.title,
                "heading_tag": f"h{min(heading_level, 6)}",
                "content": self.outcome_html(choice, decisions.outcomes(choice, self.units)),
            }
            for choice in question.choices
        ]

    @staticmethod
    def outcome_html(choice, units: list[Unit]) -> str:
        label = choice.label or choice.title
        if not units:
            return format_html(
                "<p>{} : aucune partie de la fiche ne dépend de ce choix.</p>", label
            )
        items = format_html_join(
            "", '<li><a href="#{}">{}</a></li>', ((unit.id, unit.title) for unit in units)
        )
        return format_html("<p>{} : ce qui vous concerne.</p><ul>{}</ul>", label, items)

    # an R item's own page

    @cached_property
    def own_card(self) -> dict | None:
        """The card leading to the official form or service an R item describes."""
        fiche, resource = self.fiche, self.fiche.resource
        if resource is None or not resource.url:
            return None
        kind = FORMATS.get(resource.format.lower(), "")
        file = " ".join(part for part in (kind, resource.size) if part)
        return resource_card(
            title=ACCESS_LABELS.get(fiche.type, "Accéder au service en ligne"),
            category=fiche.type,
            description=f"Document {file}" if file else "",
            url=resource.url,
            cerfa=resource.cerfa,
            source=resource.source,
            notice_url=resource.notice.url if resource.notice else "",
            heading_tag="h2",
        )

    @cached_property
    def annex_cards(self) -> list[dict]:
        """Cards for the forms to join (ServiceEnLigneAnnexe) of an R item."""
        resource = self.fiche.resource
        return [
            resource_card(
                title=annex.title,
                category=annex.category,
                description=annex.description,
                url=annex.url,
                cerfa=annex.cerfa,
            )
            for annex in (resource.annexes if resource else [])
            if annex.url
        ]

    @cached_property
    def body_repeats_description(self) -> bool:
        """Whether the body only says the description again (as most R items do)."""
        body = squash(" ".join(blocks_text(self.fiche.structure)))
        return not body or body == squash(self.fiche.description)

    @cached_property
    def badge(self) -> str:
        fiche = self.fiche
        if fiche.is_resource:
            return RESOURCE_LABELS.get(fiche.type, fiche.type or "Service en ligne")
        label = "Fiche service-public.fr"
        return f"{label} · {fiche.type}" if fiche.type else label

    # navigation

    @cached_property
    def summary(self) -> list[dict]:
        """`dsfr_summary` items: the top-level chapters and guided-search questions."""
        items = [
            {"link": f"#{block.anchor}", "label": block.title}
            for block in self.fiche.structure
            if isinstance(block, Section | Problem) and block.title
        ]
        return items if len(items) > 1 else []
