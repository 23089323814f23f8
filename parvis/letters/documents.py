"""A filled letter as a PDF (WeasyPrint, as the démarches' attestations) and as a
DOCX (python-docx), the two files the letter pages offer."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from parvis.letters.filling import FilledLetter

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_pdf(filled: FilledLetter) -> bytes:
    from weasyprint import HTML  # loads pango: only when a PDF is asked

    return HTML(string=render_to_string("letters/letter.html", {"filled": filled})).write_pdf()


def _lines(document, lines, indent=None):
    paragraph = document.add_paragraph()
    if indent is not None:
        paragraph.paragraph_format.left_indent = indent
    for position, line in enumerate(lines):
        run = paragraph.add_run(line)
        if position < len(lines) - 1:
            run.add_break()
    return paragraph


def letter_docx(filled: FilledLetter) -> bytes:
    """An editable Word document: the person can change the letter before sending it."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = filled.subject
    document.core_properties.language = "fr-FR"
    right = Cm(9)
    _lines(document, filled.from_lines)
    _lines(document, filled.to_lines, right)
    _lines(document, [filled.place_date], right)
    if filled.how_sent:
        document.add_paragraph().add_run(filled.how_sent).italic = True
    subject = document.add_paragraph()
    subject.add_run(f"Objet : {filled.subject}").bold = True
    for text in filled.paragraphs:
        _lines(document, text.split("\n"))
    _lines(document, [filled.signature], right)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
