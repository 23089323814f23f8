"""Visitors' feedback: result clicks (a redirecting link without JavaScript, a
beacon with it), reading time, and "Cette page vous a-t-elle aidé ?" votes.
Recording never fails a page: a capped or malformed event is just not kept."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from parvis.feedback.capture import record_click, record_dwell, record_vote
from parvis.www.forms import FeedbackForm
from parvis.www.redirects import local_url
from parvis.www.visits import current_visit

MAX_POSITION = 1000


def _local_path(request, target: str) -> str:
    """`target` if it is a path on this site, else the home page (no open redirect)."""
    return local_url(request, target if target.startswith("/") else "", reverse("www:home"))


def click_links(impression: str, first_position: int, targets: list[str]) -> list[str]:
    """The links of a page of results: each records its click, then leads to its
    target (one `reverse`, the positions filled in: ten results, one lookup)."""
    url = reverse("www:click", kwargs={"impression": impression, "position": 0})
    prefix = url.removesuffix("0/")
    return [
        f"{prefix}{position}/?{urlencode({'vers': target})}"
        for position, target in enumerate(targets, start=first_position)
    ]


@csrf_exempt  # a beacon carries no token; it can only add a capped anonymous click
@require_http_methods(["GET", "POST"])
def click(request, impression: uuid.UUID, position: int):
    if position >= MAX_POSITION:
        return HttpResponseBadRequest("Position de résultat invalide.")
    visit = current_visit(request)
    if request.method == "POST":  # the page's beacon: the browser follows the link itself
        try:  # the page names the click, to report its reading time later
            click_id = str(uuid.UUID(request.POST.get("id", "")))
        except ValueError:
            click_id = None
        record_click(visit.id, str(impression), position, click_id)
        return HttpResponse(status=204)
    record_click(visit.id, str(impression), position)
    return redirect(_local_path(request, request.GET.get("vers", "")))


@csrf_exempt
@require_POST
def reading_time(request):
    """How long a result was read, sent by the page when it is left (JavaScript only)."""
    try:
        click_id = str(uuid.UUID(request.POST.get("clic", "")))
        dwell_ms = int(request.POST.get("ms", ""))
    except ValueError:
        return HttpResponseBadRequest("Mesure de lecture invalide.")
    record_dwell(click_id, dwell_ms)
    return HttpResponse(status=204)


@require_POST
def vote(request):
    """Back to the page with the outcome in `?avis=` (no message cookie): "merci",
    "deja" (this visit already voted on it) or "incomplet" (no answer chosen)."""
    form = FeedbackForm(request.POST)
    back = _local_path(request, request.POST.get("page", "")).split("?")[0]
    if not form.is_valid():
        return redirect(f"{back}?avis=incomplet#avis")
    data = form.cleaned_data
    helpful = data["helpful"] == "oui"
    recorded = record_vote(
        current_visit(request).id, data["key"], helpful, "" if helpful else data["reason"]
    )
    return redirect(f"{back}?avis={'merci' if recorded else 'deja'}#avis")
