"""The letter templates' pages: the list, and one page per letter with its form;
the filled letter is shown on the page or downloaded as PDF or DOCX (the same
form's buttons, so it works without JavaScript). Letters are in parvis.letters."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from parvis.letters.definitions import get_letter, letters
from parvis.letters.documents import DOCX_TYPE, PDF_TYPE, letter_docx, letter_pdf
from parvis.rules.definitions import calculators
from parvis.rules.service import resolve_references
from parvis.www import components
from parvis.www.letter_form import LetterForm

LIST_TITLE = "Modèles de courriers"
PICTOGRAM = "document/document-signature.svg"
GROUPS = {"salarie": "Pour les salariés", "employeur": "Pour les employeurs"}


def letter_list(request):
    groups = []
    for sender, heading in GROUPS.items():
        tiles = [
            components._tile(
                letter.title,
                reverse("www:modele", kwargs={"slug": letter.slug}),
                letter.summary,
                PICTOGRAM,
                "h3",
            )
            for letter in letters().values()
            if letter.sender == sender
        ]
        groups.append({"heading": heading, "tiles": tiles})
    return render(
        request,
        "www/letters/list.html",
        {
            "title": LIST_TITLE,
            "groups": groups,
            "breadcrumb_data": components.breadcrumb((LIST_TITLE, "")),
        },
    )


def download(filled, kind: str) -> HttpResponse:
    """The letter as a file to save (PDF or DOCX)."""
    if kind == "pdf":
        response = HttpResponse(letter_pdf(filled), content_type=PDF_TYPE)
    else:
        response = HttpResponse(letter_docx(filled), content_type=DOCX_TYPE)
    name = f"{filled.letter.slug}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def letter_page(request, slug):
    letter = get_letter(slug)
    if letter is None:
        raise Http404("Modèle de courrier inconnu")
    status = 200
    if request.method == "POST":
        form = LetterForm(request.POST, letter=letter)
        if form.is_valid():
            kind = request.POST.get("format", "")
            if kind in ("pdf", "docx"):
                return download(form.filled, kind)
        else:
            status = 400
    else:
        form = LetterForm(letter=letter)
    return render(
        request,
        "www/letters/letter.html",
        {
            "title": letter.title,
            "letter": letter,
            "sender": letter.sender_label,
            "calculators": [
                (calculators()[slug].title, reverse("www:outil", kwargs={"slug": slug}))
                for slug in letter.calculators
            ],
            "form": form,
            "filled": form.filled,
            "references": resolve_references(letter),
            "breadcrumb_data": components.breadcrumb(
                (LIST_TITLE, reverse("www:modeles")), (letter.title, "")
            ),
        },
        status=status,
    )
