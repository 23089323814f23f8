"""Personalised Q&A: the agreement answers of the fixture data, each shown on its
Q&A page with its references resolved to our agreement article pages; an answer
saying the agreement provides nothing says the generic rule applies; the answers
of the agreements 3248 replaced stay reachable when 3248 is chosen."""

import json
import re

import pytest

from parvis.agreements.answers import personalised
from parvis.corpus.enums import Kind
from parvis.corpus.loaders.contributions import provides_nothing
from parvis.corpus.models import Document
from tests.conftest import FIXTURE_PACKAGES

CONTRIBUTIONS = FIXTURE_PACKAGES / "contributions-data/data/contributions.json"


def raw_answers():
    """(contribution id, answer) of every agreement answer in the fixture data."""
    for item in json.loads(CONTRIBUTIONS.read_text()):
        for answer in item["answers"].get("conventions") or []:
            yield item["id"], answer


def links_of(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_every_agreement_answer_is_shown_with_its_references_resolved(client, corpus):
    pairs = references = resolved = 0
    unresolved = []
    for contribution_id, raw in raw_answers():
        document = Document.objects.get(key=f"contribution:{contribution_id}")
        stored = next(a for a in document.data["answers"] if a["idcc"] == raw["idcc"])
        response = client.get(f"{document.get_absolute_url()}?idcc={raw['idcc']}")
        assert response.status_code == 200
        html = response.content.decode()
        pairs += 1
        assert 'id="reponse-cc"' in html, (document.title, raw["idcc"])
        assert f"convention collective {raw['idcc']}" in html
        links = links_of(html)
        for ref in stored["references"]:
            if ref["category"] != "agreement":
                continue
            references += 1
            if not ref["keys"]:
                unresolved.append((raw["idcc"], ref["title"]))
                # named in words, linked to Légifrance, not shown as a bare id
                assert "Article de la convention, sur Légifrance" in html
                assert f">{ref['title']}<" not in html
                assert ref["url"].endswith(ref["title"]) and f'href="{ref["url"]}"' in html
                continue
            resolved += 1
            for key in ref["keys"]:
                article = Document.objects.get(key=key)
                assert article.kind == Kind.ARTICLE_CONVENTION
                # an article of the agreement that answers (some texts are shared)
                owners = Document.objects.filter(
                    kind=Kind.CONVENTION_COLLECTIVE, idcc=raw["idcc"]
                ).values_list("data", flat=True)
                assert any(key in t["articles"] for d in owners for t in d["texts"]), key
                assert article.get_absolute_url() in links, (raw["idcc"], ref["title"], key)
    print(f"{pairs} answers, {resolved}/{references} agreement references resolved", unresolved)
    assert pairs == 23
    assert references == 40
    # kali-data 3.449.0 holds no article in force for these: 5850347 was abrogated
    # by an amendment (its links say so), the other two are in none of its files
    assert sorted(unresolved) == [
        ("0016", "KALIARTI000005849388"),
        ("0016", "KALIARTI000005849528"),
        ("0016", "KALIARTI000005850347"),
    ]


def test_a_reference_by_an_earlier_versions_id_resolves_to_the_article_in_force(corpus):
    """2216 cites article 3.1 by the id of the version an amendment modified in 2010."""
    answer = next(
        ref
        for d in Document.objects.filter(kind=Kind.CONTRIBUTION)
        for a in d.data["answers"]
        if a["idcc"] == "2216"
        for ref in a["references"]
        if ref["url"].endswith("KALIARTI000023306986")
    )
    article = Document.objects.get(key=answer["keys"][0])
    assert article.number == "3.1"
    assert "KALIARTI000023306986" in article.data["versions"]
    assert answer["title"] == ""  # named by our page, not by the bare id


def test_references_by_number_resolve_within_the_agreement(corpus):
    """0029 cites "Article 04.05.1": the article numbered so in its own texts."""
    found = [
        (ref, Document.objects.get(key=ref["keys"][0]))
        for d in Document.objects.filter(kind=Kind.CONTRIBUTION)
        for a in d.data["answers"]
        if a["idcc"] == "0029"
        for ref in a["references"]
        if ref["title"] == "Article 04.05.1"
    ]
    assert found
    for _ref, article in found:
        assert article.number == "04.05.1"
        assert article.idcc == "0029"


@pytest.mark.parametrize(
    ("text", "nothing"),
    [
        ("La convention collective ne prévoit rien sur ce point.", True),
        ("La convention collective ne prévoit rien. La période d'essai ne peut donc pas…", True),
        ("La convention collective renvoie au code du travail.", True),
        ("La convention collective ne prévoit pas de priorité d'embauche ou de réembauche", False),
        ("En cas de licenciement, la durée du préavis est égale à :", False),
    ],
)
def test_provides_nothing(text, nothing):
    assert provides_nothing(text) is nothing


def test_an_answer_that_provides_nothing_says_the_generic_rule_applies(client, corpus):
    document, answer = next(
        (d, a)
        for d in Document.objects.filter(kind=Kind.CONTRIBUTION)
        for a in d.data["answers"]
        if a["nothing"]
    )
    html = client.get(f"{document.get_absolute_url()}?idcc={answer['idcc']}").content.decode()
    assert "parvis-nothing" in html
    assert "la règle générale du Code du travail, ci-dessous, qui s’applique" in html
    other = next(a for a in document.data["answers"] if not a["nothing"])
    html = client.get(f"{document.get_absolute_url()}?idcc={other['idcc']}").content.decode()
    assert "parvis-nothing" not in html


def test_3248_reaches_the_answers_of_the_agreements_it_replaced():
    answers = [{"idcc": "0054"}, {"idcc": "1516"}, {"idcc": "2700"}]
    found = personalised(answers, "3248")
    assert found.answer is None
    assert [a["idcc"] for a in found.former] == ["0054", "2700"]
    assert personalised(answers, "1516").former == []
    assert personalised(answers, "54").answer == {"idcc": "0054"}


def test_the_page_for_3248_lists_the_former_answers_and_a_former_answer_names_3248(client, corpus):
    """The fixture corpus holds no metallurgy agreement: 3248's header (kali-data's)
    is added and a stored answer relabelled as 0054's, for this test only."""
    Document.objects.create(
        key="kali:KALICONT000046993250",
        kind=Kind.CONVENTION_COLLECTIVE,
        source="kali",
        slug="3248-metallurgie",
        idcc="3248",
        title="Convention collective nationale de la métallurgie du 7 février 2022",
        data={"short_title": "Métallurgie", "texts": []},
    )
    document = Document.objects.filter(kind=Kind.CONTRIBUTION).first()
    answers = document.data["answers"]
    answers[0] = {**answers[0], "idcc": "0054"}
    document.data = {**document.data, "answers": answers}
    document.save()
    html = client.get(f"{document.get_absolute_url()}?idcc=3248").content.decode()
    assert "pas encore publié de réponse propre à cette convention" in html
    assert f'href="{document.get_absolute_url()}?idcc=0054#reponse-cc"' in html
    html = client.get(f"{document.get_absolute_url()}?idcc=0054").content.decode()
    assert "Cette convention a été remplacée le 1er janvier 2024" in html
    assert "Cette réponse vaut pour la période antérieure." in html
