"""Capture of visitors' events: scrubbing, caps, the background writer, a clean
shutdown, the retention purge."""

import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from parvis.feedback import capture
from parvis.feedback.caps import VisitCaps
from parvis.feedback.models import Click, Impression, Vote
from parvis.feedback.recorder import Recorder
from parvis.feedback.scrub import scrub


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("licenciement jean.dupont@exemple.fr", "licenciement [courriel]"),
        ("rappeler 06 12 34 56 78 svp", "rappeler [téléphone] svp"),
        ("rappeler 0612345678", "rappeler [téléphone]"),
        ("+33 6 12 34 56 78 employeur", "[téléphone] employeur"),
        ("mon numéro 1 85 05 78 006 084 36 arrêt maladie", "mon numéro [NIR] arrêt maladie"),
        ("nir 185057800608436", "nir [NIR]"),
        ("corse 2 85 05 2A 006 084 36", "corse [NIR]"),
        ("virement FR76 3000 6000 0112 3456 7890 189", "virement [IBAN]"),
        ("iban fr7630006000011234567890189 salaire", "iban [IBAN] salaire"),
        ("carte 4970 1012 3456 7890", "carte [numéro]"),
        # what must stay: article numbers, IDCC, years, amounts, durations
        ("article L1234-9 idcc 1486", "article L1234-9 idcc 1486"),
        ("smic 2026 11,88 € brut 35 heures", "smic 2026 11,88 € brut 35 heures"),
        ("préavis 3 mois convention 3248", "préavis 3 mois convention 3248"),
    ],
)
def test_personal_data_is_scrubbed_from_queries(typed, stored):
    assert scrub(typed) == stored


def test_stored_query_is_scrubbed(db):
    impression = capture.record_impression(
        "v" * 32, "mon mail a.b@c.fr", "", 0, ["legi:LEGIARTI000006901112"], None
    )
    assert Impression.objects.get(id=impression).query == "mon mail [courriel]"


def test_caps_count_per_visit_and_once_per_key():
    caps = VisitCaps({"vote": 2}, window_seconds=3600)
    assert caps.allow("a", "vote", "doc1")
    assert not caps.allow("a", "vote", "doc1")  # the same document again: counted once
    assert caps.allow("a", "vote", "doc2")
    assert not caps.allow("a", "vote", "doc3")  # past the cap
    assert caps.allow("b", "vote", "doc3")  # another visit has its own count


def test_one_visit_counts_once_per_result_and_votes_once(db):
    impression = str(uuid.uuid4())
    for _ in range(5):
        capture.record_click("v" * 32, impression, 2)
        capture.record_vote("v" * 32, "vdd:F2301", helpful=True)
    assert Click.objects.count() == 1 and Vote.objects.count() == 1


def test_a_visit_past_its_cap_is_not_recorded(db):
    for n in range(capture.caps.limits["impression"] + 5):
        capture.record_impression("w" * 32, f"question {n}", "", 0, [], None)
    assert Impression.objects.count() == capture.caps.limits["impression"]


@pytest.mark.django_db(transaction=True)
def test_background_writer_writes_batches_from_its_thread(settings):
    settings.FEEDBACK_WRITES = "background"
    recorder = Recorder()
    click = str(uuid.uuid4())
    for n in range(3):
        recorder.add("vote", _vote(n))
    recorder.add(
        "click",
        {
            "id": click,
            "visit": "v" * 32,
            "impression": str(uuid.uuid4()),
            "position": 0,
            "created": timezone.now().isoformat(),
        },
    )
    recorder.add("dwell", {"click": click, "dwell_ms": 42_000})
    assert recorder._thread is not None and recorder._thread.is_alive()
    deadline = timezone.now() + timedelta(seconds=30)
    while Vote.objects.count() < 3 and timezone.now() < deadline:
        recorder._wake.set()  # the thread writes, not this one
    recorder.stop()
    assert recorder.pending() == 0 and not recorder._thread.is_alive()
    assert Vote.objects.count() == 3
    assert Click.objects.get(id=click).dwell_ms == 42_000


def _vote(n: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "visit": "v" * 32,
        "key": f"vdd:F{n}",
        "helpful": True,
        "reason": "",
        "created": timezone.now().isoformat(),
    }


def test_queued_events_are_written_at_a_clean_exit(tmp_path):
    """A process that queued events and exits normally has written them all."""
    env = {"PARVIS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = [sys.executable, "-m", "parvis"]
    subprocess.run([*run, "migrate", "--no-input", "-v0"], env=env, check=True)
    script = (
        "import django, os, uuid;"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'parvis.settings');"
        "django.setup();"
        "from parvis.feedback import recorder as r;"
        "from parvis.feedback.recorder import recorder;"
        "r.INTERVAL_SECONDS = 3600;"  # the thread would not write before the exit
        "from django.utils import timezone;"
        "[recorder.add('vote', {'id': str(uuid.uuid4()), 'visit': 'v'*32, 'key': f'vdd:F{n}',"
        " 'helpful': False, 'reason': 'perime', 'created': timezone.now().isoformat()})"
        " for n in range(250)];"
        "print(recorder.pending())"
    )
    queued = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    )
    assert int(queued.stdout) == 250  # nothing written before the exit
    count = "from parvis.feedback.models import Vote; print(Vote.objects.count())"
    counted = subprocess.run(
        [*run, "shell", "-c", count],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert counted.stdout.split()[-1] == "250"


def test_purge_deletes_what_is_older_than_the_retention(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 396
    old, recent = timezone.now() - timedelta(days=400), timezone.now() - timedelta(days=10)
    for created in (old, recent):
        Vote.objects.create(
            id=uuid.uuid4(), visit="v" * 32, key="vdd:F1", helpful=True, created=created
        )
        Impression.objects.create(id=uuid.uuid4(), visit="v" * 32, query="q", created=created)
    call_command("purge_feedback")
    assert list(Vote.objects.values_list("created", flat=True)) == [recent]
    assert Impression.objects.count() == 1
    call_command("purge_feedback", days=5)
    assert not Vote.objects.exists() and not Impression.objects.exists()
