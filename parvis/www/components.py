"""The data django-dsfr's template tags take (cards, tiles, tables, accordions,
callouts, breadcrumbs), built from our documents and search results.

Some tags mark their text as safe (`dsfr_table` cells, `dsfr_accordion` content,
`dsfr_callout` text when given safe HTML), so every piece of markup here is built
with `format_html`, which escapes what it inserts.
"""

import html
import re

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from parvis.corpus import currency
from parvis.corpus.enums import Kind, Source
from parvis.corpus.links import document_url
from parvis.corpus.plan import Section, code_plan
from parvis.corpus.themes import GROUPS, THEMES, Theme, plan_digits
from parvis.corpus.themes import PLAN_DIGITS as PLAN_LENGTH

KIND_LABELS = dict(Kind.choices)
SOURCE_NAMES = {
    Source.LEGI: "Légifrance",
    Source.KALI: "Légifrance",
    Source.VDD: "service-public.fr",
    Source.TRAVAIL: "travail-emploi.gouv.fr",
    Source.CONTRIBUTION: "code.travail.gouv.fr",
}
PICTOGRAMS = "dsfr/dist/artwork/pictograms/"
CODE_NAMES = {
    Kind.CODE_DU_TRAVAIL: "Code du travail",
    Kind.CODE_SECURITE_SOCIALE: "Code de la sécurité sociale",
}


def breadcrumb(*pairs: tuple[str, str]) -> dict:
    """`dsfr_breadcrumb` data from (title, url) pairs, the current page last; the tag
    adds the home link itself."""
    return {
        "links": [{"url": url, "title": title} for title, url in pairs[:-1] if url],
        "current": pairs[-1][0],
        "root_dir": "/",
    }


def replaced_notice(successor) -> str:
    """`dsfr_alert` content on a merged agreement's page: which one replaced it (a
    picker `Found`), since when; "" when none did."""
    if successor is None:
        return ""
    since = f" le {successor.replaced_since}" if successor.replaced_since else ""
    return format_html(
        'Cette convention a été remplacée{} par la convention <a href="{}">{} (IDCC {})</a>.',
        since,
        successor.url,
        successor.short_title,
        successor.idcc,
    )


def replaced_answer_notice(successor) -> str:
    """`dsfr_alert` content above a replaced agreement's answer: it answers for the
    time before the replacement; "" when no agreement replaced it."""
    notice = replaced_notice(successor)
    return (
        format_html("{} Cette réponse vaut pour la période antérieure.", notice) if notice else ""
    )


def official_source(document) -> dict:
    """`dsfr_callout` data: the link to the official text (the date is under the title)."""
    name = SOURCE_NAMES[document.source]
    link = format_html(
        '<a href="{}" target="_blank" rel="noopener" title="{} - nouvelle fenêtre">{}</a>',
        document.official_url,
        name,
        name,
    )
    return {
        "text": format_html("Source officielle : {}", link),
        "extra_classes": "fr-mt-4w parvis-source",
    }


def stale_notice(document) -> dict | None:
    """`dsfr_notice` data for a fiche older than the configured age (None otherwise):
    its rules may have changed since, the official page is the one to check."""
    if not currency.is_stale(document.kind, document.modified):
        return None
    months = currency.stale_after_months()
    return {
        "title": f"Cette fiche n’a pas été mise à jour depuis plus de {months} mois.",
        "description": (
            f"{currency.date_line(document.kind, document.modified)} : les règles ont pu "
            f"changer depuis. Vérifiez-les sur la page officielle "
            f"({SOURCE_NAMES[document.source]})."
        ),
        "link": document.official_url,
        "type": "warning",
    }


def text_date_line(text: dict) -> str:
    """An agreement text's date ("Texte du 3 septembre 2019"), "" when it has none."""
    day = currency.shown_date(currency.parse_iso(text.get("modified")))
    return f"Texte du {currency.french_date(day)}" if day else ""


def has_text(fragment: str | None) -> bool:
    """Whether an HTML fragment shows any text (`<p></p><p><br></p>` does not)."""
    return bool(html.unescape(strip_tags(fragment or "")).strip())


