"""Helpers shared by the search commands."""

from django.core.management.base import CommandError


def open_engine():
    """The engine on the current index build, or a clear error when none is built."""
    from parvis.search.service import get_engine  # heavy: only for the commands that search

    engine = get_engine()
    if engine is None:
        raise CommandError("Pas d'index : lancez d'abord `python -m parvis build_index`.")
    return engine
