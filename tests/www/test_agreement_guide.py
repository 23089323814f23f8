"""An agreement's page as a guide: its answers to every Q&A question first, then
its texts as a table of contents (articles named by their section), salary texts
newest first, a merged agreement pointing to its successor and the successor
listing what it replaced."""

import re

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document
from parvis.www.views.documents import ordered_texts


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_answers_to_every_question_come_first(client, corpus):
    agreement = Document.objects.get(kind=Kind.CONVENTION_COLLECTIVE, idcc="2216")
    html = page(client, agreement.get_absolute_url())
    assert html.index("Questions-réponses pour cette convention") < html.index("Texte de base")
    contributions = Document.objects.filter(kind=Kind.CONTRIBUTION).order_by("position")
    answered = {
        d.pk: next((a for a in d.data["answers"] if a["idcc"] == "2216"), None)
        for d in contributions
    }
    assert any(answered.values()) and not all(answered.values())
    for contribution in contributions:
        answer = answered[contribution.pk]
        url = f"{contribution.get_absolute_url()}?idcc=2216" + ("#reponse-cc" if answer else "")
        assert f'href="{url}"' in html, contribution.title
        # the link leads to the agreement's own answer, or says there is none
        shown = page(client, url.split("#")[0])
        assert ('id="reponse-cc"' in shown) == bool(answer)
    count = sum(bool(a) for a in answered.values())
    assert f"pour {count} questions sur {len(contributions)}" in html


def test_an_answer_that_provides_nothing_is_marked_on_the_agreement_page(client, corpus):
    idcc = next(
        a["idcc"]
        for d in Document.objects.filter(kind=Kind.CONTRIBUTION)
        for a in d.data["answers"]
        if a["nothing"] and Document.objects.filter(idcc=a["idcc"], kind="convention_collective")
    )
    html = page(
        client, Document.objects.get(kind="convention_collective", idcc=idcc).get_absolute_url()
    )
    assert "la convention ne prévoit rien de plus : règle générale" in html


def test_texts_are_a_table_of_contents_with_articles_named_by_their_section(client, corpus):
    agreement = Document.objects.get(kind=Kind.CONVENTION_COLLECTIVE, idcc="1516")
    html = page(client, agreement.get_absolute_url())
    main = html[html.index("Texte de base") :]
    labels = re.findall(r'<a href="/convention-collective/1516/article/[^"]+">([^<]+)</a>', main)
    assert len(labels) == sum(len(t["articles"]) for t in agreement.data["texts"])
    # no article link says only "Article" or "Article 2"
    assert not [label for label in labels if re.fullmatch(r"Article( [\w.]+)?", label)]
    # section titles of kali-data head the articles they hold
    article = next(
        a for a in Document.objects.filter(parent_key=agreement.key) if len(a.breadcrumb) > 2
    )
    section = article.breadcrumb[-1]
    assert 'class="parvis-contents__section"' in main
    assert section.replace("'", "&#x27;") in main
    assert len(html) < 200_000  # the existing limit on a page's weight


def test_salary_texts_newest_first(client, corpus):
    agreement = Document.objects.get(kind=Kind.CONVENTION_COLLECTIVE, idcc="1516")
    salary = [t for g, _, t in ordered_texts(agreement.data["texts"]) if g == "salary"]
    dates = [t["modified"] for t in salary]
    assert len(dates) > 3 and dates == sorted(dates, reverse=True)
    html = page(client, agreement.get_absolute_url())
    shown = [html.index(t["title"].replace("'", "&#x27;")) for t in salary]
    assert shown == sorted(shown)
    # and before them the base text, then the attached ones
    groups = [g for g, _, _ in ordered_texts(agreement.data["texts"])]
    assert groups == sorted(groups, key=["base", "attached", "salary"].index)


def test_merged_agreements_point_to_their_successor_and_back(client, corpus):
    """kali-data's headers of 3248 and of one agreement it replaced (0054): the
    fixture corpus holds no metallurgy agreement."""
    for idcc, key, short in [
        ("3248", "kali:KALICONT000046993250", "Métallurgie"),
        ("0054", "kali:KALICONT000005635149", "Métallurgie : Région parisienne"),
    ]:
        Document.objects.create(
            key=key,
            kind=Kind.CONVENTION_COLLECTIVE,
            source="kali",
            slug=f"{idcc}-metallurgie",
            idcc=idcc,
            title=f"Convention collective de la {short.lower()}",
            data={"short_title": short, "texts": []},
        )
    old = page(client, "/convention-collective/0054-metallurgie")
    assert "Cette convention a été remplacée le 1er janvier 2024" in old
    assert 'href="/convention-collective/3248-metallurgie"' in old
    new = page(client, "/convention-collective/3248-metallurgie")
    assert 'id="agreement-predecessors"' in new
    assert 'href="/convention-collective/0054-metallurgie">IDCC 0054</a>' in new