def agreement_article_heading(title: str, breadcrumb: list[str], idcc: str = "") -> str:
    """An agreement article named within its agreement: most are titled "Article" or
    "Article 2", which says nothing alone. The innermost section of its path (after
    the agreement's and the text's names; two sections when the title has no number,
    as "Article — Titre III : Contrat de travail › Préambule") tells what it is about:
    "Article 2 — Période d'essai — IDCC 1516" (the IDCC left out within the agreement's
    own page)."""
    sections = breadcrumb[2:] or breadcrumb[1:2]  # its sections, else its text's name
    sections = [s.strip().rstrip(".") for s in sections[-1 if re.search(r"\d", title) else -2 :]]
    parts = [title]
    if sections and sections[-1].casefold() != title.strip(" .").casefold():
        parts.append(" › ".join(sections))
    if idcc:
        parts.append(f"IDCC {idcc}")
    return " — ".join(parts)


def _tile(title: str, url: str, description: str, pictogram: str, heading: str = "h3") -> dict:
    return {
        "title": title,
        "url": url,
        "description": description,
        "svg_path": static(PICTOGRAMS + pictogram),
        "heading_tag": heading,
    }


def home_tiles(counts: dict) -> list[dict]:
    """`dsfr_tile` data for the home page: every way into what Parvis holds."""
    return [
        _tile(
            "Code du travail",
            reverse("www:code_du_travail_plan"),
            f"Sommaire : parties, livres, titres, chapitres ; "
            f"{counts[Kind.CODE_DU_TRAVAIL]} articles en vigueur",
            "institutions/justice.svg",
        ),
        _tile(
            "Code de la sécurité sociale",
            reverse("www:code_securite_sociale_plan"),
            f"Sommaire et {counts[Kind.CODE_SECURITE_SOCIALE]} articles en vigueur",
            "health/health.svg",
        ),
        _tile(
            "Conventions collectives",
            reverse("www:agreements"),
            f"{counts[Kind.CONVENTION_COLLECTIVE]} conventions, par nom ou numéro IDCC",
            "document/contract.svg",
        ),
        _tile(
            "Questions-réponses",
            reverse("www:questions"),
            f"{counts[Kind.CONTRIBUTION]} réponses du ministère du Travail, "
            "selon votre convention collective",
            "system/information.svg",
        ),
        _tile(
            "Fiches pratiques par thème",
            reverse("www:themes"),
            f"{counts[Kind.FICHE_SERVICE_PUBLIC]} fiches service-public.fr, "
            f"{counts[Kind.FICHE_MINISTERE_TRAVAIL]} fiches du ministère du Travail",
            "document/document-search.svg",
        ),
        _tile(
            "Simulateurs",
            reverse("www:outils"),
            "Indemnités de licenciement, de rupture conventionnelle, de précarité ; "
            "durées de préavis",
            "institutions/money.svg",
        ),
        _tile(
            "Modèles de courriers",
            reverse("www:modeles"),
            "Démission, rupture conventionnelle, congés, réclamations… à remplir, en PDF ou Word",
            "document/document-signature.svg",
        ),
        _tile(
            "Glossaire",
            reverse("www:glossary"),
            "Les mots du droit du travail expliqués",
            "leisure/book.svg",
        ),
    ]


def theme_tile(theme: Theme, heading: str = "h3") -> dict:
    return _tile(
        theme.title,
        reverse("www:theme", args=[theme.slug]),
        theme.description,
        theme.pictogram,
        heading,
    )


def theme_groups(heading: str = "h3") -> list[tuple[str, list[dict]]]:
    """(group title, `dsfr_tile` data of its themes), in declared order."""
    return [
        (title, [theme_tile(theme, heading) for theme in THEMES if theme.group == group])
        for group, title in GROUPS.items()
    ]


def theme_tags() -> list[tuple[str, list[dict]]]:
    """(group title, `dsfr_tag` data of its themes): the home page's themes, as tags
    (as tiles, their 17 pictograms would add 40 KB to the page's first load)."""
    return [
        (
            title,
            [
                {"label": theme.title, "link": reverse("www:theme", args=[theme.slug])}
                for theme in THEMES
                if theme.group == group
            ],
        )
        for group, title in GROUPS.items()
    ]


