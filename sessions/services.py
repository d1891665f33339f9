"""Writes about rooms and sessions. Each service validates (full_clean) and is atomic."""

from django.db import transaction

from sessions.models import Session


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
