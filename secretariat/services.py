"""Writes of the secretariat that span the domain apps. Each service validates (full_clean) and is atomic.

`meeting_prepare_next` copies a meeting, its rooms and its sessions and carries its open commitments forward: it
writes to meetings, sessions and agreements, so it lives here, above them, rather than in meetings/services.py.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agreements.models import Commitment
from agreements.services import commitment_record_update
from meetings.models import Meeting
from sessions.models import Room, Session, SessionType


def _renumber(text: str, old: int, new: int) -> str:
    """“16th UN–OIC General Meeting” -> “17th UN–OIC General Meeting” (also “16e”, “16”)."""
    if not text:
        return text
    text = re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)
    suffix = "th" if 10 <= new % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(new % 10, "th")
    return re.sub(rf"(?<!\d){new}(st|nd|rd|th)\b", f"{new}{suffix}", text)


def _next_slug(meeting: Meeting, number: int, old_year: str, new_year: str) -> str:
    """The meeting's slug with the new number and year, else one made from the series; never one in use."""
    # Only a meeting of a series with a number is prepared again (meeting_prepare_next checks both first).
    assert meeting.series is not None  # noqa: S101 - narrows the type for mypy
    assert meeting.number is not None  # noqa: S101 - narrows the type for mypy
    candidates = [
        _renumber(meeting.slug, meeting.number, number).replace(old_year, new_year),
        f"{meeting.series.slug}-{number}-{new_year}",
    ]
    taken = set(Meeting.objects.filter(slug__in=candidates).values_list("slug", flat=True)) | {meeting.slug}
    return next((slug for slug in candidates if slug not in taken), candidates[-1])


def _copy_fields(instance, **overrides):
    """A new unsaved instance with the concrete fields (every language) of ``instance``, except its identity."""
    skip = {"id", "created_at", "updated_at"}
    copy = type(instance)()
    for model_field in instance._meta.concrete_fields:
        if model_field.attname not in skip:
            setattr(copy, model_field.attname, getattr(instance, model_field.attname))
    for name, value in overrides.items():
        setattr(copy, name, value)
    return copy


@transaction.atomic
def meeting_prepare_next(*, meeting: Meeting, start_date, end_date=None, slug: str = "", title_en: str = "") -> Meeting:
    """A draft of the next meeting of the series: themes, rooms and the session skeleton (no people) copied and
    shifted to the new dates, and the open commitments carried forward.

    A commitment is carried forward by a CommitmentUpdate at the new meeting, dated today, that repeats its current
    status: the follow-up report of the new meeting lists it (the previous meeting's report, which stops at the new
    meeting, does not), and its history shows when it was put on the agenda again.
    """
    if meeting.series_id is None or meeting.number is None:
        raise ValidationError(_("Only a numbered meeting of a series has a next meeting: set its series and number."))
    number = meeting.number + 1
    existing = Meeting.objects.filter(series_id=meeting.series_id, number=number).first()
    if existing:
        raise ValidationError(
            _("The series already has meeting number %(number)d: %(meeting)s.")
            % {"number": number, "meeting": existing}
        )
    if end_date is None:
        end_date = start_date + (meeting.end_date - meeting.start_date)
    shift = start_date - meeting.start_date
    old_year, new_year = str(meeting.start_date.year), str(start_date.year)
    next_meeting = _copy_fields(
        meeting,
        number=number,
        start_date=start_date,
        end_date=end_date,
        status=Meeting.Status.DRAFT,
        last_badge_number=0,
        reported_attendance=None,
        slug=slug or _next_slug(meeting, number, old_year, new_year),
    )
    for language, _name in settings.LANGUAGES:
        attribute = f"title_{language}"
        title = getattr(meeting, attribute)
        renumbered: str | None = _renumber(title, meeting.number, number)
        if renumbered == title and language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            # The number is spelt out (e.g. “السادس عشر”): better the English fallback than the old number.
            renumbered = None
        setattr(next_meeting, attribute, renumbered)
    if title_en:
        next_meeting.title_en = title_en
    next_meeting.full_clean()
    next_meeting.save()
    next_meeting.themes.set(meeting.themes.all())

    rooms = {}
    for room in Room.objects.filter(meeting=meeting):
        rooms[room.pk] = _copy_fields(room, meeting_id=next_meeting.pk)
        rooms[room.pk].full_clean()
        rooms[room.pk].save()
    types = {}
    for session_type in SessionType.objects.filter(meeting=meeting):
        types[session_type.pk] = _copy_fields(session_type, meeting_id=next_meeting.pk)
        types[session_type.pk].full_clean()
        types[session_type.pk].save()
    for session in Session.objects.filter(meeting=meeting).prefetch_related("topics"):
        tz = meeting.tzinfo
        # Same local wall-clock time on the shifted day, even across a change of daylight saving time.
        copy = _copy_fields(
            session,
            meeting_id=next_meeting.pk,
            room_id=rooms[session.room_id].pk if session.room_id else None,
            type_id=types[session.type_id].pk if session.type_id else None,
            # The source system's ids name the old meeting's sessions.
            external_id="",
            starts_at=(session.starts_at.astimezone(tz) + shift),
            ends_at=(session.ends_at.astimezone(tz) + shift),
            sequence=0,
        )
        copy.meeting = next_meeting
        copy.type = types.get(session.type_id) if session.type_id is not None else None
        try:
            copy.full_clean()
        except ValidationError as error:
            raise ValidationError(
                _("Session “%(session)s” cannot move to the new dates: %(reason)s")
                % {"session": session, "reason": " ".join(error.messages)}
            ) from None
        copy.save()
        copy.topics.set(session.topics.all())

    carried = (
        Commitment.objects.open()
        .filter(
            Q(agreed_at__series_id=meeting.series_id, agreed_at__number__lte=meeting.number)
            | Q(updates__meeting=meeting)
        )
        .distinct()
        .order_by("reference", "id")
    )
    for commitment in carried:
        notes = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                notes[f"note_{language}"] = _("Carried forward from %(meeting)s for review (status: %(status)s).") % {
                    "meeting": meeting.title,
                    "status": commitment.get_status_display(),
                }
        commitment_record_update(
            commitment=commitment,
            status=commitment.status,
            meeting=next_meeting,
            reported_on=timezone.localdate(),
            **notes,
        )
    return next_meeting
