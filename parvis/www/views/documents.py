"""One page per document type. Views only fetch and hand over to templates."""

import re

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from parvis.agreements import service as agreement_service
from parvis.agreements.answers import personalised, questions_for
from parvis.agreements.session import chosen
from parvis.corpus.enums import Kind, RelationType
from parvis.corpus.links import document_url
from parvis.corpus.models import Document
from parvis.corpus.plan import code_plan
from parvis.corpus.themes import THEME_KEY_PREFIX, THEMES_BY_SLUG
from parvis.www import components
from parvis.www.agreement_contents import article_rows, contents
from parvis.www.forms import AgreementAnswerForm, AgreementFilterForm, AgreementPickerForm
from parvis.www.views import agreements
from parvis.www.views.gone import gone_when_removed

CODE_NAMES = {
    Kind.CODE_DU_TRAVAIL: "Code du travail",
    Kind.CODE_SECURITE_SOCIALE: "Code de la sécurité sociale",
}


def _document(kind, **lookup) -> Document:
    return get_object_or_404(Document, kind=kind, **lookup)


def linked_documents(keys) -> dict:
    """{key: {"url", "label"}} for the documents we hold among `keys`; an agreement
    article is named with its section ("Article 2 — Période d'essai")."""
    rows = Document.objects.filter(key__in=set(keys)).values_list(
        "key", "kind", "slug", "idcc", "number", "title", "breadcrumb"
    )
    return {
        key: {
            "url": document_url(kind, slug, idcc),
            "label": components.agreement_article_heading(title, breadcrumb)
            if kind == Kind.ARTICLE_CONVENTION
            else number or title,
        }
        for key, kind, slug, idcc, number, title, breadcrumb in rows
    }


_BARE_KALI_ID = re.compile(r"KALIARTI\d{12}")


def _with_links(references: list[dict]) -> list[dict]:
    """Attach our page links to each reference's resolved keys; a reference the
    data names only by a Légifrance id that we could not resolve (an article no
    longer in force) is named in words."""
    links = linked_documents(k for ref in references for k in ref.get("keys", []))
    found = []
    for ref in references:
        shown = [links[k] for k in ref.get("keys", []) if k in links]
        title = ref.get("title", "")
        if not shown and _BARE_KALI_ID.fullmatch(title):
            title = "Article de la convention, sur Légifrance"
        found.append({**ref, "title": title, "links": shown})
    return found


def document_page(document: Document, title: str, *crumbs, **extra) -> dict:
    """The context every document page shares: title, breadcrumb, its date, the
    notice of a stale fiche, official source."""
    return {
        "document": document,
        "title": title,
        "breadcrumb_data": components.breadcrumb(*crumbs),
        "date_line": document.date_line,
        "stale_notice": components.stale_notice(document),
        "source": components.official_source(document),
        **extra,
    }


def theme_crumbs(document: Document) -> list[tuple[str, str]]:
    """("Thèmes", its page) and the document's first theme, for its breadcrumb."""
    theme = THEMES_BY_SLUG.get(
        (
            document.relations.filter(type=RelationType.IN_THEME)
            .values_list("target_key", flat=True)
            .order_by("id")
            .first()
            or ""
        ).removeprefix(THEME_KEY_PREFIX)
    )
    if theme is None:
        return []
    return [
        ("Thèmes", reverse("www:themes")),
        (theme.title, reverse("www:theme", args=[theme.slug])),
    ]


def plan_crumbs(article: Document) -> list[tuple[str, str]]:
    """The code and the sections an article sits in, each linked to its table of contents."""
    plan = code_plan(article.kind)
    section = plan.section_of(article.breadcrumb)
    sections = section.ancestors(include_self=True) if section else []
    return [(CODE_NAMES[article.kind], components.plan_url(article.kind, plan.root))] + [
        (components.short_section_title(s.title), components.plan_url(article.kind, s))
        for s in sections
    ]


@gone_when_removed()
def code_article(request, kind, slug):
    article = _document(kind, slug=slug)
    siblings = Document.objects.articles_of_code(kind).only("slug", "number", "kind", "idcc")
    previous = siblings.filter(position__lt=article.position).order_by("-position").first()
    following = siblings.filter(position__gt=article.position).first()
    nota = article.data.get("nota_html", "")
    return render(
        request,
        "www/article.html",
        document_page(
            article,
            f"{article.title} — {CODE_NAMES[kind]}",
            *plan_crumbs(article),
            (article.title, ""),
            code_name=CODE_NAMES[kind],
            nota_html=nota if components.has_text(nota) else "",  # often only <p></p>
            previous=previous,
            next=following,
        ),
    )


AGREEMENTS_PER_PAGE = 40


