"""The service-public.fr fiche pages on the ingested fixture extracts: every fiche
renders from its typed blocks, questionnaires and conditioned content read without
JavaScript, stored /document/<key> links become page URLs, R items (forms, online
services) show as cards in the fiches citing them and as short pages of their own."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from parvis.corpus.fiche.blocks import Fiche, Paragraph, Text
from parvis.www.fiche_page import FichePage
from parvis.www.templatetags.document_links import document_links

pytestmark = pytest.mark.django_db

LEAKS = re.compile(
    r"<Question|<Choix|<Condition|<SiSelectionne|\{'type'|\{&#x27;type|Paragraph\(|Link\("
)


def fiche_documents():
    from parvis.corpus.models import Document

    return list(Document.objects.filter(kind="fiche_service_public").order_by("key"))


def page_of(client, document) -> str:
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200, document.key
    return response.content.decode()


def render(fiche: Fiche, blocks=None) -> str:
    page = FichePage(fiche)  # no cited resources: no database needed
    return render_to_string(
        "www/fiche/structure.html",
        {"blocks": fiche.structure if blocks is None else blocks, "page": page},
    )


def test_every_fixture_fiche_page_renders_without_leaking_source_structures(client, corpus):
    documents = fiche_documents()
    assert len(documents) == 14
    for document in documents:
        with CaptureQueriesContext(connection) as queries:
            html = page_of(client, document)
        assert not LEAKS.search(html), (document.key, LEAKS.search(html)[0])
        # stored key links to documents we hold are rewritten to their pages
        held = {d.key for d in documents}
        left = set(re.findall(r'href="/document/([^"]+)"', html))
        assert not left & held, (document.key, left & held)
        assert len(queries) <= 5, (document.key, [q["sql"] for q in queries])


def test_questionnaire_choices_are_accordions_saying_what_applies(client, corpus):
    from parvis.corpus.models import Document

    html = page_of(client, Document.objects.get(key="vdd:F14128"))
    assert '<h2 id="questionnaire-titre">Votre situation</h2>' in html
    assert "Situation avant le déménagement</h3>" in html
    # each choice is an accordion whose content (in the page, shown by parvis.css
    # without JavaScript) links to the parts of the fiche it selects
    assert 'aria-controls="question-1-choix-1"' in html and 'id="question-1-choix-1"' in html
    tenant = html[html.index('id="question-1-choix-1"') :][:600]
    assert "Vous êtes locataire : ce qui vous concerne." in tenant
    assert '<a href="#cas-1-1">Démarches liées au logement actuel › Locataire</a>' in tenant
    assert 'id="cas-1-1"' in html
    no_children = html[html.index('id="question-3-choix-2"') :][:300]
    assert "aucune partie de la fiche ne dépend de ce choix" in no_children
    # a conditioned fragment names the criterion the fiche's own question sets
    fragment = html[html.index('id="fragment-1"') :][:400]
    assert "Si : vous avez des enfants" in fragment


def test_conditioned_fragments_show_with_their_condition(client, corpus):
    from parvis.corpus.models import Document

    html = page_of(client, Document.objects.get(key="vdd:F31633"))
    fragment = html[html.index('id="fragment-1"') :][:600]
    assert "Selon votre situation" in fragment
    assert "Le médiateur de l&#x27;apprentissage à saisir dépend" in fragment


def test_guided_search_links_to_the_fiches_pages(client, corpus):
    from parvis.corpus.models import Document

    target = Document.objects.get(key="vdd:F2044").get_absolute_url()
    html = page_of(client, Document.objects.get(key="vdd:F35138"))
    branch = html[html.index('id="chapitre-2-branche-2"') :][:400]
    assert "Bail reconduit à partir du 6 août 2015" in branch
    assert f'href="{target}"' in branch


def official_url(service, resources) -> str:
    cited = resources.get(service.id)
    return (cited.resource.url if cited and cited.resource.url else "") or service.url


def test_fiches_show_the_forms_and_services_they_cite_as_cards(client, corpus):
    """Over the whole fixture corpus: each service a fiche lists or holds in its text is
    a DSFR card linking to the official service, described by its R item when we hold it."""
    from parvis.www.fiche_page import cited_resources

    checked = 0
    for document in fiche_documents():
        fiche = Fiche.load(document.data)
        if fiche.is_resource:
            continue
        html = page_of(client, document)
        resources = cited_resources(fiche)
        for service in fiche.all_services():
            url = official_url(service, resources)
            if not url.startswith("http"):
                continue
            # the card's title links to the official service, in a new tab
            card_link = re.compile(
                rf'<a href="{re.escape(escape(url))}"\s+target="_blank"[^>]*>\s*'
                + re.escape(escape(service.title)[:60])
            )
            assert card_link.search(html), (document.key, service.id)
            if service.id in resources:
                description = escape(resources[service.id].description[:60])
                assert description in html, (document.key, service.id)
            checked += 1
    assert checked >= 4
    html = page_of(client, next(d for d in fiche_documents() if d.key == "vdd:F31421"))
    assert "Cerfa n° 14011*02" in html and "Services en ligne et formulaires" in html


def test_resource_pages_lead_to_the_official_service(client, corpus):
    for document in fiche_documents():
        fiche = Fiche.load(document.data)
        if not fiche.is_resource:
            continue
        html = page_of(client, document)
        assert escape(fiche.description) in html
        if fiche.resource.url:
            assert f'href="{escape(fiche.resource.url)}"' in html, document.key
            assert 'class="fr-card' in html
        else:
            assert f'href="{escape(document.official_url)}"' in html
    from parvis.corpus.models import Document

    form = page_of(client, Document.objects.get(key="vdd:R48714"))
    assert "Accéder au formulaire" in form and "Cerfa n° 15869*01" in form
    assert "Notice" in form and "Où s’adresser ?" in form


def test_document_links_filter_rewrites_key_links_in_one_query(corpus, django_assert_num_queries):
    from parvis.corpus.models import Document

    fiche = Document.objects.get(key="vdd:F2044")
    html = mark_safe(
        '<a href="/document/vdd:F2044">a</a> <a href="/document/vdd:F999999">b</a>'
        ' <a href="https://example.org/">c</a>'
    )
    with django_assert_num_queries(1):
        rewritten = document_links(html)
    assert isinstance(rewritten, SafeData)
    assert f'<a href="{fiche.get_absolute_url()}">a</a>' in rewritten
    assert '<a href="/document/vdd:F999999">b</a>' in rewritten  # not held: unchanged
    with django_assert_num_queries(0):
        assert document_links("<p>no link</p>") == "<p>no link</p>"


def test_structure_template_renders_tabs_accordions_and_tables(corpus):
    from parvis.corpus.models import Document

    def fiche(key):
        return Fiche.load(Document.objects.get(key=key).data)

    tabs = render(fiche("vdd:F34857"))
    assert 'class="fr-tabs__list"' in tabs and 'role="tablist"' in tabs
    assert 'id="situation-1-onglet"' in tabs and 'aria-controls="situation-2"' in tabs
    assert 'class="fr-tabs__panel fr-tabs__panel--selected"' in tabs
    # Readable without JavaScript: a heading per panel (shown by parvis.css without JS).
    assert "parvis-fiche__panel-title" in tabs
    assert "Stage d&#x27;au moins 2 mois</h2>" in tabs

    cases = render(fiche("vdd:F31421"))
    assert cases.count('class="fr-accordion"') == 2  # django-dsfr's accordion tag
    assert 'aria-controls="cas-1-1"' in cases and 'id="cas-1-1"' in cases
    assert "<caption>Procédure pour demander des nouveaux papiers</caption>" in cases
    assert '<th scope="col">' in cases

    salary = render(fiche("vdd:F2301"))
    assert "<h2>Salaire</h2>" in salary and "<h3>Fixation</h3>" in salary
    assert (
        'du montant du <abbr title="Salaire minimum interprofessionnel de croissance">Smic</abbr> ('
        in salary
    )
    assert "<em>à travail égal, salaire égal</em>" in salary
    assert "<strong>À noter</strong><br>en pratique" in salary  # django-dsfr's highlight


def test_structure_template_escapes_source_text():
    fiche = Fiche(
        id="F1",
        structure=[
            Paragraph(
                content=[
                    Text(text="<script>alert(1)</script> "),
                    {"type": "link", "text": "<b>x</b>", "url": 'https://example.org/?a=1&b="2"'},
                ]
            )
        ],
    )
    html = render(fiche)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; " in html
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in html
