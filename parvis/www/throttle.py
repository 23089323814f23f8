"""Login throttling for the back office: failed logins are counted per client
address and per (address, user name) in the shared cache; past the limit the
login form answers 429 with Retry-After until the window ends."""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.core.cache import caches
from django.http import HttpResponse

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_USER = 5  # per address and user name: guessing one account's password
MAX_FAILURES_PER_ADDRESS = 20  # per address: trying many accounts
MESSAGE = (
    "Trop de tentatives de connexion échouées. Pour protéger les comptes, la connexion "
    "est suspendue pendant 15 minutes depuis votre adresse."
)


def _keys(request) -> list[tuple[str, int]]:
    address = request.META.get("REMOTE_ADDR", "")
    user = request.POST.get("username", "").strip().lower()
    digest = hashlib.sha256(f"{address}|{user}".encode()).hexdigest()[:32]
    return [
        (
            f"login-failures:address:{hashlib.sha256(address.encode()).hexdigest()[:32]}",
            MAX_FAILURES_PER_ADDRESS,
        ),
        (f"login-failures:user:{digest}", MAX_FAILURES_PER_USER),
    ]


def _blocked_until(request) -> float | None:
    cache = caches["default"]
    for key, limit in _keys(request):
        failures = cache.get(key)
        if failures and failures["count"] >= limit:
            return failures["since"] + WINDOW_SECONDS
    return None


def _record_failure(request) -> None:
    cache = caches["default"]
    now = time.time()
    for key, _limit in _keys(request):
        failures = cache.get(key) or {"count": 0, "since": now}
        failures["count"] += 1
        cache.set(key, failures, timeout=int(failures["since"] + WINDOW_SECONDS - now) + 1)


def throttled_login(login_view):
    """Wrap a login view: a failed POST re-renders the form (200), a success redirects."""

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        if (until := _blocked_until(request)) is not None:
            response = HttpResponse(MESSAGE, status=429, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(max(1, int(until - time.time())))
            return response
        response = login_view(request, *args, **kwargs)
        if response.status_code == 200:
            _record_failure(request)
        return response

    return view