def agreement_list(request):
    form = AgreementFilterForm(request.GET)
    valid = form.is_valid()
    text = form.cleaned_data.get("q", "") if valid else ""
    agreements = Document.objects.only("idcc", "slug", "title", "data", "kind").agreements_matching(
        text
    )
    page = Paginator(agreements, AGREEMENTS_PER_PAGE).get_page(
        form.cleaned_data.get("page") if valid else 1
    )
    return render(
        request,
        "www/agreement_list.html",
        {
            "form": form,
            "text": text,
            "page_obj": page,
            "total": len(agreements),
            # nothing holds these words: what the picker makes of them (typos, usual names)
            "suggestions": agreement_service.search(text, 10) if text and not agreements else [],
            "title": f"Conventions collectives : « {text} »" if text else "Conventions collectives",
            "breadcrumb_data": components.breadcrumb(("Conventions collectives", "")),
        },
        status=200 if valid else 400,
    )


# An agreement page lists its articles in place up to this many; a larger one
# (the metallurgy's 4,900 articles in 485 texts) lists its texts, each text's
# articles on a page of its own, TEXT_PAGE_SIZE at a time: no page over 200 KB.
INLINE_ARTICLES = 400
TEXT_PAGE_SIZE = 250
TEXTS_PER_PAGE = 150
TEXT_GROUPS = (
    ("base", "Texte de base"),
    ("attached", "Textes attachés"),
    ("salary", "Textes salaires"),
)


def ordered_texts(texts: list[dict]) -> list[tuple[str, str, dict]]:
    """(group, label, text) of an agreement's texts with articles, group by group;
    the salary texts newest first (undated ones last)."""
    ordered = []
    for group, label in TEXT_GROUPS:
        found = [t for t in texts if t["group"] == group and t["articles"]]
        if group == "salary":
            found.sort(key=lambda t: t.get("modified") or "", reverse=True)
        ordered += [(group, label, text) for text in found]
    return ordered


def agreement_questions(idcc: str) -> list[dict]:
    """Every Q&A question, linked to its page personalised for this agreement."""
    return [
        {
            **question,
            "url": document_url(Kind.CONTRIBUTION, question["slug"])
            + f"?idcc={idcc}"
            + ("#reponse-cc" if question["answered"] else ""),
        }
        for question in questions_for(idcc)
    ]


@gone_when_removed(Kind.CONVENTION_COLLECTIVE, by_idcc=True)
def agreement(request, idcc, slug=None):
    document = Document.objects.filter(kind=Kind.CONVENTION_COLLECTIVE, idcc=idcc).first()
    if document is None:  # a 404 that offers the nearest IDCCs
        return agreements.unknown(request, idcc)
    if slug != document.slug.split("-", 1)[1]:
        return redirect(document.get_absolute_url(), permanent=True)
    texts = ordered_texts(document.data.get("texts", []))
    article_count = sum(len(text["articles"]) for _, _, text in texts)
    short_title = document.data.get("short_title") or document.title
    questions = agreement_questions(idcc)
    context = document_page(
        document,
        short_title,
        ("Conventions collectives", reverse("www:agreements")),
        (short_title, ""),
        article_count=article_count,
        replaced_notice=components.replaced_notice(agreement_service.replaced_by(idcc)),
        predecessors=agreement_service.predecessors(idcc),
        questions=questions,
        answered_count=sum(q["answered"] for q in questions),
    )
    if article_count > INLINE_ARTICLES:
        form = AgreementFilterForm(request.GET)
        page = Paginator(texts, TEXTS_PER_PAGE).get_page(
            form.cleaned_data.get("page") if form.is_valid() else 1
        )
        text_lists: dict[str, list] = {}
        for _group, label, text in page.object_list:
            text_lists.setdefault(label, []).append(
                {
                    "title": text["title"],
                    "count": len(text["articles"]),
                    "url": reverse("www:agreement_text", args=[idcc, text["cid"]]),
                    "date": components.text_date_line(text),
                }
            )
        context["text_lists"] = list(text_lists.items())
        context["page_obj"] = page
        return render(request, "www/agreement.html", context)
    rows = article_rows(key for _, _, text in texts for key in text["articles"])
    groups: dict[str, list] = {}
    for number, (group, label, text) in enumerate(texts, 1):
        groups.setdefault(label, []).append(
            {
                "title": text["title"],
                "anchor": f"texte-{group}-{number}",
                "count": len(text["articles"]),
                "date": components.text_date_line(text),
                "contents": contents(text["articles"], rows),
            }
        )
    context["groups"] = list(groups.items())
    return render(request, "www/agreement.html", context)


