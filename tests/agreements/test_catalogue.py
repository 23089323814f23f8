"""The picker's agreements come from the ingested corpus, with the workforce the
kali-data index gives (the tie-break), read again only when they changed."""

import pytest

from parvis.agreements.catalogue import agreements
from parvis.agreements.service import get, search
from parvis.corpus.enums import Kind
from parvis.corpus.models import Document

pytestmark = pytest.mark.django_db


def test_catalogue_holds_the_corpus_agreements_and_their_workforce(corpus):
    found = {a.idcc: a for a in agreements()}
    assert set(found) == {"0016", "0029", "1516", "2190", "2216"}
    assert found["2216"].effectif == 689830  # kali-data's index.json
    assert found["2190"].effectif == 0  # not in the index
    assert found["0029"].short_title.endswith("(FEHAP)")


def test_catalogue_is_read_again_only_when_the_agreements_changed(
    corpus, django_assert_num_queries
):
    agreements()
    with django_assert_num_queries(1):  # how many, changed when: unchanged
        agreements()
    document = Document.objects.get(kind=Kind.CONVENTION_COLLECTIVE, idcc="2190")
    document.data = {**document.data, "short_title": "Missions locales (renommée)"}
    document.save()  # a new ingested_at
    with django_assert_num_queries(2):
        found = {a.idcc: a for a in agreements()}
    assert found["2190"].short_title == "Missions locales (renommée)"


def test_a_replaced_agreement_answers_with_its_successor(corpus):
    # 0054 (Paris metallurgy) is not in the fixture corpus, nor 3248: nothing to offer
    assert get("54") is None
    assert get("29").idcc == "0029" and get("29").replaces == ()
    assert [f.idcc for f in search("hospitalisation")][:1] == ["0029"]
