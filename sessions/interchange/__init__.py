"""Whole programmes in and out: the formats other systems publish (c3voc/frab/pretalx JSON, frab/pretalx XML,
Indico's timetable JSON) read into one neutral `Programme`, which `programme_import` writes to a meeting.

The management command `import_schedule`, the admin's import page and the API's
`POST /api/v1/meetings/{slug}/schedule/` all call `read_programme` then `programme_import`.
"""

from sessions.interchange.documents import Programme, ProgrammeError
from sessions.interchange.importer import ImportReport, ProgrammeImportError, programme_import
from sessions.interchange.readers import FORMATS, read_programme

__all__ = [
    "FORMATS",
    "ImportReport",
    "Programme",
    "ProgrammeError",
    "ProgrammeImportError",
    "programme_import",
    "read_programme",
]
