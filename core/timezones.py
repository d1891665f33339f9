"""Times in a meeting's own time zone: the one rule for showing them in the back office (lists, forms, messages,
history, check-in), always labelled with the zone's name and its offset so that nobody guesses."""

import datetime

from django.utils import timezone


def local_days_bounds(first_day: datetime.date, last_day: datetime.date, tzinfo) -> tuple:
    """The aware instants from midnight starting first_day to midnight ending last_day, in tzinfo's local time."""
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tzinfo)
    end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tzinfo)
    return start, end


def utc_offset(moment: datetime.datetime) -> str:
    """“UTC+05:00”, “UTC−03:30”, “UTC” for an aware local time."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def zone_label(tzinfo, at: datetime.datetime | None = None) -> str:
    """“Asia/Almaty, UTC+05:00”: the zone's name and its offset at ``at`` (now if not given)."""
    moment = timezone.localtime(at or timezone.now(), tzinfo)
    return f"{getattr(tzinfo, 'key', str(tzinfo))}, {utc_offset(moment)}"


def local_time(value: datetime.datetime | None, tzinfo, *, with_date: bool = True) -> str:
    """“2024-07-22 14:02 (Asia/Almaty, UTC+05:00)”, or “14:02 (…)”; "" for no time."""
    if value is None:
        return ""
    moment = timezone.localtime(value, tzinfo)
    shown = moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")
    return f"{shown} ({zone_label(tzinfo, value)})"
