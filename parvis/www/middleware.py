"""Site-wide middleware: the Content-Security-Policy (a per-request nonce for
the DSFR script tags) and the answer to a database outage."""

import logging
import secrets

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        response.setdefault(
            "Content-Security-Policy",
            settings.CONTENT_SECURITY_POLICY.format(nonce=request.csp_nonce),
        )
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class DatabaseUnavailableMiddleware:
    """A database outage answers 503 with Retry-After (JSON on the API), not a 500.

    Search does not need the database (it serves from its index build), so only
    the pages and API calls that read the database answer this way meanwhile;
    persistent connections are health-checked, so service resumes by itself.
    """

    RETRY_AFTER_SECONDS = 10
    MESSAGE = (
        "Le service est momentanément indisponible (base de données injoignable). "
        "Réessayez dans quelques instants."
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable: %s", exception)
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": self.MESSAGE}, status=503)
        else:
            response = self._page(request)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

    def _page(self, request) -> HttpResponse:
        try:
            return render(
                request,
                "www/503.html",
                {"title": "Service momentanément indisponible", "message": self.MESSAGE},
                status=503,
            )
        except (OperationalError, InterfaceError):  # the page itself needed the database
            return HttpResponse(self.MESSAGE, status=503, content_type="text/plain; charset=utf-8")
