"""Uploads: type from the bytes, size before reading, one permission check."""

import io

import pytest

from parvis.cases import antivirus, files
from parvis.cases.fields import File
from parvis.cases.fields.base import FieldError
from tests.cases.factories import make_dossier, make_procedure, make_user

PDF = b"%PDF-1.4\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def upload(name, content):
    return files.Upload(name, len(content), io.BytesIO(content))


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, "application/pdf"), (EXE, "application/x-msdownload"), (b"bonjour", None)],
)
def test_sniff(content, expected):
    assert files.sniff(content) == expected


@pytest.mark.django_db
def test_a_program_renamed_pdf_is_refused(settings):
    dossier = make_dossier(make_procedure())
    definition = File(id="f", label="F")
    with pytest.raises(FieldError) as error:
        files.store_upload(dossier, dossier.applicant, definition, upload("facture.pdf", EXE))
    assert "« facture.pdf » ne correspond pas à un format accepté" in error.value.message
    assert "Formats acceptés : PDF." in error.value.message


@pytest.mark.django_db
def test_only_the_dossiers_people_read_its_files():
    dossier = make_dossier(make_procedure(instructors=[make_user()]), file=False)
    stored = files.store_upload(
        dossier, dossier.applicant, File(id="f", label="F"), upload("a.pdf", PDF)
    )
    assert files.readable_file(dossier.applicant, stored.key) == stored
    assert files.readable_file(make_user(), stored.key) is None
    # An instructor sees filed dossiers only, so not this draft's file yet.
    assert files.readable_file(dossier.procedure.groups.get().members.get(), stored.key) is None
    with pytest.raises(FieldError):
        files.store_upload(dossier, make_user(), File(id="f", label="F"), upload("b.pdf", PDF))


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        ("stream: OK\0", antivirus.Verdict(False)),
        ("stream: Eicar-Signature FOUND\0", antivirus.Verdict(True, "Eicar-Signature")),
    ],
)
def test_clamd_replies(reply, verdict):
    assert antivirus.parse_reply(reply) == verdict


def test_clamd_errors_are_not_verdicts():
    with pytest.raises(antivirus.ScannerUnavailable):
        antivirus.parse_reply("INSTREAM size limit exceeded. ERROR\0")
