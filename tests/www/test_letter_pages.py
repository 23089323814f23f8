"""The letter templates' pages: every letter filled through its form (DsfrBaseForm,
no JavaScript), shown on the page and downloaded as a PDF and a DOCX that open
and hold the filled text; bad answers get a 400 with the reason."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from parvis.letters.definitions import letters
from tests.letters.answers import sample_answers as answers_for

pytestmark = pytest.mark.django_db

SLUGS = sorted(letters())


def url(slug):
    return f"/modeles-de-courriers/{slug}"


def test_the_list_links_every_letter_by_sender(client):
    page = client.get("/modeles-de-courriers/").content.decode()
    assert "Pour les salariés" in page and "Pour les employeurs" in page
    for slug in SLUGS:
        assert f'href="{url(slug)}"' in page


def test_the_form_page_says_how_to_send_and_cites_its_articles(client, corpus):
    page = client.get(url("lettre-de-demission")).content.decode()
    assert "Comment l’envoyer" in page and "recommandé avec avis de réception" in page
    assert 'name="salarie_nom"' in page and 'placeholder="JJ/MM/AAAA"' in page
    # L1237-1 is not in the fixture corpus: named, not linked (no broken link)
    assert "Article L1237-1 du Code du travail" in page and "l1237-1" not in page
    assert "Afficher le courrier" in page


def test_a_letter_links_the_calculators_that_help_fill_it(client, corpus):
    page = client.get(url("lettre-de-demission")).content.decode()
    assert '<a href="/outils/preavis-demission/">Préavis de démission</a>' in page
    assert 'href="/modeles-de-courriers/"' in client.get("/outils/").content.decode()
    assert 'href="/outils/"' in client.get("/modeles-de-courriers/").content.decode()


def test_references_we_hold_link_to_our_article_pages(client, corpus):
    page = client.get(url("demande-de-rupture-conventionnelle")).content.decode()
    assert '<a href="/code-du-travail/l1237-11">Article L1237-11 du Code du travail</a>' in page


@pytest.mark.parametrize("slug", SLUGS)
def test_every_letter_from_its_form_on_the_page_as_pdf_and_as_docx(client, corpus, slug):
    letter = letters()[slug]
    answers, shown = answers_for(letter)
    expected = [shown[f.name] for f in letter.fields if f.name in shown and f.type != "choice"]
    api_text = _text(client, slug, answers)
    expected = [value for value in expected if value in api_text]  # paragraphs kept
    page = client.post(url(slug), {**answers, "format": "page"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Votre courrier" in html and f"Objet : {letter.subject.split('{')[0]}" in html
    for reference in letter.references:
        assert f"{reference.label} du Code du travail" in html
    assert answers[letter.fields[0].name] in html

    pdf = client.post(url(slug), {**answers, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert f'filename="{slug}.pdf"' in pdf["Content-Disposition"]
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) >= 1
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)

    docx = client.post(url(slug), {**answers, "format": "docx"})
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(docx.content))
    docx_text = "\n".join(p.text for p in document.paragraphs)

    for value in expected:
        assert value in pdf_text, value
        assert value in docx_text, value
    assert "Objet :" in pdf_text and "Objet :" in docx_text


def _text(client, slug, answers):
    """The letter's text through the API (what every document should hold)."""
    response = client.post(
        f"/api/v1/modeles/{slug}", {"champs": answers}, content_type="application/json"
    )
    assert response.status_code == 200
    return response.json()["texte"]


def test_a_missing_or_malformed_answer_is_a_400_with_the_reason(client, corpus):
    answers, _ = answers_for(letters()["lettre-de-demission"])
    response = client.post(
        url("lettre-de-demission"),
        {**answers, "salarie_nom": "", "date_embauche": "32/13/2020", "format": "pdf"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page
    assert "Date attendue au format JJ/MM/AAAA." in page
    assert "Votre courrier" not in page


def test_an_unknown_choice_is_a_400(client, corpus):
    answers, _ = answers_for(letters()["contestation-avertissement"])
    response = client.post(url("contestation-avertissement"), {**answers, "sanction": "x"})
    assert response.status_code == 400


def test_an_unknown_letter_is_a_404(client):
    assert client.get(url("lettre-inconnue")).status_code == 404
