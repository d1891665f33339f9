"""Writes about rooms, session types and sessions. Each service validates (full_clean) and is atomic."""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.services import record_clean_without_lookups
from core.versions import bump
from sessions.models import DEFAULT_SESSION_TYPES, Session, SessionRole, SessionType


@transaction.atomic
def session_save(*, session: Session, topics=None, related_loaded: bool = False) -> Session:
    """Create or update a session; refuses overlaps in a room and times outside the meeting's days.

    related_loaded: the caller loaded the session's meeting, room, type and theme itself (an import), so their
    existence is not queried again; every other check is made."""
    if related_loaded:
        record_clean_without_lookups(record=session, unique=True)
    else:
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


@transaction.atomic
def session_roles_create(*, meeting, roles, change_reason=None) -> list[SessionRole]:
    """New roles in sessions of `meeting`, written together with their history and one content version bump.

    Each is validated as record_save would, but for the existence of its session and person (the caller holds
    them) and its uniqueness (session, person, role), which the caller guarantees and the database enforces."""
    for role in roles:
        if role.session.meeting_id != meeting.pk:
            raise ValueError("A role of a session of another meeting.")
        role.session_id = role.session.pk
        record_clean_without_lookups(record=role)
    if not roles:
        return []
    created = bulk_create_with_history(
        roles, SessionRole, batch_size=500, default_change_reason=change_reason, default_date=timezone.now()
    )
    bump({meeting.pk})
    return created
