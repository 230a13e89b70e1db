"""Working days are counted, not walked: the count agrees with walking the calendar day by day
over weekends and England and Wales bank holidays, for spans of days and of years."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from auditrules.functions.dates import is_working_day, working_days_between


def walked(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`, one day at a time."""
    if end < start:
        return -walked(end, start)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2032, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DAYS, DAYS)
def test_counting_agrees_with_walking_the_calendar(start, end):
    assert working_days_between(start, end) == walked(start, end)


def test_bank_holidays_and_weekends_are_not_working_days():
    # Friday 2 May 2025 to Tuesday 6 May 2025: the weekend and the May bank holiday are left out.
    assert working_days_between(dt.date(2025, 5, 2), dt.date(2025, 5, 6)) == 1
    # Christmas 2024: 24 December (Tuesday) to 27 December (Friday): 25th and 26th are bank holidays.
    assert working_days_between(dt.date(2024, 12, 24), dt.date(2024, 12, 27)) == 1
    assert working_days_between(dt.date(2025, 5, 6), dt.date(2025, 5, 2)) == -1
    assert working_days_between(dt.date(2025, 5, 6), dt.date(2025, 5, 6)) == 0
