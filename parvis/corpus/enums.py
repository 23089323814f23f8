"""The shared vocabulary of the corpus: sources, document kinds, relation types.

Loaders, ingestion, search, ranking features, the API and the pages all name a
source or a kind through these enums, never through a hand-written string.
"""

from django.db import models


class Source(models.TextChoices):
    """Where a document comes from; also the prefix of its key (`<source>:<id>`)."""

    LEGI = "legi", "Légifrance (codes)"
    KALI = "kali", "Légifrance (conventions collectives)"
    VDD = "vdd", "service-public.fr"
    TRAVAIL = "travail", "Ministère du Travail"
    CONTRIBUTION = "contribution", "Questions-réponses du ministère"


class Kind(models.TextChoices):
    """What a document is; decides its page, its search filter and its features."""

    CODE_DU_TRAVAIL = "code_du_travail", "Code du travail"
    CODE_SECURITE_SOCIALE = "code_securite_sociale", "Code de la sécurité sociale"
    CONVENTION_COLLECTIVE = "convention_collective", "Convention collective"
    ARTICLE_CONVENTION = "article_convention", "Article de convention collective"
    FICHE_SERVICE_PUBLIC = "fiche_service_public", "Fiche service-public.fr"
    FICHE_MINISTERE_TRAVAIL = "fiche_ministere_travail", "Fiche du ministère du Travail"
    CONTRIBUTION = "contribution", "Question-réponse"


CODE_KINDS = (Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE)

# Légifrance text ids of the codes we hold.
CODE_TEXT_IDS = {
    "LEGITEXT000006072050": Kind.CODE_DU_TRAVAIL,
    "LEGITEXT000006073189": Kind.CODE_SECURITE_SOCIALE,
}


class RelationType(models.TextChoices):
    """A typed link from one document to another, recorded at ingestion."""

    CITES = "cites", "cite"  # a fiche or an answer cites a code article
    LINKS_TO = "links_to", "renvoie à"  # a service-public fiche links to another fiche
    IN_THEME = "in_theme", "dans le thème"  # target `theme:<slug>` (parvis/corpus/themes.py)
