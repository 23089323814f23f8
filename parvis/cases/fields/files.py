"""Attached files. The answer is the stored file's description, written by the upload
layer after it sniffed the content type from the bytes (never from the name) and
stored the file: {"name", "size", "content_type", "sha256", "key"}. These fields
check that description against the definition (accepted types, maximum size)."""

import re
from typing import ClassVar, Literal

from pydantic import Field

from parvis.cases.fields.base import FieldDefinition, FieldError

MEGABYTE = 1024 * 1024
_TYPE_NAMES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _size_text(size: int) -> str:
    return f"{size / MEGABYTE:g} Mo".replace(".", ",")


class File(FieldDefinition):
    type: Literal["file"] = "file"
    accepted_types: list[str] = Field(default_factory=lambda: ["application/pdf"], min_length=1)
    max_size: int = Field(default=20 * MEGABYTE, ge=1, le=200 * MEGABYTE)

    operators: ClassVar[frozenset[str]] = frozenset({"is_empty", "is_not_empty"})

    def clean(self, raw):
        if (
            not isinstance(raw, dict)
            or not isinstance(raw.get("name"), str)
            or not isinstance(raw.get("size"), int)
            or not isinstance(raw.get("content_type"), str)
            or not _SHA256.fullmatch(str(raw.get("sha256")))
            or not isinstance(raw.get("key"), str)
        ):
            raise FieldError("Joignez un fichier.")
        if raw["content_type"] not in self.accepted_types:
            accepted = ", ".join(_TYPE_NAMES.get(kind, kind) for kind in self.accepted_types)
            raise FieldError(
                f"Ce type de fichier n'est pas accepté. Formats acceptés : {accepted}."
            )
        if raw["size"] > self.max_size:
            raise FieldError(
                f"Le fichier est trop volumineux ({_size_text(raw['size'])}) : "
                f"la taille maximale est de {_size_text(self.max_size)}."
            )
        if raw["size"] <= 0:
            raise FieldError("Le fichier est vide.")
        return {key: raw[key] for key in ("name", "size", "content_type", "sha256", "key")}


class IdentityDocument(File):
    """A scan or photo of an identity document: the formats and size are fixed."""

    type: Literal["identity_document"] = "identity_document"
    accepted_types: list[str] = Field(
        default_factory=lambda: ["image/jpeg", "image/png", "application/pdf"], min_length=1
    )
    max_size: int = Field(default=20 * MEGABYTE, ge=1, le=20 * MEGABYTE)
