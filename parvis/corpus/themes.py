"""Themes: the subjects a visitor browses by, built from the sources' own classifications.

Nothing here reads a document's words. A theme is a list of places in the
sources' own plans:

- **Code du travail, Code de la sécurité sociale**: the Code's plan, which its
  article numbers spell out. In "L1237-19" the digits after the letter are the
  part (1), book (2), title (3) and chapter (7): a theme names plan prefixes per
  code ("123" is "Livre II, Titre III : Rupture du contrat de travail à durée
  indéterminée"). Legislative (L) and regulatory (R, D) articles share the plan.
  The Code du travail's plan numbers have four digits, the Code de la sécurité
  sociale's three: an article numbered otherwise (an annex; an article still in
  force in the Code du travail's former parts, "L122-1", from before the 2008
  recodification) has no theme.
- **service-public.fr fiches**: the fiche's breadcrumb (`FilDAriane`, the DILA's
  own theme > dossier > sub-dossier path). A theme names service-public theme or
  dossier ids (`N19808` "Logement", `N530` "Permis de conduire"); a fiche is in it
  when one of its breadcrumb's levels is one of them.
- **Ministry of labour fiches and the ministry's Q&A**: their packages give them
  no classification, but they cite Code articles (their references, and for the
  Q&A the article links of the answer). Such a document is in the theme(s)
  holding the most of the Code articles it cites (all tied themes; none when it
  cites no article of a themed part of the plan). A Q&A answer that shows
  service-public fiches in place is also in those fiches' themes. A Q&A answer
  that does neither has no theme (the Q&A list still lists it).

The membership is computed by the loaders at ingestion and stored as relations
(`RelationType.IN_THEME`, target `theme:<slug>`), so that a change of this
mapping changes the documents' content hash and the next ingestion rewrites
exactly the documents whose themes changed. `Document.objects.in_theme(slug)`
reads them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from parvis.corpus.enums import Kind, RelationType
from parvis.corpus.records import RelationRecord

THEME_KEY_PREFIX = "theme:"
LABOUR = "travail"
PROCEDURES = "demarches"
GROUPS = {
    LABOUR: "Droit du travail",
    PROCEDURES: "Démarches du quotidien",
}

PLAN_DIGITS = {Kind.CODE_DU_TRAVAIL: 4, Kind.CODE_SECURITE_SOCIALE: 3}
_PLAN_DIGITS = re.compile(r"^[A-Z]\*?\s*(\d+)")


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str
    group: str  # a GROUPS key
    pictogram: str  # a DSFR pictogram, under dsfr/dist/artwork/pictograms/
    labour_code: tuple[str, ...] = ()  # Code du travail plan prefixes
    social_security_code: tuple[str, ...] = ()  # Code de la sécurité sociale plan prefixes
    service_public: tuple[str, ...] = field(default=())  # service-public theme/dossier ids

    @property
    def key(self) -> str:
        return THEME_KEY_PREFIX + self.slug

    def plan_prefixes(self, kind: str) -> tuple[str, ...]:
        if kind == Kind.CODE_DU_TRAVAIL:
            return self.labour_code
        if kind == Kind.CODE_SECURITE_SOCIALE:
            return self.social_security_code
        return ()


THEMES: tuple[Theme, ...] = (
    Theme(
        "embauche",
        "Embauche",
        "Recrutement, formation du contrat, période d’essai, discriminations à l’embauche.",
        LABOUR,
        "buildings/companie.svg",
        labour_code=("1221", "113"),
        service_public=("N449",),
    ),
    Theme(
        "contrat-de-travail",
        "Contrat de travail",
        "CDI, CDD, intérim, exécution et modification du contrat, règlement intérieur, sanctions.",
        LABOUR,
        "document/contract.svg",
        labour_code=("121", "1222", "1223", "1224", "124", "125", "13"),
        service_public=("N19871", "N443", "N31850"),
    ),
    Theme(
        "temps-de-travail",
        "Temps de travail",
        "Durée du travail, heures supplémentaires, repos, jours fériés, travail de nuit.",
        LABOUR,
        "digital/calendar.svg",
        labour_code=("312", "313", "316"),
        service_public=("N458",),
    ),
    Theme(
        "salaire",
        "Salaire et rémunération",
        "Smic, paiement du salaire, primes, égalité de rémunération, intéressement.",
        LABOUR,
        "institutions/money.svg",
        labour_code=("32", "33"),
        service_public=("N474",),
    ),
    Theme(
        "conges",
        "Congés",
        "Congés payés, congés de maternité et de paternité, congés pour événements familiaux.",
        LABOUR,
        "map/luggage.svg",
        labour_code=("314", "315", "1225"),
        service_public=("N510",),
    ),
    Theme(
        "maladie",
        "Maladie et accident du travail",
        "Arrêt maladie, indemnités journalières, accident du travail, maladie professionnelle.",
        LABOUR,
        "health/doctor.svg",
        labour_code=("1226",),
        social_security_code=("32", "33", "34", "41", "42", "43", "44", "45", "46"),
        service_public=("N526",),
    ),
    Theme(
        "rupture-du-contrat",
        "Rupture du contrat de travail",
        "Licenciement, démission, rupture conventionnelle, préavis, indemnités.",
        LABOUR,
        "document/document-signature.svg",
        labour_code=("123",),
        service_public=("N19611", "N480", "N481"),
    ),
    Theme(
        "sante-securite",
        "Santé et sécurité au travail",
        "Obligations de l’employeur, médecine du travail, harcèlement, conditions de travail.",
        LABOUR,
        "health/health.svg",
        labour_code=("4", "115"),
        service_public=("N492",),
    ),
    Theme(
        "representants-du-personnel",
        "Représentants du personnel et syndicats",
        "Comité social et économique, délégués syndicaux, négociation, salariés protégés.",
        LABOUR,
        "environment/human-cooperation.svg",
        labour_code=("21", "22", "23", "24"),
        service_public=("N518",),
    ),
    Theme(
        "conflits-prudhommes",
        "Conflits et prud’hommes",
        "Conseil de prud’hommes, grève, litiges entre salarié et employeur.",
        LABOUR,
        "institutions/justice.svg",
        labour_code=("14", "25"),
        service_public=("N470",),
    ),
    Theme(
        "formation-professionnelle",
        "Formation professionnelle et alternance",
        "Apprentissage, contrat de professionnalisation, compte personnel de formation.",
        LABOUR,
        "buildings/school.svg",
        labour_code=("6",),
        service_public=("N177", "N198", "N11240"),
    ),
    Theme(
        "emploi-chomage",
        "Emploi et chômage",
        "Allocation chômage, activité partielle, aides à la reprise d’activité.",
        LABOUR,
        "digital/search.svg",
        labour_code=("5",),
        service_public=("N178", "N31002", "N31131", "N31132", "N31133", "N549"),
    ),
    Theme(
        "retraite",
        "Retraite",
        "Retraite des salariés du secteur privé, départ et mise à la retraite.",
        LABOUR,
        "environment/sun.svg",
        social_security_code=("35",),
        service_public=("N381",),
    ),
    Theme(
        "papiers",
        "Papiers et citoyenneté",
        "Carte d’identité, passeport, état civil, élections.",
        PROCEDURES,
        "document/national-identity-card-passport.svg",
        service_public=("N19810",),
    ),
    Theme(
        "permis-vehicules",
        "Permis de conduire et véhicules",
        "Permis de conduire, carte grise, infractions routières, contrôle technique.",
        PROCEDURES,
        "document/driving-licence.svg",
        service_public=("N530", "N367", "N19126", "N18918", "N31200", "N18131", "N31345", "N32"),
    ),
    Theme(
        "etrangers",
        "Étrangers en France",
        "Titres de séjour, asile, travail d’un étranger, nationalité française.",
        PROCEDURES,
        "map/location-france.svg",
        service_public=("N105", "N106", "N107", "N109", "N110", "N111", "N11165", "N31348"),
    ),
    Theme(
        "logement",
        "Logement",
        "Location, achat, copropriété, aides au logement, travaux.",
        PROCEDURES,
        "buildings/house.svg",
        service_public=("N19808",),
    ),
)
THEMES_BY_SLUG = {theme.slug: theme for theme in THEMES}


def plan_digits(number: str) -> str:
    """The plan digits of an article number ("L1237-19" -> "1237"; "R*3231-4" ->
    "3231"); "" for a number that does not follow the plan (an annex)."""
    match = _PLAN_DIGITS.match(number.strip().upper())
    return match.group(1) if match else ""


def article_themes(kind: str, number: str) -> list[Theme]:
    """The themes of a Code article (none for a number outside the code's plan)."""
    digits = plan_digits(number)
    if len(digits) != PLAN_DIGITS.get(kind):
        return []
    return [
        theme
        for theme in THEMES
        if any(digits.startswith(prefix) for prefix in theme.plan_prefixes(kind))
    ]


def service_public_themes(breadcrumb_ids: list[str]) -> list[Theme]:
    ids = set(breadcrumb_ids)
    return [theme for theme in THEMES if ids.intersection(theme.service_public)]


def citing_themes(cited: list[tuple[str, str]]) -> list[Theme]:
    """The themes holding the most of the cited articles, given as (kind, number)."""
    counts = Counter(
        theme.slug for kind, number in set(cited) for theme in article_themes(kind, number)
    )
    if not counts:
        return []
    best = max(counts.values())
    return [theme for theme in THEMES if counts.get(theme.slug) == best]


def shown_fiche_themes(fiche_keys, fiche_themes: dict[str, list[str]]) -> list[Theme]:
    """The themes of the service-public fiches a document shows in place."""
    slugs = {slug for key in fiche_keys for slug in fiche_themes.get(key, ())}
    return [theme for theme in THEMES if theme.slug in slugs]


def merged(*groups: list[Theme]) -> list[Theme]:
    """The themes of all groups, once each, in declared order."""
    slugs = {theme.slug for group in groups for theme in group}
    return [theme for theme in THEMES if theme.slug in slugs]


def theme_relations(themes: list[Theme]) -> list[RelationRecord]:
    """IN_THEME relation records, in the themes' declared order (deterministic)."""
    return [RelationRecord(RelationType.IN_THEME, theme.key) for theme in themes]
