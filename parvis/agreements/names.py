"""What people call agreements, and which agreements others replaced: data the
picker reads, kept here so that it is written down once and tested
(tests/agreements/test_names.py checks every IDCC against kali-data).

Keys of USUAL_NAMES are folded (lower case, no accents, words separated by one
space); values are IDCCs, the likeliest first.
"""

# Usual names, acronyms and trades: what a visitor types instead of the title.
USUAL_NAMES: dict[str, tuple[str, ...]] = {
    # Bureaux d'études techniques: the employers' federations' names.
    "syntec": ("1486",),
    "cinov": ("1486",),
    "bet": ("1486",),
    "bureau d etudes": ("1486",),
    "informatique": ("1486",),
    "ssii": ("1486",),
    "esn": ("1486",),
    "conseil": ("1486",),
    "ingenieur conseil": ("1486",),
    # Building and public works: workers, ETAM and executives.
    "btp": ("1597", "1596", "2609", "2420", "1702", "2614", "3212"),
    "batiment": ("1597", "1596", "2609", "2420"),
    "macon": ("1597", "1596"),
    "travaux publics": ("1702", "2614", "3212"),
    "tp": ("1702", "2614", "3212"),
    # Hotels, cafés, restaurants and the other food trades.
    "hcr": ("1979",),
    "hotellerie": ("1979",),
    "hotel": ("1979",),
    "cafe": ("1979",),
    "restaurant": ("1979",),
    "restauration": ("1979", "1501", "1266"),
    "serveur": ("1979",),
    "fast food": ("1501",),
    "restauration scolaire": ("1266",),
    "cantine": ("1266",),
    "boulangerie": ("0843", "1747"),
    "boulanger": ("0843", "1747"),
    "patisserie": ("1267", "0843", "1747"),
    "boucherie": ("0992",),
    "charcuterie": ("0953", "1586"),
    "supermarche": ("2216",),
    "hypermarche": ("2216",),
    "grande distribution": ("2216",),
    "commerce alimentaire": ("2216", "1505"),
    "epicerie": ("1505",),
    # Industry.
    "metallurgie": ("3248",),
    "metallo": ("3248",),
    "uimm": ("3248",),
    "siderurgie": ("3248",),
    "chimie": ("0044",),
    "pharma": ("0176",),
    "labo pharmaceutique": ("0176",),
    "plastique": ("0292",),
    "textile": ("0018",),
    # Transport.
    "transport routier": ("0016",),
    "routier": ("0016",),
    "chauffeur routier": ("0016",),
    "transport": ("0016",),
    "logistique": ("0016",),
    "ambulance": ("0016",),
    "demenagement": ("0016",),
    "transport de voyageurs": ("0016",),
    "transport aerien": ("0275",),
    # Care, social work and services to people.
    "fehap": ("0029",),
    "ccn 51": ("0029",),
    "ccn 66": ("0413",),
    "handicap": ("0413",),
    "clinique": ("2264",),
    "ehpad": ("2264", "0029"),
    "fhp": ("2264",),
    "aide a domicile": ("2941",),
    "bad": ("2941",),
    "services a la personne": ("3127",),
    "particulier employeur": ("3239",),
    "assistante maternelle": ("3239",),
    "assistant maternel": ("3239",),
    "emploi a domicile": ("3239",),
    "nounou": ("3239",),
    "pharmacie": ("1996",),
    "cabinet medical": ("1147",),
    "dentiste": ("1619",),
    "veterinaire": ("1875", "2564"),
    # Other services.
    "proprete": ("3043",),
    "nettoyage": ("3043",),
    "securite": ("1351",),
    "gardiennage": ("1351",),
    "agent de securite": ("1351",),
    "garage": ("1090",),
    "automobile": ("1090",),
    "auto ecole": ("1090",),
    "immobilier": ("1527",),
    "agence immobiliere": ("1527",),
    "syndic": ("1527",),
    "banque": ("2120",),
    "assurance": ("1672",),
    "expert comptable": ("0787",),
    "cabinet comptable": ("0787",),
    "comptable": ("0787",),
    "avocat": ("1850",),
    "notaire": ("2205",),
    "coiffure": ("2596",),
    "coiffeur": ("2596",),
    "esthetique": ("3032",),
    "estheticienne": ("3032",),
    "animation": ("1518",),
    "centre de loisirs": ("1518",),
    "sport": ("2511",),
    "formation": ("1516",),
    "organisme de formation": ("1516",),
    "commerce de gros": ("0573",),
    "grossiste": ("0573",),
    "pret a porter": ("0675", "1483"),
    "habillement": ("1483", "0675"),
    "bricolage": ("1606",),
    "publicite": ("0086",),
    "journaliste": ("1480",),
    "gardien d immeuble": ("1043",),
    "concierge": ("1043",),
    "centre d appel": ("2098",),
    "telecom": ("2148",),
    "paysagiste": ("7018",),
    "agricole": ("7024",),
    "agriculture": ("7024",),
    "spectacle": ("3090",),
    "cinema": ("1307",),
}

# Agreements another one replaced, and since when (empty when the data does not
# say). On 1 January 2024 the national metallurgy agreement (IDCC 3248) replaced
# the 76 territorial metallurgy agreements, the engineers' and executives' one
# (0650) and the steel industry's (2344); the territorial ones are named
# "métallurgie" or "(travail des) métaux" in kali-data. The paper and hardware mergers read
# from their successors' titles.
METALLURGY = "3248"
SUPERSEDED: dict[str, tuple[str, str]] = {
    **{
        idcc: (METALLURGY, "1er janvier 2024")
        for idcc in (
            "0054 0650 0714 0822 0827 0828 0829 0836 0860 0863 0878 0887 0898 0899 0911 "
            "0914 0920 0923 0930 0934 0937 0943 0948 0965 0979 0984 1007 1059 1159 "
            "1164 1274 1315 1353 1365 1369 1375 1387 1472 1525 1560 1564 1572 1576 1577 "
            "1578 1592 1604 1626 1627 1628 1634 1635 1732 1809 1813 1867 1885 1902 "
            "1912 1960 1966 1967 2003 2126 2221 2266 2294 2344 2489 2542 2579 2615 "
            "2630 2700 2755 2980 2992 3053 3209 3231"
        ).split()
    },
    # Hardware trade: the two agreements merged into 3243.
    "0731": ("3243", ""),
    "1383": ("3243", ""),
    # Paper and board: production and converting into 3238, distribution into 3224.
    "0700": ("3238", ""),
    "0707": ("3238", ""),
    "1492": ("3238", ""),
    "1495": ("3238", ""),
    "0802": ("3224", ""),
    "0925": ("3224", ""),
}
