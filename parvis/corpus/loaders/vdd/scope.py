"""What the builders of one fiche share: its id, the package's fiche titles, its
abbreviations and definitions, and how a link to another fiche is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from parvis.corpus.citations import ArticleResolver
from parvis.corpus.fiche.blocks import FicheRef, fiche_href
from parvis.corpus.loaders.vdd.xml import attr, elements, first, text_of, title_of

SP_URL = "https://www.service-public.fr/particuliers/vosdroits/{}"


@dataclass
class Scope:
    fiche_id: str
    known: dict[str, str]  # fiche id -> title, for every fiche of the package
    articles: ArticleResolver = field(default_factory=ArticleResolver)
    abbreviations: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> short, long
    definition_ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, root: dict, known: dict[str, str], articles: ArticleResolver) -> Scope:
        return cls(
            fiche_id=attr(root, "ID"),
            known=known,
            articles=articles,
            abbreviations={
                attr(node, "ID"): (title_of(node), text_of(first(node, "Texte")))
                for node in elements(root, "Abreviation")
            },
            definition_ids={attr(node, "ID") for node in elements(root, "Definition")},
        )

    def fiche_url(self, fiche_id: str) -> str:
        """`/document/vdd:<id>` for a fiche we hold, its service-public.fr page otherwise."""
        return fiche_href(fiche_id) if fiche_id in self.known else SP_URL.format(fiche_id)

    def fiche_ref(self, node: dict, title: str = "") -> FicheRef:
        fiche_id = attr(node, "ID")
        title = title or title_of(node) or text_of(node) or self.known.get(fiche_id, "")
        return FicheRef(id=fiche_id, title=title, url=self.fiche_url(fiche_id) if fiche_id else "")
