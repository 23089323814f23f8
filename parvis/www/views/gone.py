"""Documents their source no longer publishes: their pages answer 410 (Gone)
with the date they went and a pointer to the document that replaces them (or a
search for their title), not a bare 404. The ingestion remembers them
(parvis.corpus.models.RemovedDocument)."""

from functools import wraps
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from parvis.corpus.models import RemovedDocument


def removed_document(kind=None, slug=None, idcc=None, key=None) -> RemovedDocument | None:
    """The removed document a page's URL named, if any."""
    if key:
        return RemovedDocument.objects.filter(key=key).first()
    lookup = {"kind": kind}
    if slug is not None:
        lookup["slug"] = slug
    if idcc is not None:
        lookup["idcc"] = idcc
    if slug is None and idcc is None:
        return None
    return RemovedDocument.objects.filter(**lookup).order_by("-removed_at").first()


def gone(request, removed: RemovedDocument):
    replacement = removed.replacement()
    return render(
        request,
        "www/410.html",
        {
            "title": "Document retiré",
            "removed": removed,
            "removed_on": date_format(timezone.localtime(removed.removed_at), "j F Y"),
            "replacement": replacement,
            "search_url": f"{reverse('www:search')}?{urlencode({'q': removed.title})}",
        },
        status=410,
    )


def gone_when_removed(kind=None, by_idcc=False):
    """A document view's 404 becomes a 410 when its URL names a removed document:
    by its kind (the view's `kind` argument, else `kind`) and slug, or by IDCC for
    an agreement (its slug in the URL is only a label)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                found = removed_document(
                    kind=kwargs.get("kind", kind),
                    slug=None if by_idcc else kwargs.get("slug"),
                    idcc=kwargs.get("idcc"),
                    key=kwargs.get("key"),
                )
                if found is None:
                    raise
                return gone(request, found)

        return wrapper

    return decorator
