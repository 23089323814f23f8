"""`{% glossary_tip "idcc" %}`: django-dsfr's tooltip with the glossary's definition
of a term (shown on hover and on focus of its information button)."""

from django import template

from parvis.www.glossary import GLOSSARY

register = template.Library()
TERMS = {term.slug: term for term in GLOSSARY}


@register.inclusion_tag("dsfr/tooltip.html")
def glossary_tip(slug: str) -> dict:
    term = TERMS[slug]
    return {
        "self": {
            "id": f"glossaire-{term.slug}",
            "content": f"{term.term} : {term.definition}",
            "is_clickable": True,
        }
    }
