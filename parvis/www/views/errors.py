from django.shortcuts import render


def _ensure_nonce(request):
    """Error pages can be rendered outside the middleware (static file handler)."""
    if not hasattr(request, "csp_nonce"):
        request.csp_nonce = ""


def page_not_found(request, exception=None):
    _ensure_nonce(request)
    return render(request, "www/404.html", {"title": "Page introuvable"}, status=404)


def server_error(request):
    _ensure_nonce(request)
    return render(request, "www/500.html", {"title": "Erreur inattendue"}, status=500)


def permission_denied(request, exception=None):
    _ensure_nonce(request)
    message = (
        str(exception) if exception and str(exception) else "Vous n’avez pas accès à cette page."
    )
    return render(
        request, "www/403.html", {"title": "Accès refusé", "message": message}, status=403
    )
