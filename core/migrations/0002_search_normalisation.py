"""Search on PostgreSQL: the unaccent and pg_trgm extensions and `convene_normalize(text)`, the SQL twin of
`core.text.normalize` (SQLite registers the Python function on each connection instead)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from core.text import POSTGRES_FUNCTION_SQL


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION_SQL)


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS convene_normalize(text)")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_content_versions")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_function, drop_function),
    ]
