"""Filters giving django-dsfr tags the data of a fiche's typed blocks (templates
www/fiche/structure.html and www/fiche_service_public.html).

Nested blocks are rendered by www/fiche/structure.html itself (its output is
escaped HTML), then handed to the tags that take HTML content (accordions, table
cells, callouts). `page` is the page's FichePage (parvis/www/fiche_page.py).
"""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

from parvis.corpus.fiche.blocks import Callout, Cases, Paragraph, Question, Service, Table

register = template.Library()

WARNINGS = ("attention", "avertissement")


def render_blocks(blocks, page) -> str:
    return render_to_string(
        "www/fiche/structure.html", {"blocks": blocks, "nested": True, "page": page}
    )


def render_inlines(parts) -> str:
    return render_to_string("www/fiche/inlines.html", {"parts": parts})


@register.filter
def case_accordions(block: Cases, page) -> list[dict]:
    """`dsfr_accordion_group` items: one per case, its blocks as content."""
    return [
        {
            "id": case.anchor,
            "title": case.title,
            "heading_tag": f"h{block.level}",
            "content": render_blocks(case.blocks, page),
        }
        for case in block.cases
    ]


@register.filter
def choice_accordions(question: Question, page) -> list[dict]:
    """`dsfr_accordion_group` items: one per choice, what applies under it."""
    return page.choice_accordions(question, heading_level=4)


@register.filter
def table_data(block: Table, page) -> dict:
    """`dsfr_table` data for a simple table (one header row, no merged cells)."""
    header = [render_blocks(cell.blocks, page) for row in block.head for cell in row]
    return {
        "caption": block.title,
        "header": header,
        "content": [[render_blocks(cell.blocks, page) for cell in row] for row in block.body],
    }


@register.filter
def single_paragraph(block: Callout) -> bool:
    """Whether a callout is one paragraph, which django-dsfr's callout and highlight
    (whose text sits in a <p>) can hold."""
    return len(block.blocks) == 1 and isinstance(block.blocks[0], Paragraph)


@register.filter
def callout_data(block: Callout) -> dict:
    """`dsfr_callout` data (warnings) for a one-paragraph callout."""
    return {
        "title": block.title,
        "heading_tag": "p",
        "text": render_inlines(block.blocks[0].content),
        "icon_class": "fr-icon-warning-line",
        "extra_classes": "fr-my-3w",
    }


@register.filter
def highlight_data(block: Callout) -> dict:
    """`dsfr_highlight` data (À noter, À savoir, Rappel) for a one-paragraph callout."""
    text = render_inlines(block.blocks[0].content)
    content = format_html("<strong>{}</strong><br>{}", block.title, text)
    return {"content": content, "extra_classes": "fr-my-3w"}


@register.filter
def is_warning(block: Callout) -> bool:
    return block.kind in WARNINGS


@register.filter
def service_card(block: Service, page) -> dict:
    """`dsfr_card` data for a service met in the body of a fiche."""
    return page.service_card(block, heading_tag="p")


@register.filter
def condition_label(condition, page) -> str:
    return page.condition_label(condition)
