"""The glossary: legal terms the texts use, explained in plain French.

The definitions are ours (short, general, with the article of the Code that
governs the term when there is one); the page links each term to the theme that
covers it and to a search over the official texts.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    definition: str
    theme: str = ""  # a theme slug (parvis/corpus/themes.py)
    article: str = ""  # a Code du travail article slug


GLOSSARY: tuple[Term, ...] = (
    Term(
        "anciennete",
        "Ancienneté",
        "Temps passé par le salarié dans l’entreprise depuis son embauche. Elle ouvre "
        "ou augmente certains droits : durée du préavis, indemnité de licenciement, "
        "primes prévues par la convention collective.",
        "rupture-du-contrat",
    ),
    Term(
        "cdd",
        "CDD (contrat à durée déterminée)",
        "Contrat de travail conclu pour une durée limitée, seulement dans les cas "
        "prévus par la loi (remplacement d’un salarié absent, accroissement temporaire "
        "d’activité, emploi saisonnier…). Il doit être écrit.",
        "contrat-de-travail",
        "l1242-1",
    ),
    Term(
        "cdi",
        "CDI (contrat à durée indéterminée)",
        "Forme normale et générale de la relation de travail : un contrat sans date de fin.",
        "contrat-de-travail",
        "l1221-2",
    ),
    Term(
        "conge-paye",
        "Congés payés",
        "Repos annuel rémunéré par l’employeur : 2,5 jours ouvrables par mois de travail "
        "effectif, soit 5 semaines par an pour une année complète.",
        "conges",
        "l3141-3",
    ),
    Term(
        "convention-collective",
        "Convention collective",
        "Accord signé entre les organisations d’employeurs et de salariés d’une branche "
        "d’activité. Elle complète le Code du travail (salaires minimaux, primes, préavis, "
        "congés…) pour les entreprises de la branche.",
        "representants-du-personnel",
    ),
    Term(
        "cse",
        "CSE (comité social et économique)",
        "Instance qui représente les salariés dans les entreprises d’au moins 11 salariés. "
        "Ses membres sont élus ; ses attributions grandissent à partir de 50 salariés.",
        "representants-du-personnel",
        "l2311-2",
    ),
    Term(
        "demission",
        "Démission",
        "Rupture du contrat à durée indéterminée à l’initiative du salarié, qui doit "
        "exprimer clairement sa volonté de partir. Un préavis est généralement dû.",
        "rupture-du-contrat",
    ),
    Term(
        "heures-supplementaires",
        "Heures supplémentaires",
        "Heures travaillées au-delà de la durée légale (35 heures par semaine) ou de la "
        "durée équivalente. Elles sont majorées ou compensées par un repos.",
        "temps-de-travail",
        "l3121-28",
    ),
    Term(
        "idcc",
        "IDCC",
        "Identifiant de la convention collective : numéro à 4 chiffres qui désigne une "
        "convention collective. Il figure sur la fiche de paie.",
    ),
    Term(
        "indemnite-de-licenciement",
        "Indemnité de licenciement",
        "Somme versée au salarié licencié en CDI, sauf faute grave ou lourde, lorsqu’il a "
        "au moins 8 mois d’ancienneté. La convention collective peut prévoir plus.",
        "rupture-du-contrat",
        "l1234-9",
    ),
    Term(
        "licenciement",
        "Licenciement",
        "Rupture du contrat à durée indéterminée à l’initiative de l’employeur. Il doit "
        "reposer sur une cause réelle et sérieuse, personnelle ou économique, et suivre "
        "une procédure.",
        "rupture-du-contrat",
    ),
    Term(
        "periode-d-essai",
        "Période d’essai",
        "Début du contrat pendant lequel l’employeur et le salarié peuvent y mettre fin "
        "plus simplement. Elle n’existe que si le contrat ou la lettre d’engagement la prévoit.",
        "embauche",
        "l1221-19",
    ),
    Term(
        "preavis",
        "Préavis",
        "Délai à respecter entre l’annonce de la rupture du contrat (démission, "
        "licenciement) et la fin effective du contrat. Sa durée dépend de la loi, de la "
        "convention collective et de l’ancienneté.",
        "rupture-du-contrat",
        "l1234-1",
    ),
    Term(
        "prud-hommes",
        "Conseil de prud’hommes",
        "Tribunal qui juge les litiges entre un salarié et son employeur nés du contrat "
        "de travail.",
        "conflits-prudhommes",
    ),
    Term(
        "rupture-conventionnelle",
        "Rupture conventionnelle",
        "Rupture du CDI décidée d’un commun accord par l’employeur et le salarié, "
        "homologuée par l’administration. Elle ouvre droit à une indemnité et, sous "
        "conditions, à l’allocation chômage.",
        "rupture-du-contrat",
        "l1237-11",
    ),
    Term(
        "smic",
        "Smic",
        "Salaire minimum interprofessionnel de croissance : salaire horaire en dessous "
        "duquel aucun salarié majeur ne peut être payé. Il est revalorisé au moins chaque année.",
        "salaire",
        "l3231-2",
    ),
)
