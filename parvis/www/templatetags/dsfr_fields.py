"""Preparing plain Django form fields (django-allauth's forms) for django-dsfr's field
snippets, which read a `group_class` on the widget."""

from django import template
from dsfr.utils import dsfr_input_class_attr

register = template.Library()


def prepare_widget(widget) -> None:
    if not hasattr(widget, "group_class"):
        widget.group_class = "fr-input-group"


@register.filter
def dsfr_field(bound_field):
    dsfr_input_class_attr(bound_field)
    prepare_widget(bound_field.field.widget)
    return bound_field
