from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE working_sessions_session
    ADD CONSTRAINT session_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (room_id IS NOT NULL);
"""
DROP = "ALTER TABLE working_sessions_session DROP CONSTRAINT IF EXISTS session_room_no_overlap;"


def add_exclusion_constraint(apps, schema_editor):
    # SQLite has no exclusion constraints; Session.clean() refuses the overlap there.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_exclusion_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("working_sessions", "0001_initial_rooms_sessions_roles")]

    operations = [migrations.RunPython(add_exclusion_constraint, drop_exclusion_constraint)]
