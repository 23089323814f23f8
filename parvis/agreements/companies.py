"""Find an employer's agreements from its SIRET, SIREN or name, through the State's
public companies search API (recherche-entreprises: GET <base>/search?q=...).

Off unless settings.COMPANIES_API_URL is set. One request, one retry when the
service is down, slow or failing (5xx, 429); every failure is a CompaniesError
with a French message a page can show as it is. IDCC 9999 ("no agreement") and
an empty list both mean that the Code du travail alone applies.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings

from parvis.checksums import luhn_ok, siret_checksum_ok

NO_AGREEMENT = "9999"
NO_AGREEMENT_MESSAGE = "Pas de convention collective : le Code du travail s’applique."
MAX_COMPANIES = 5
_SEPARATORS = re.compile(r"[\s.\-\u00a0\u202f]+")
_IDCC = re.compile(r"^\d{1,4}$")


class IdentifierError(ValueError):
    """A SIRET or SIREN that cannot be one (length, check digit): a 400."""


class CompaniesError(Exception):
    """The companies service is off, down, slow or answered nonsense."""


@dataclass(frozen=True)
class Company:
    siren: str
    name: str
    # the establishment's when a SIRET was given, else the company's; no 9999
    idccs: tuple[str, ...]
    siret: str = ""
    declared_none: bool = field(default=False)  # 9999 or no IDCC at all

    @property
    def has_agreement(self) -> bool:
        return bool(self.idccs)


def parse_identifier(text: str) -> tuple[str, str]:
    """("siret" | "siren" | "name", value): digits (spaces and dots allowed) are a
    SIRET (14) or a SIREN (9) whose check digit must be right; letters are a name."""
    compact = _SEPARATORS.sub("", text or "")
    if not compact:
        raise IdentifierError("Indiquez un SIRET, un SIREN ou un nom d’entreprise.")
    if not compact.isdigit():
        return "name", " ".join(text.split())
    if len(compact) not in (9, 14):
        raise IdentifierError(
            f"Un SIRET compte 14 chiffres et un SIREN 9 : vous en avez saisi {len(compact)}."
        )
    kind = "siret" if len(compact) == 14 else "siren"
    valid = siret_checksum_ok(compact) if kind == "siret" else luhn_ok(compact)
    if not valid:
        raise IdentifierError(
            f"Ce {kind.upper()} n’est pas valide : sa clé de contrôle (algorithme de Luhn) "
            "ne correspond pas. Vérifiez chaque chiffre sur votre fiche de paie."
        )
    return kind, compact


def _idccs(values) -> tuple[tuple[str, ...], bool]:
    """IDCCs of a liste_idcc, 4 digits each, without 9999; and whether none is left."""
    if values is None:
        return (), True
    if not isinstance(values, list):
        raise CompaniesError(_GARBAGE)
    found = []
    for value in values:
        value = str(value).strip()
        if not _IDCC.match(value):
            raise CompaniesError(_GARBAGE)
        value = value.zfill(4)
        if value != NO_AGREEMENT and value not in found:
            found.append(value)
    return tuple(found), not found


_ELSE = "cherchez votre convention par son nom ou son numéro IDCC."
_OFF = f"La recherche par entreprise n’est pas disponible sur ce site : {_ELSE}"
_SERVICE = "Le service de recherche d’entreprises"
_DOWN = f"{_SERVICE} ne répond pas. Réessayez plus tard, ou {_ELSE}"
_SLOW = f"{_SERVICE} met trop de temps à répondre. Réessayez plus tard, ou {_ELSE}"
_GARBAGE = f"{_SERVICE} a envoyé une réponse illisible. Réessayez plus tard, ou {_ELSE}"


def _fetch(url: str, timeout: float) -> bytes:
    """The body of a 200, with one retry on a connection failure, a timeout, a 5xx or
    a 429; CompaniesError otherwise."""
    last = _DOWN
    for _attempt in range(2):
        try:
            request = urllib.request.Request(url, headers={"Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.read(2_000_000)
        except urllib.error.HTTPError as error:
            error.close()  # it holds the connection
            if error.code < 500 and error.code != 429:
                raise CompaniesError(
                    f"{_SERVICE} a refusé la demande (erreur {error.code}) : {_ELSE}"
                ) from None
            last = _DOWN
        except TimeoutError:
            last = _SLOW
        except urllib.error.URLError as error:
            last = _SLOW if isinstance(error.reason, TimeoutError | socket.timeout) else _DOWN
        except (ConnectionError, OSError):
            last = _DOWN
    raise CompaniesError(last)


def _company(entry, kind: str, value: str) -> Company:
    if not isinstance(entry, dict) or not isinstance(entry.get("siren"), str):
        raise CompaniesError(_GARBAGE)
    name = str(entry.get("nom_complet") or entry.get("nom_raison_sociale") or entry["siren"])
    complements = entry.get("complements") or {}
    if not isinstance(complements, dict):
        raise CompaniesError(_GARBAGE)
    idccs, none = _idccs(complements.get("liste_idcc"))
    siret = ""
    if kind == "siret":
        establishments = entry.get("matching_etablissements") or []
        if not isinstance(establishments, list):
            raise CompaniesError(_GARBAGE)
        for establishment in establishments:
            if isinstance(establishment, dict) and establishment.get("siret") == value:
                idccs, none = _idccs(establishment.get("liste_idcc"))
                siret = value
                break
    return Company(entry["siren"], name, idccs, siret, none)


def lookup(text: str) -> list[Company]:
    """The companies a SIRET, SIREN or name designates, with their agreements.

    IdentifierError for a malformed SIRET or SIREN; CompaniesError when the service
    is off, down, slow or answers garbage."""
    kind, value = parse_identifier(text)
    base = settings.COMPANIES_API_URL
    if not base:
        raise CompaniesError(_OFF)
    query = urllib.parse.urlencode({"q": value, "page": 1, "per_page": MAX_COMPANIES})
    body = _fetch(f"{base}/search?{query}", settings.COMPANIES_API_TIMEOUT)
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise CompaniesError(_GARBAGE) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        raise CompaniesError(_GARBAGE)
    companies = [_company(entry, kind, value) for entry in payload["results"][:MAX_COMPANIES]]
    if kind != "name":  # a number names one company: never another one
        companies = [c for c in companies if c.siren == value[:9]]
    return companies
