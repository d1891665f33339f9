"""Uploads: allow-listed by content, bounded in size, stored under random names; SVG and HTML refused (issue 11)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import DocumentFactory, PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


def office(parts: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = office({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = office({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
OTHER_ZIP = office({"index.html": "<script></script>"})


def document_with(name, content):
    document = DocumentFactory.build(meeting=DocumentFactory().meeting)
    document.file_en = SimpleUploadedFile(name, content)
    return document


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", PDF), ("report.docx", DOCX), ("table.xlsx", XLSX), ("text.odt", ODT), ("map.png", PNG)],
)
def test_allowed_documents_by_content(name, content):
    document_with(name, content).full_clean()


@pytest.mark.parametrize(
    ("name", "content"),
    [("x.svg", SVG), ("x.html", HTML), ("innocent.pdf", HTML), ("innocent.pdf", SVG), ("x.docx", OTHER_ZIP)],
)
def test_svg_html_and_unknown_content_are_refused_on_the_field(name, content):
    with pytest.raises(ValidationError) as refused:
        document_with(name, content).full_clean()

    assert "SVG and HTML never are" in str(refused.value.message_dict["file_en"])


def test_size_limit(settings):
    settings.CONVENE_UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as refused:
        document_with("big.pdf", PDF + b"0" * 2048).full_clean()

    assert "file_en" in refused.value.message_dict


def test_photos_are_png_or_jpeg_only():
    person = PersonFactory()
    person.photo = SimpleUploadedFile("me.svg", SVG)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "photo" in refused.value.message_dict


def test_files_are_stored_under_random_names():
    document = document_with("Minister's <private> notes.PDF", PDF)
    document.full_clean()
    document.save()

    name = document.file_en.name
    assert name.startswith("documents/")
    assert name.endswith(".pdf")
    assert "notes" not in name and "Minister" not in name
    other = document_with("Minister's <private> notes.PDF", PDF)
    other.save()
    assert other.file_en.name != name


def stored_document(is_published=True):
    document = document_with("agenda.pdf", PDF)
    document.is_published = is_published
    document.save()
    return document


def test_published_documents_are_served_as_attachments_with_nosniff(client):
    document = stored_document()

    response = client.get(document.file_en.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_unpublished_documents_only_for_the_secretariat(client, admin_client):
    document = stored_document(is_published=False)

    assert client.get(document.file_en.url).status_code == 404
    response = admin_client.get(document.file_en.url)
    assert response.status_code == 200
    response.close()


@pytest.mark.parametrize("path", ["/media/documents/nothing.pdf", "/media/../config/settings.py", "/media/"])
def test_files_no_record_names_are_404(client, path):
    stored_document()

    assert client.get(path).status_code == 404
