"""The picker's agreements come from the ingested corpus, with the workforce the
kali-data index gives (the tie-break), in one query."""

import pytest

from parvis.agreements.catalogue import agreements
from parvis.agreements.service import get, search

pytestmark = pytest.mark.django_db


def test_catalogue_holds_the_corpus_agreements_and_their_workforce(
    corpus, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = {a.idcc: a for a in agreements()}
    assert set(found) == {"0029", "2190", "2216"}
    assert found["2216"].effectif == 689830  # kali-data's index.json
    assert found["2190"].effectif == 0  # not in the index
    assert found["0029"].short_title.endswith("(FEHAP)")


def test_a_replaced_agreement_answers_with_its_successor(corpus):
    # 0054 (Paris metallurgy) is not in the fixture corpus, nor 3248: nothing to offer
    assert get("54") is None
    assert get("29").idcc == "0029" and get("29").replaces == ()
    assert [f.idcc for f in search("hospitalisation")][:1] == ["0029"]