def short_section_title(title: str) -> str:
    """A section's label for a breadcrumb ("Livre II" for "Livre II : Le contrat de
    travail"); a title without a label is kept, cut at 60 characters."""
    label = title.split(":", 1)[0].strip() if ":" in title else title
    return Truncator(label).chars(60)


def plan_url(kind: str, section: Section) -> str:
    name = {
        Kind.CODE_DU_TRAVAIL: "www:code_du_travail_plan",
        Kind.CODE_SECURITE_SOCIALE: "www:code_securite_sociale_plan",
    }[kind]
    return reverse(name, kwargs={"path": section.path}) if section.path else reverse(name)


def plan_tree(kind: str, section: Section, levels: int, article_levels: int = 1) -> dict:
    """The part of a code's plan a table-of-contents page shows: `section`'s sections
    `levels` deep, and the articles of `section` and of the sections `article_levels`
    below it (deeper articles are on their sections' own pages, which the deepest
    sections shown link to)."""

    def node(current: Section, depth: int) -> dict:
        return {
            "title": current.title,
            "url": plan_url(kind, current),
            "count": current.article_count,
            "articles": [
                {"label": article.title, "url": document_url(kind, article.slug)}
                for article in (current.articles if depth <= article_levels else ())
            ],
            "children": (
                [node(child, depth + 1) for child in current.children] if depth < levels else []
            ),
        }

    return node(section, 0)


def theme_code_sections(theme: Theme) -> list[dict]:
    """The sections of the codes' plans a theme names: links to their tables of contents."""
    found = []
    for kind in (Kind.CODE_DU_TRAVAIL, Kind.CODE_SECURITE_SOCIALE):
        prefixes = theme.plan_prefixes(kind)
        if not prefixes:
            continue
        plan = code_plan(kind)
        for prefix in prefixes:
            for section in plan.covering(
                lambda number, prefix=prefix, kind=kind: (
                    plan_digits(number).startswith(prefix)
                    and len(plan_digits(number)) == PLAN_LENGTH[kind]
                )
            ):
                path = [ancestor.title for ancestor in section.ancestors(include_self=True)]
                found.append(
                    {
                        "label": path[-1],
                        "context": " › ".join([CODE_NAMES[kind], *path[:-1]]),
                        "url": plan_url(kind, section),
                        "count": section.article_count,
                    }
                )
    return found


def result_card(result) -> dict:
    """`dsfr_card` data for one search result: type badge ("À vérifier" too for a
    stale fiche), section path, snippet, date."""
    top_detail = {
        "badges": [
            {
                "label": KIND_LABELS.get(result.type, result.type),
                "extra_classes": "fr-badge--sm fr-badge--info",
            }
        ]
    }
    modified = currency.parse_iso(result.modified)
    if currency.is_stale(result.type, modified):
        top_detail["badges"].append(
            {"label": "À vérifier", "extra_classes": "fr-badge--sm fr-badge--warning"}
        )
    if result.breadcrumb:
        top_detail["detail"] = {"text": Truncator(result.breadcrumb).chars(140)}
    # The engine escapes the snippet's text and adds only <mark> around matches.
    snippet = mark_safe(result.snippet)
    card = {
        "title": result.title,
        "link": result.url,
        "heading_tag": "h2",
        "description": snippet,
        "top_detail": top_detail,
        "extra_classes": "fr-card--sm",
        # The tag cuts titles at 100 and descriptions at 200 characters by default,
        # which would cut the snippet's <mark> tags: both are shown whole.
        "title_max_length": len(result.title),
        "description_max_length": len(snippet),
    }
    if currency.shown_date(modified):  # the date it was last changed, as its page says it
        card["bottom_detail"] = {"text": currency.date_line(result.type, modified)}
    return card


def summary(sections: list[dict]) -> list[dict]:
    """`dsfr_summary` items: a link to each section's anchor."""
    return [{"link": f"#{section['anchor']}", "label": section["title"]} for section in sections]
