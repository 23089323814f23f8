"""Ingestion into the real database: idempotent, incremental, transactional per source."""

import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from parvis.corpus.enums import Kind
from parvis.corpus.models import Document, IngestionRun, Passage
from parvis.corpus.pipeline import citation_resolution, corpus_counts, ingest_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def packages_copy(fixture_packages, tmp_path):
    target = tmp_path / "packages"
    shutil.copytree(fixture_packages, target)
    return target


def test_fixture_corpus_is_ingested_with_passages(corpus):
    counts = corpus_counts()
    assert counts["Code du travail"] == 40
    assert counts["Convention collective"] == 5
    assert counts["Fiche du ministère du Travail"] == 5
    assert counts["Question-réponse"] == 6
    assert counts["Conventions avec articles"] == 4
    code_passages = Passage.objects.filter(document__kind=Kind.CODE_DU_TRAVAIL)
    assert code_passages.values("document").distinct().count() == 40  # long annexes have more
    article = Document.objects.get(key="legi:LEGIARTI000006901112")
    passage = article.passages.get()
    assert passage.breadcrumb.endswith("Article L1234-1")
    assert "Code du travail" not in passage.breadcrumb  # breadcrumb starts at the part


def test_second_run_changes_nothing(corpus):
    before = dict(Document.objects.values_list("key", "ingested_at"))
    results = ingest_all(corpus, progress=False)
    assert all(r.ok for r in results)
    assert sum(r.created + r.updated + r.deleted for r in results) == 0
    assert sum(r.unchanged for r in results) == len(before)
    assert dict(Document.objects.values_list("key", "ingested_at")) == before


def test_changed_article_is_rewritten_alone(packages_copy):
    path = packages_copy / "legi-data/data/LEGITEXT000006072050.json"
    raw = path.read_text()
    assert "Lorsque le licenciement n'est pas motivé par une faute grave" in raw
    path.write_text(
        raw.replace(
            "Lorsque le licenciement n'est pas motivé", "Lorsque le licenciement n’est plus motivé"
        )
    )
    [result] = ingest_all(packages_copy, sources=["legi"], progress=False)
    assert (result.created, result.updated, result.deleted) == (0, 1, 0)
    article = Document.objects.get(key="legi:LEGIARTI000006901112")
    assert "n’est plus motivé" in article.text
    assert "n’est plus motivé" in article.passages.get().text


def test_removed_document_is_deleted(packages_copy):
    path = packages_copy / "fiches-travail-data/data/fiches-travail.json"
    fiches = json.loads(path.read_text())
    gone = fiches.pop()
    path.write_text(json.dumps(fiches))
    [result] = ingest_all(packages_copy, sources=["travail"], progress=False)
    assert result.deleted == 1
    assert not Document.objects.filter(key=f"travail:{gone['pubId']}").exists()


def test_malformed_file_fails_its_source_only(packages_copy):
    path = packages_copy / "fiches-travail-data/data/fiches-travail.json"
    path.write_text(path.read_text()[:5000])  # truncated JSON
    results = {r.source: r for r in ingest_all(packages_copy, progress=False)}
    failed = results["travail"]
    assert not failed.ok
    assert "fiches-travail.json" in failed.error and "invalid JSON" in failed.error
    assert all(r.ok for source, r in results.items() if source != "travail")
    assert Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL).count() == 5  # untouched
    run = IngestionRun.objects.filter(source="travail").latest("started_at")
    assert not run.ok and "fiches-travail.json" in run.error


def test_missing_file_is_named(packages_copy):
    (packages_copy / "contributions-data/data/contributions.json").unlink()
    [result] = ingest_all(packages_copy, sources=["contribution"], progress=False)
    assert "contributions.json" in result.error and "not found" in result.error


def test_wrong_structure_is_reported(packages_copy):
    path = packages_copy / "contributions-data/data/contributions.json"
    path.write_text(json.dumps({"not": "a list"}))
    [result] = ingest_all(packages_copy, sources=["contribution"], progress=False)
    assert "expected a list" in result.error


def test_command_exits_non_zero_and_prints_summary(packages_copy, capsys):
    path = packages_copy / "fiches-travail-data/data/fiches-travail.json"
    path.write_text("{")
    with pytest.raises(CommandError, match="fiches-travail.json"):
        call_command("ingest", packages=str(packages_copy), no_progress=True)
    out = capsys.readouterr().out
    assert "ÉCHEC" in out and "Code du travail" in out


def test_citation_resolution_report(corpus):
    report = citation_resolution()
    # seven fiche references name Code du travail articles; the legi extract holds
    # the range L1251-29 à L1251-34 (F803) and L1221-24 (F34857), not the others
    assert (report["references"], report["resolved"], report["complete"]) == (7, 2, 2)
    assert report["share"] == pytest.approx(2 / 7)
    assert "Code du travail\xa0: article L6222-39" in report["unresolved_examples"]
    assert not any("L1251-29" in title for title in report["unresolved_examples"])
    assert not any("L1221-24" in title for title in report["unresolved_examples"])


def test_valid_json_of_the_wrong_shape_is_named_not_a_crash(packages_copy):
    """A legi tree whose article list is a string: the error names the file and
    the cause, the run is closed, the other sources still load."""
    path = packages_copy / "legi-data/data/LEGITEXT000006072050.json"
    tree = json.loads(path.read_text())
    tree["children"][0]["children"] = 42
    path.write_text(json.dumps(tree))
    results = {r.source: r for r in ingest_all(packages_copy, progress=False)}
    assert not results["legi"].ok
    assert "LEGITEXT000006072050.json" in results["legi"].error
    assert "TypeError" in results["legi"].error
    assert all(r.ok for source, r in results.items() if source != "legi")
    run = IngestionRun.objects.filter(source="legi").latest("started_at")
    assert run.finished_at is not None and not run.ok and "TypeError" in run.error


def test_value_too_long_for_its_column_names_the_document(packages_copy):
    path = packages_copy / "fiches-travail-data/data/fiches-travail.json"
    fiches = json.loads(path.read_text())
    fiches[1]["pubId"] = "x" * 200
    path.write_text(json.dumps(fiches))
    held = Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL).count()
    [result] = ingest_all(packages_copy, sources=["travail"], progress=False)
    assert not result.ok
    assert f"travail:{'x' * 200}" in result.error and "key has 208 characters" in result.error
    assert Document.objects.filter(kind=Kind.FICHE_MINISTERE_TRAVAIL).count() == held  # untouched


def test_relations_are_stored_with_their_document(corpus):
    from parvis.corpus.enums import RelationType
    from parvis.corpus.models import Relation

    cited = Relation.objects.filter(type=RelationType.CITES)
    assert cited.exists()
    for relation in cited.select_related("document"):
        data = relation.document.data
        # a document's references, and those of a Q&A's agreement answers
        references = [
            *(data.get("references") or []),
            *(ref for answer in data.get("answers") or [] for ref in answer["references"]),
        ]
        assert any(relation.target_key in (ref.get("keys") or []) for ref in references)
    assert cited.filter(document__kind="contribution", target_key__startswith="kali:").exists()
    assert Relation.objects.filter(type=RelationType.LINKS_TO).exists()
