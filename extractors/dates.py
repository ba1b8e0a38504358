"""Publication dates: the string a reader found (`published`) as a naive UTC timestamp, or the
reason it is none.

ISO 8601 goes through `datetime.fromisoformat`, everything else (RFC 2822, the Reuters
`26-FEB-1987 15:01:01.79`, `Nov. 3, 2025`, `3 November 2025 2:05 PM EST`) through dateutil,
strictly: no fuzzy matching, every one of year, month and day written out (a bare year or a month
and year is no date), a zone abbreviation known (`data/time_zones.json`) or the date is refused,
and an all-numeric `3/11/2025` whose day and month could be swapped is refused rather than
guessed. email.utils is not used for RFC 2822: it reads `Nov 3, 2025 2:05 PM EST` as 02:05 with
no zone, where dateutil reads RFC 2822 right.
"""
from __future__ import annotations

import json
import re
from datetime import UTC, datetime, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from dateutil import parser, tz

from extractors.lexicon import DATA

# Two defaults that differ in year, month and day: a field that comes out different was not
# written. Both are leap years and both months have 31 days, so no written day is out of range.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 3, 2))
_SWAPPABLE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}\b")
_NOT_A_DATE = ("Unknown string format", "String does not contain a date")


class DateProblem(ValueError):
    """Why a `published` string gives no timestamp."""


@lru_cache(maxsize=4096)  # an Article reads its date for each of its two computed fields
def read_published(raw: str | None) -> tuple[datetime | None, str | None]:
    """(timestamp, None), or (None, reason) for a string that is no date; (None, None) for no string."""
    if raw is None or not raw.strip():
        return None, None
    try:
        return parse_published(raw), None
    except DateProblem as e:
        return None, str(e)


def parse_published(raw: str) -> datetime:
    """The moment `raw` names, in UTC without a zone (a time without a zone is kept as written;
    a date without a time is midnight); `DateProblem` says why there is none."""
    text = raw.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = _parse_words(text)
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):  # year 1 a little east of UTC; dateutil's offset of -24 hours
        raise DateProblem("cannot be put in UTC") from None


def _parse_words(text: str) -> datetime:
    swappable = _SWAPPABLE.match(text)
    if swappable and swappable[1] != swappable[2] and max(int(swappable[1]), int(swappable[2])) <= 12:
        raise DateProblem("day and month could be either way round")
    try:
        first, second = (parser.parse(text, default=default, tzinfos=_zone) for default in _DEFAULTS)
    except (ValueError, OverflowError) as e:  # dateutil's ParserError is a ValueError
        message = str(e.args[0]).removesuffix(": %s") if e.args else type(e).__name__
        raise DateProblem("not a date" if message.startswith(_NOT_A_DATE) else message) from None
    missing = [name for name in ("year", "month", "day") if getattr(first, name) != getattr(second, name)]
    if missing:
        raise DateProblem(f"no {' or '.join(missing)}")  # a bare year: "no month or day"
    return first


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    """dateutil's `tzinfos`: the zone of an abbreviation or offset; an unknown name is an error,
    never the machine's local time or no zone at all."""
    if name is not None and name.upper() in _zones():
        return _zones()[name.upper()]
    if offset is not None:  # +05:30, or UTC / GMT / Z, which dateutil reads as offset 0
        return tz.tzoffset(name, offset)
    if name is not None:
        raise DateProblem(f"unknown time zone {name!r}")
    return None


@cache
def _zones() -> dict[str, tzinfo]:
    """`data/time_zones.json`: an abbreviation's hours from UTC, or its IANA zone."""
    table = json.loads((DATA / "time_zones.json").read_text(encoding="utf-8"))
    return {name: ZoneInfo(zone) if isinstance(zone, str) else tz.tzoffset(name, round(zone * 3600))
            for name, zone in table.items() if not name.startswith("_")}
