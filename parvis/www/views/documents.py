"""One page per document type. Views only fetch and hand over to templates."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from parvis.corpus.enums import Kind
from parvis.corpus.links import document_url
from parvis.corpus.models import Document

CODE_NAMES = {
    Kind.CODE_DU_TRAVAIL: "Code du travail",
    Kind.CODE_SECURITE_SOCIALE: "Code de la sécurité sociale",
}


def _document(kind, **lookup) -> Document:
    return get_object_or_404(Document, kind=kind, **lookup)


def linked_documents(keys) -> dict:
    """{key: {"url", "label"}} for the documents we hold among `keys`."""
    rows = Document.objects.filter(key__in=set(keys)).values_list(
        "key", "kind", "slug", "idcc", "number", "title"
    )
    return {
        key: {"url": document_url(kind, slug, idcc), "label": number or title}
        for key, kind, slug, idcc, number, title in rows
    }


def _with_links(references: list[dict]) -> list[dict]:
    """Attach our page links to each reference's resolved keys."""
    links = linked_documents(k for ref in references for k in ref.get("keys", []))
    return [
        {**ref, "links": [links[k] for k in ref.get("keys", []) if k in links]}
        for ref in references
    ]


def _crumbs(*pairs):
    """DSFR breadcrumb data; the home link is added by the template tag itself."""
    return {
        "links": [{"url": url, "title": title} for title, url in pairs[:-1] if url],
        "current": pairs[-1][0],
        "root_dir": "/",
    }


def code_article(request, kind, slug):
    article = _document(kind, slug=slug)
    siblings = Document.objects.articles_of_code(kind).only("slug", "number", "kind", "idcc")
    previous = siblings.filter(position__lt=article.position).order_by("-position").first()
    following = siblings.filter(position__gt=article.position).first()
    return render(
        request,
        "www/article.html",
        {
            "document": article,
            "code_name": CODE_NAMES[kind],
            "previous": previous,
            "next": following,
            "title": f"{article.title} — {CODE_NAMES[kind]}",
            "breadcrumb_data": _crumbs((CODE_NAMES[kind], ""), (article.title, "")),
        },
    )


def agreement_list(request):
    agreements = Document.objects.agreements().only("idcc", "slug", "title", "data")
    return render(
        request,
        "www/agreement_list.html",
        {
            "agreements": agreements,
            "title": "Conventions collectives",
            "breadcrumb_data": _crumbs(("Conventions collectives", "")),
        },
    )


def agreement(request, idcc, slug=None):
    document = _document(Kind.CONVENTION_COLLECTIVE, idcc=idcc)
    if slug != document.slug.split("-", 1)[1]:
        return redirect(document.get_absolute_url(), permanent=True)
    texts = document.data.get("texts", [])
    articles = {
        key: {"title": title, "url": document_url(Kind.ARTICLE_CONVENTION, slug, article_idcc)}
        for key, title, slug, article_idcc in Document.objects.filter(
            key__in={k for text in texts for k in text["articles"]}
        ).values_list("key", "title", "slug", "idcc")
    }
    texts = [
        {**text, "items": [articles[k] for k in text["articles"] if k in articles]}
        for text in texts
    ]
    groups = [
        (label, [t for t in texts if t["group"] == group])
        for group, label in (
            ("base", "Texte de base"),
            ("attached", "Textes attachés"),
            ("salary", "Textes salaires"),
        )
    ]
    return render(
        request,
        "www/agreement.html",
        {
            "document": document,
            "groups": [(label, items) for label, items in groups if items],
            "article_count": len(articles),
            "title": document.data.get("short_title") or document.title,
            "breadcrumb_data": _crumbs(
                ("Conventions collectives", "/convention-collective/"),
                (document.data.get("short_title") or document.title, ""),
            ),
        },
    )


def agreement_article(request, idcc, slug):
    article = _document(Kind.ARTICLE_CONVENTION, idcc=idcc, slug=slug)
    parent = Document.objects.filter(key=article.parent_key).first()
    siblings = Document.objects.filter(parent_key=article.parent_key).only(
        "slug", "title", "kind", "idcc"
    )
    previous = siblings.filter(position__lt=article.position).order_by("-position").first()
    following = siblings.filter(position__gt=article.position).order_by("position").first()
    short_title = parent.data.get("short_title") if parent else idcc
    return render(
        request,
        "www/agreement_article.html",
        {
            "document": article,
            "agreement": parent,
            "previous": previous,
            "next": following,
            "title": f"{article.title} — {short_title}",
            "breadcrumb_data": _crumbs(
                ("Conventions collectives", "/convention-collective/"),
                (short_title, parent.get_absolute_url() if parent else ""),
                (article.title, ""),
            ),
        },
    )


def fiche(request, kind, slug):
    """A service-public.fr or ministry fiche; its template is named after its kind."""
    document = _document(kind, slug=slug)
    return render(
        request,
        f"www/{kind}.html",
        {
            "document": document,
            "references": _with_links(document.data.get("references", [])),
            "title": document.title,
            "breadcrumb_data": _crumbs((document.title, "")),
        },
    )


def contribution(request, slug):
    document = _document(Kind.CONTRIBUTION, slug=slug)
    answers = document.data.get("answers", [])
    idcc = request.GET.get("idcc", "")
    selected = next((a for a in answers if a["idcc"] == idcc), None) if idcc else None
    agreements = dict(
        Document.objects.agreements()
        .filter(idcc__in=[a["idcc"] for a in answers])
        .values_list("idcc", "data__short_title")
    )
    fiches = linked_documents(document.data.get("fiches", []))
    return render(
        request,
        "www/contribution.html",
        {
            "document": document,
            "references": _with_links(document.data.get("references", [])),
            "answers": [{**a, "agreement": agreements.get(a["idcc"], "")} for a in answers],
            "selected": selected
            and {
                **selected,
                "agreement": agreements.get(selected["idcc"], ""),
                "references": _with_links(selected.get("references", [])),
            },
            "idcc": idcc,
            "fiches": list(fiches.values()),
            "title": document.title,
            "breadcrumb_data": _crumbs(("Questions-réponses", ""), (document.title, "")),
        },
    )


def by_key(request, key):
    document = Document.objects.filter(key=key).only("kind", "slug", "idcc").first()
    if document is None:
        raise Http404("document inconnu")
    return redirect(document.get_absolute_url())
