"""Content defects, checked on every document of the fixture corpus (not a sample):
no empty "Nota" box on code articles; agreement articles named within their context."""

import html
import re

import pytest

from parvis.corpus.enums import CODE_KINDS, Kind
from parvis.corpus.models import Document
from parvis.www.components import agreement_article_heading

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())


def test_nota_box_only_when_the_nota_has_text(client, corpus):
    shown = hidden = 0
    for article in Document.objects.filter(kind__in=CODE_KINDS):
        nota = article.data.get("nota_html", "")
        body = page(client, article.get_absolute_url())
        if visible_text(nota):
            assert "Nota :" in body and nota in body, article.key
            shown += 1
        else:
            assert "Nota :" not in body and 'class="fr-highlight"' not in body, article.key
            hidden += 1
    # the fixture holds both kinds of article, empty notas (`<p></p>…<p><br></p>`) included
    assert shown and hidden


def context_of(article: Document) -> str:
    """The innermost section of the article's path, after the agreement's name."""
    return article.breadcrumb[-1].strip().rstrip(".")


def test_agreement_article_pages_name_their_context(client, corpus):
    articles = Document.objects.filter(kind=Kind.ARTICLE_CONVENTION)
    assert articles.count() > 50
    for article in articles:
        body = page(client, article.get_absolute_url())
        h1 = html.unescape(re.search(r"<h1>(.*?)</h1>", body, re.S).group(1))
        title = visible_text(re.search(r"<title>(.*?)</title>", body, re.S).group(1))
        assert not re.fullmatch(r"Article( [\w.]+)?", h1), article.key
        assert h1.startswith(article.title) and h1.endswith(f"IDCC {article.idcc}"), h1
        assert context_of(article) in h1, (article.key, h1)
        assert title.startswith(h1 + " — "), title


def test_agreement_page_lists_articles_with_their_context(client, corpus):
    """Each article link says more than "Article 7": its section (in its label, or
    as the heading of the list it is in) or its first words."""
    agreements = Document.objects.agreements()
    listed = 0
    for agreement in agreements:
        body = html.unescape(page(client, agreement.get_absolute_url()))
        for article in Document.objects.filter(parent_key=agreement.key):
            found = re.search(rf'<a href="{re.escape(article.get_absolute_url())}">(.*?)</a>', body)
            if found is None:  # an article no text of the agreement lists
                continue
            label = found.group(1)
            assert label != article.title and "IDCC" not in label, label
            sections = article.breadcrumb[2:]
            if sections:
                assert sections[-1] in label or sections[-1] in body[: found.start()], label
            else:  # directly in its text: its first words
                assert label.startswith(article.title + " — "), label
            listed += 1
    assert listed > 50


@pytest.mark.parametrize(
    ("title", "breadcrumb", "idcc", "heading"),
    [
        (
            "Article 2",
            ["Métallurgie", "Texte de base : Convention", "Titre II", "Période d'essai"],
            "1516",
            "Article 2 — Période d'essai — IDCC 1516",
        ),
        (  # no number: the section's parent too, since "Préambule" recurs
            "Article",
            ["Commerce", "Texte de base", "Titre III : Contrat de travail", "Préambule"],
            "",
            "Article — Titre III : Contrat de travail › Préambule",
        ),
        (  # directly under the text: the text's name
            "Article",
            ["Commerce", "Texte de base : Convention du 12 juillet 2001"],
            "2216",
            "Article — Texte de base : Convention du 12 juillet 2001 — IDCC 2216",
        ),
        ("Préambule", ["Commerce", "Texte de base", "Préambule."], "", "Préambule"),
    ],
)
def test_agreement_article_heading(title, breadcrumb, idcc, heading):
    assert agreement_article_heading(title, breadcrumb, idcc) == heading
