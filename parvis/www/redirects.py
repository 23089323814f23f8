"""Where a page may send a visitor back to: a URL the request names ("next",
"vers", "page"), only when it leads to this site (no open redirect)."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request, target: str, fallback: str) -> str:
    """`target` when it stays on this site, else `fallback`."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
