"""The visit: a random id in a cookie that lasts until the browser closes and
is replaced after 30 minutes without activity or 24 hours in all. It carries
the visit's last search (to spot reformulations). No account, no address, no
lasting identifier: the feedback app's only notion of who did what.

The cookie is set only when a page records something (a search, a click, a
vote): reading pages sets nothing."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

COOKIE = "parvis_visite"
SALT = "parvis.www.visits"
IDLE_SECONDS = 30 * 60
MAX_AGE_SECONDS = 24 * 3600
REFORMULATION_SECONDS = 10 * 60


@dataclass
class Visit:
    id: str
    started: float
    last_seen: float
    last_search: str = ""

    def previous_search(self, now: float) -> str | None:
        """The search this one may reformulate: the visit's last, if recent."""
        if self.last_search and now - self.last_seen <= REFORMULATION_SECONDS:
            return self.last_search
        return None


def _read(request) -> Visit | None:
    try:
        data = signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT)
        visit = Visit(str(data["v"]), float(data["s"]), float(data["t"]), str(data.get("q", "")))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    now = time.time()
    if now - visit.last_seen > IDLE_SECONDS or now - visit.started > MAX_AGE_SECONDS:
        return None
    return visit


def current_visit(request) -> Visit:
    """The request's visit, started if there is none; its cookie is (re)written."""
    visit = getattr(request, "_parvis_visit", None) or _read(request)
    if visit is None:
        now = time.time()
        visit = Visit(secrets.token_hex(16), now, now)
    request._parvis_visit = visit
    return visit


class VisitMiddleware:
    """Writes the visit cookie when the view used the visit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        visit = getattr(request, "_parvis_visit", None)
        if visit is not None:
            visit.last_seen = time.time()
            value = signing.dumps(
                {"v": visit.id, "s": visit.started, "t": visit.last_seen, "q": visit.last_search},
                salt=SALT,
                compress=True,
            )
            response.set_cookie(
                COOKIE,
                value,
                max_age=None,  # ends with the browser session
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
