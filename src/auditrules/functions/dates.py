"""Calendar and working-day arithmetic (England and Wales bank holidays)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..dsl.ast import Duration
from ..patterns import compiled

if TYPE_CHECKING:
    import holidays

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
DATE_IN_TEXT = compiled(
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}-\d{1,2}-\d{4}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{4}\b",
    re.IGNORECASE,
)
"""A date written in text: 12/05/2024, 12-05-2024, 2024-05-12, 12 May 2024, 12th of May, May 12, 2024,
May 2024."""


@cache
def _bank_holidays() -> holidays.HolidayBase:
    import holidays  # loaded when a working day is first counted

    # England and Wales share one list of bank holidays; the object fills in years on demand.
    return holidays.country_holidays("GB", subdiv="ENG")


class AsOf:
    """The date a check is made as of, which rules read as `as_of`: a date fixed by the caller
    (`--as-of`, an example's `as of`), or else today's date, read when a rule asks for it."""

    def __init__(self, date: dt.date | None = None):
        self.date = date

    def value(self) -> dt.date:
        return self.date if self.date is not None else dt.date.today()


def parse_as_of(text: str) -> dt.date:
    """A date given for `as of`: `today`, `YYYY-MM-DD` or `DD/MM/YYYY`. Raises ValueError with a
    plain message."""
    written = text.strip()
    if written.lower() == "today":
        return dt.date.today()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", written)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written):
            return dt.date.fromisoformat(written)
    except ValueError:
        raise ValueError(f"'{text}' is not a date: there is no such day") from None
    raise ValueError(f"'{text}' is not a date (write it as YYYY-MM-DD or DD/MM/YYYY, or 'today')")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays()


def as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_A_MONDAY = dt.date(1900, 1, 1)


def _weekdays_before(day: dt.date) -> int:
    """Monday-to-Friday days from 1 January 1900 (a Monday) up to, not including, `day`
    (negative before it): five in each whole week, and up to five of the days left over."""
    weeks, rest = divmod((day - _A_MONDAY).days, 7)
    return weeks * 5 + min(rest, 5)


@cache
def _weekday_bank_holidays(year: int) -> tuple[dt.date, ...]:
    """The bank holidays in England and Wales of `year` that fall on a weekday."""
    import holidays

    return tuple(sorted(day for day in holidays.country_holidays("GB", subdiv="ENG", years=year)
                        if day.weekday() < 5))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier).
    Worked out by counting, not by walking the days, so a span of years costs no more than a
    span of days."""
    start, end = as_date(start), as_date(end)
    if end < start:
        return -working_days_between(end, start)
    one = dt.timedelta(days=1)
    weekdays = _weekdays_before(end + one) - _weekdays_before(start + one)
    off = sum(1 for year in range(start.year, end.year + 1)
              for holiday in _weekday_bank_holidays(year) if start < holiday <= end)
    return weekdays - off


def add_working_days(start: dt.date, days: int) -> dt.date:
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(as_date(day)):
            remaining -= 1
    return day


def _add_months(value: Any, months: int) -> Any:
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def shift(value: dt.date, duration: Duration, sign: int = 1) -> dt.date:
    """`value` moved by `duration` (forwards, or backwards when sign is -1)."""
    amount = duration.amount * sign
    if duration.working:
        return add_working_days(value, int(amount))
    if duration.unit == "day":
        return value + dt.timedelta(days=amount)
    if duration.unit == "week":
        return value + dt.timedelta(weeks=amount)
    if duration.unit == "month":
        return _add_months(value, int(amount))
    return _add_months(value, int(amount) * 12)
