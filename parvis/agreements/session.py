"""The visitor's agreement, remembered in their session for the visit (no account):
what the header shows on every page without a database query."""

from parvis.agreements.service import Found

SESSION_KEY = "parvis_agreement"


def remember(session, found: Found) -> None:
    session[SESSION_KEY] = {
        "idcc": found.idcc,
        "short_title": found.short_title,
        "url": found.url,
    }


def chosen(session) -> dict | None:
    """{"idcc", "short_title", "url"} of the agreement chosen, or None."""
    value = session.get(SESSION_KEY)
    return value if isinstance(value, dict) and value.get("idcc") else None


def forget(session) -> None:
    session.pop(SESSION_KEY, None)
