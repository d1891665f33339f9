"""Writes about meetings. Each service validates (full_clean) and is atomic.

"Prepare the next meeting" copies rooms and sessions and carries commitments forward: it reads apps above
meetings, so it lives in secretariat/services.py."""

from django.db import transaction

from meetings.models import Meeting


@transaction.atomic
def meetings_set_status(*, meetings, status: str) -> list[Meeting]:
    """Publish, unpublish (back to draft) or cancel meetings, one save each so that history records it."""
    changed = []
    for meeting in meetings:
        if meeting.status != status:
            meeting.status = status
            meeting.full_clean()
            meeting.save()
            changed.append(meeting)
    return changed
