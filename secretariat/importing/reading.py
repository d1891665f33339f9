"""Reading an import file: CSV or XLSX bytes to a table of stripped strings, and its header row to the import's
column keys (a header may be spelt in any of the three languages)."""

import csv
import io
import unicodedata
import zipfile

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from secretariat.columns import EXPORT_COLUMNS, HEADER_SYNONYMS, IMPORT_COLUMNS, REQUIRED_COLUMNS

MAX_FILE_SIZE = 5 * 1024 * 1024
LANGUAGES = ("en", "fr", "ar")


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, headers)."""


def normalise(text) -> str:
    """Case, accents (and Arabic short vowels), spaces and underscores ignored: “Civilité” is “civilite”."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").replace("_", " "))
    stripped = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(stripped.split()).casefold()


def header_map() -> dict:
    """Every accepted spelling of every column (key, or header in any language) -> key; None for export-only."""
    accepted = {}
    for language in LANGUAGES:
        with translation.override(language):
            for key, label in EXPORT_COLUMNS.items():
                accepted[normalise(label)] = key if key in IMPORT_COLUMNS else None
    for key in EXPORT_COLUMNS:
        accepted[normalise(key)] = key if key in IMPORT_COLUMNS else None
    for key, synonyms in HEADER_SYNONYMS.items():
        for synonym in synonyms:
            accepted.setdefault(normalise(synonym), key)
    return accepted


def read_table(content: bytes, filename: str = ""):
    """(headers, rows) from CSV or XLSX bytes; every cell a stripped string."""
    if len(content) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 5 MB."))
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from None
        table = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("The file is neither an XLSX workbook nor UTF-8 CSV text.")) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    if not table or not any(table[0]):
        raise ImportFileError(_("The file is empty: the first row must name the columns."))
    return table[0], table[1:]


def rough_row_count(content: bytes, filename: str = "") -> int:
    """About how many rows the file has, without reading it all: to choose between the request and the worker."""
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True)
            rows = workbook.worksheets[0].max_row
            workbook.close()
        except (zipfile.BadZipFile, OSError, KeyError, ValueError, IndexError):
            return 0  # read_table will say what is wrong with it
        # A workbook without its dimensions recorded: judge by size (a row of this import is under 200 bytes zipped).
        return rows if rows is not None else len(content) // 100
    return content.count(b"\n")


def column_indexes(headers) -> dict:
    """key -> column index; ImportFileError names unknown or missing columns."""
    accepted, columns, unknown = header_map(), {}, []
    for index, header in enumerate(headers):
        if not header:
            continue
        name = normalise(header)
        if name not in accepted:
            unknown.append(f"“{header}” ({get_column_letter(index + 1)})")
        elif accepted[name] is not None:
            columns[accepted[name]] = index
    if unknown:
        raise ImportFileError(
            _(
                "Unknown column(s): %(columns)s. Expected: %(expected)s (or the same in English, French or "
                "Arabic; download the template)."
            )
            % {"columns": ", ".join(unknown), "expected": ", ".join(str(label) for label in IMPORT_COLUMNS.values())}
        )
    missing = [str(IMPORT_COLUMNS[key]) for key in REQUIRED_COLUMNS if key not in columns]
    if missing:
        raise ImportFileError(_("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    return columns