def agreement_text(request, idcc, cid):
    """One text of a large agreement: its articles, TEXT_PAGE_SIZE a page."""
    document = _document(Kind.CONVENTION_COLLECTIVE, idcc=idcc)
    text = next((t for t in document.data.get("texts", []) if t.get("cid") == cid), None)
    if text is None:
        raise Http404("texte inconnu")
    form = AgreementFilterForm(request.GET)
    number = form.cleaned_data.get("page") if form.is_valid() else 1
    page = Paginator(text["articles"], TEXT_PAGE_SIZE).get_page(number)
    short_title = document.data.get("short_title") or document.title
    return render(
        request,
        "www/agreement_text.html",
        document_page(
            document,
            f"{text['title']} — {short_title}",
            ("Conventions collectives", reverse("www:agreements")),
            (short_title, document.get_absolute_url()),
            (text["title"], ""),
            text=text,
            text_date=components.text_date_line(text),
            agreement_title=short_title,
            page_obj=page,
            contents=contents(page.object_list, article_rows(page.object_list)),
        ),
    )


@gone_when_removed(Kind.ARTICLE_CONVENTION)
def agreement_article(request, idcc, slug):
    article = _document(Kind.ARTICLE_CONVENTION, idcc=idcc, slug=slug)
    parent = Document.objects.filter(key=article.parent_key).first()
    siblings = Document.objects.filter(parent_key=article.parent_key).only(
        "slug", "number", "kind", "idcc"
    )
    previous = siblings.filter(position__lt=article.position).order_by("-position").first()
    following = siblings.filter(position__gt=article.position).order_by("position").first()
    short_title = (parent.data.get("short_title") or parent.title) if parent else f"IDCC {idcc}"
    heading = components.agreement_article_heading(article.title, article.breadcrumb, idcc)
    return render(
        request,
        "www/agreement_article.html",
        document_page(
            article,
            heading,
            ("Conventions collectives", reverse("www:agreements")),
            (short_title, parent.get_absolute_url() if parent else ""),
            (components.agreement_article_heading(article.title, article.breadcrumb), ""),
            heading=heading,
            agreement=parent,
            previous=previous,
            next=following,
        ),
    )


@gone_when_removed()
def fiche(request, kind, slug):
    """A service-public.fr or ministry fiche; its template is named after its kind."""
    document = _document(kind, slug=slug)
    return render(
        request,
        f"www/{kind}.html",
        document_page(
            document,
            document.title,
            *theme_crumbs(document),
            (document.title, ""),
            references=_with_links(document.data.get("references", [])),
            summary=components.summary(document.data.get("sections", [])),
        ),
    )


@gone_when_removed(Kind.CONTRIBUTION)
def contribution(request, slug):
    document = _document(Kind.CONTRIBUTION, slug=slug)
    answers = document.data.get("answers", [])
    form = AgreementAnswerForm(request.GET if "idcc" in request.GET else None)
    # an agreement the link names (?idcc=1516), else the one chosen for the visit
    idcc = (
        form.cleaned_data["idcc"].zfill(4) if form.is_valid() and form.cleaned_data["idcc"] else ""
    )
    mine = chosen(request.session)
    if not idcc and not form.errors and mine:
        idcc = mine["idcc"]
    short_titles = dict(
        Document.objects.agreements()
        .filter(idcc__in=[a["idcc"] for a in answers] + [idcc])
        .values_list("idcc", "data__short_title")
    )
    found = personalised(answers, idcc) if idcc else None
    selected = found.answer if found else None
    fiches = linked_documents(document.data.get("fiches", []))
    context = document_page(
        document,
        document.title,
        ("Questions-réponses", reverse("www:questions")),
        (document.title, ""),
        form=form,
        references=_with_links(document.data.get("references", [])),
        selected=selected
        and {
            **selected,
            "agreement": short_titles.get(selected["idcc"]) or "",
            "references": _with_links(selected.get("references", [])),
            "replaced_notice": components.replaced_answer_notice(
                agreement_service.replaced_by(selected["idcc"])
            ),
        },
        nothing=bool(found and found.nothing),
        former=[
            {
                "idcc": a["idcc"],
                "agreement": short_titles.get(a["idcc"]) or "",
                "url": f"{request.path}?idcc={a['idcc']}#reponse-cc",
            }
            for a in (found.former if found else [])
        ],
        idcc=idcc,
        idcc_title=short_titles.get(idcc, ""),
        picker_url=agreements.picker_url(request.path),
        picker_form=AgreementPickerForm(auto_id="contribution-agreement-%s"),
        fiches=list(fiches.values()),
    )
    return render(request, "www/contribution.html", context, status=400 if form.errors else 200)


@gone_when_removed()
def by_key(request, key):
    document = Document.objects.filter(key=key).only("kind", "slug", "idcc").first()
    if document is None:
        raise Http404("document inconnu")
    return redirect(document.get_absolute_url())
