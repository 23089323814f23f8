"""Content-Security-Policy with a per-request nonce for the DSFR script tags."""

import secrets

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            # The OpenAPI viewer loads its own scripts; it is a developer page.
            return response
        response.setdefault(
            "Content-Security-Policy",
            settings.CONTENT_SECURITY_POLICY.format(nonce=request.csp_nonce),
        )
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response
