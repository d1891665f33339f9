"""The agenda as a time grid: each day a CSS grid whose rows are five-minute steps and whose columns are rooms, so
that a session's block is as tall as it is long. Laid out here, on the server; the template only places blocks."""

import datetime
from dataclasses import dataclass, field

STEP = datetime.timedelta(minutes=5)
HOUR = datetime.timedelta(hours=1)


@dataclass
class GridBlock:
    session: object
    row_start: int
    row_end: int
    column: str  # a CSS grid-column value: "3", or "2 / -1" for a session with no room (it spans every room)


@dataclass
class GridHour:
    starts_at: datetime.datetime
    row_start: int
    row_end: int


@dataclass
class GridDay:
    date: datetime.date
    rooms: list
    hours: list = field(default_factory=list)
    blocks: list = field(default_factory=list)
    rows: int = 0


def _row(instant, start):
    """Grid row of an instant: row 1 holds the room names, row 2 starts at `start`."""
    return int((instant - start) / STEP) + 2


def grid_days(days, tzinfo):
    """One GridDay per AgendaDay (sessions/selectors.py), times in the meeting's `tzinfo`."""
    grid = []
    for day in days:
        sessions = [session for slot in day.slots for session in slot.sessions]
        first = min(session.starts_at for session in sessions).astimezone(tzinfo)
        last = max(session.ends_at for session in sessions).astimezone(tzinfo)
        start = first.replace(minute=0, second=0, microsecond=0)
        on_the_hour = last.replace(minute=0, second=0, microsecond=0)
        end = last if last == on_the_hour else on_the_hour + HOUR
        grid_day = GridDay(date=day.date, rooms=day.rooms, rows=_row(end, start) - 1)
        hour = start
        while hour < end:
            grid_day.hours.append(
                GridHour(starts_at=hour, row_start=_row(hour, start), row_end=_row(hour + HOUR, start))
            )
            hour += HOUR
        for session in sessions:
            row_start = _row(session.starts_at.astimezone(tzinfo), start)
            row_end = max(_row(session.ends_at.astimezone(tzinfo), start), row_start + 1)
            column = str(session.column + 1) if session.column else "2 / -1"
            grid_day.blocks.append(GridBlock(session=session, row_start=row_start, row_end=row_end, column=column))
        grid.append(grid_day)
    return grid
