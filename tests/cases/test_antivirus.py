"""Uploads scanned by a real clamd (Debian's clamav-daemon) loaded with a one-signature
database: the EICAR test string, found anywhere in a file (a body signature, so that
a PDF carrying it is caught after passing the type check). No network, no signature
download. Skipped when clamd is not installed; CI installs it (.ci/run)."""

import io
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from parvis.cases import antivirus, files
from parvis.cases.fields.base import FieldError
from parvis.cases.models import ScanStatus, StoredFile
from tests.cases.factories import make_dossier, make_procedure

CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
# The EICAR antivirus test file, assembled here so that this source file is not itself
# flagged by a scanner.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
SIGNATURE = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory):
    if not Path(CLAMD).exists():
        pytest.skip("clamd is not installed (apt-get install clamav-daemon)")
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    (folder / "db" / "eicar.ndb").write_text(f"Eicar-Test-Signature:0:*:{SIGNATURE.hex()}\n")
    sock = folder / "clamd.sock"
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {sock}\nDatabaseDirectory {folder / 'db'}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\n" + ("User root\n" if os.geteuid() == 0 else "")
    )
    process = subprocess.Popen(
        [CLAMD, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if sock.exists():
                try:
                    with socket.socket(socket.AF_UNIX) as probe:
                        probe.connect(str(sock))
                    break
                except OSError:
                    pass
            if process.poll() is not None:
                pytest.fail(f"clamd stopped: {(folder / 'clamd.log').read_text()}")
            time.sleep(0.1)
        else:
            pytest.fail("clamd did not open its socket within 30 s")
        yield str(sock)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def with_clamd(settings, clamd_socket, tmp_path):
    settings.CLAMD_SOCKET = clamd_socket
    settings.CLAMD_HOST = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "dossier_files": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return clamd_socket


def test_clamd_answers(with_clamd):
    assert antivirus.ping()
    assert antivirus.scan([PDF]) == antivirus.Verdict(infected=False)
    verdict = antivirus.scan([EICAR[:10], EICAR[10:]])
    assert verdict.infected and verdict.signature.startswith("Eicar-Test-Signature")


def _upload(name, content):
    return files.Upload(name, len(content), io.BytesIO(content))


@pytest.mark.django_db
def test_an_infected_upload_is_refused_and_not_kept(with_clamd, tmp_path):
    dossier = make_dossier(make_procedure())
    infected = PDF[:9] + EICAR + b"\n%%EOF\n"  # a PDF by its magic number, carrying EICAR
    with pytest.raises(FieldError, match="contient un virus"):
        files.store_upload(
            dossier, dossier.applicant, files.MESSAGE_ATTACHMENT, _upload("a.pdf", infected)
        )
    assert not StoredFile.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))
    clean = files.store_upload(
        dossier, dossier.applicant, files.MESSAGE_ATTACHMENT, _upload("b.pdf", PDF)
    )
    assert clean.scan_status == ScanStatus.CLEAN


@pytest.mark.django_db
def test_unreachable_clamd_leaves_files_pending_then_scanned(with_clamd, settings):
    dossier = make_dossier(make_procedure())
    settings.CLAMD_SOCKET = with_clamd + ".absent"
    stored = files.store_upload(
        dossier, dossier.applicant, files.MESSAGE_ATTACHMENT, _upload("a.pdf", PDF)
    )
    assert stored.scan_status == ScanStatus.PENDING
    assert files.readable_file(dossier.applicant, stored.key) is None  # never served
    settings.CLAMD_SOCKET = with_clamd
    assert files.scan_pending()["sain"] == 1
    stored.refresh_from_db()
    assert stored.scan_status == ScanStatus.CLEAN
    assert files.readable_file(dossier.applicant, stored.key) == stored
    assert StoredFile.objects.pending_scan().count() == 0
