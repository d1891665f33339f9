"""Import a meeting's participants from CSV or XLSX: `reading` (file to table), `rows` (the row importer, one
transaction), `forms` and `views` (the admin's upload, preview and confirm pages)."""

from secretariat.importing.reading import ImportFileError, read_table
from secretariat.importing.rows import ImportResult, RowOutcome, import_participants

__all__ = ["ImportFileError", "ImportResult", "RowOutcome", "import_participants", "read_table"]
