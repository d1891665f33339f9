"""Writes about rooms, session types and sessions. Each service validates (full_clean) and is atomic."""

from django.db import transaction

from sessions.models import DEFAULT_SESSION_TYPES, Session, SessionType


@transaction.atomic
def session_save(*, session: Session, topics=None) -> Session:
    """Create or update a session; refuses overlaps in a room and times outside the meeting's days."""
    session.full_clean()
    session.save()
    if topics is not None:
        session.topics.set(topics)
    return session


@transaction.atomic
def sessions_set_public(*, sessions, is_public: bool) -> list[Session]:
    changed = []
    for session in sessions:
        if session.is_public != is_public:
            session.is_public = is_public
            session.save()
            changed.append(session)
    return changed


@transaction.atomic
def session_types_add_defaults(*, meeting) -> dict[str, SessionType]:
    """Give a meeting the UN kinds of session it lacks (by code); returns every type of the meeting by code."""
    existing = {session_type.code: session_type for session_type in SessionType.objects.filter(meeting=meeting)}
    for ordering, (code, (name_en, name_fr, name_ar), colour, is_break) in enumerate(DEFAULT_SESSION_TYPES, start=1):
        if code in existing:
            continue
        session_type = SessionType(
            meeting=meeting,
            code=code,
            name_en=name_en,
            name_fr=name_fr,
            name_ar=name_ar,
            colour=colour,
            is_break=is_break,
            ordering=ordering,
        )
        session_type.full_clean()
        session_type.save()
        existing[code] = session_type
    return existing
