import datetime


def local_days_bounds(first_day: datetime.date, last_day: datetime.date, tzinfo) -> tuple:
    """The aware instants from midnight starting first_day to midnight ending last_day, in tzinfo's local time."""
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tzinfo)
    end = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tzinfo)
    return start, end
