"""Publication dates: every form a reader hands over, read as a UTC timestamp, and what is not a date."""
from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.dates import read_published
from extractors.models import Article


@pytest.mark.parametrize(("raw", "expected"), [
    # ISO 8601: with and without a zone, with fractions, date only, basic and week forms
    ("2025-11-03T14:05:00Z", datetime(2025, 11, 3, 14, 5)),
    ("2025-11-03T14:05:00+02:00", datetime(2025, 11, 3, 12, 5)),
    ("2025-11-03T23:30:00-05:00", datetime(2025, 11, 4, 4, 30)),  # the UTC day is the next one
    ("2025-11-03T14:05:00+0530", datetime(2025, 11, 3, 8, 35)),
    ("2025-11-03T14:05:00", datetime(2025, 11, 3, 14, 5)),  # no zone: kept as written
    ("2025-11-03 14:05", datetime(2025, 11, 3, 14, 5)),
    ("2025-11-03T14:05:00.250Z", datetime(2025, 11, 3, 14, 5, 0, 250000)),
    ("2025-11-03T14:05:00.123456789+00:00", datetime(2025, 11, 3, 14, 5, 0, 123456)),
    ("1987-02-26T15:01:01.790", datetime(1987, 2, 26, 15, 1, 1, 790000)),
    ("2025-11-03", datetime(2025, 11, 3)),
    ("20251103", datetime(2025, 11, 3)),
    ("  2025-11-03\n", datetime(2025, 11, 3)),
    # RFC 2822, with a named zone, an offset, an obsolete US zone
    ("Tue, 03 Nov 2025 14:05:00 GMT", datetime(2025, 11, 3, 14, 5)),
    ("Mon, 3 Nov 2025 14:05:00 +0100", datetime(2025, 11, 3, 13, 5)),
    ("03 Nov 2025 14:05 EST", datetime(2025, 11, 3, 19, 5)),
    ("Mon, 03 Nov 2025 14:05:00 -0000", datetime(2025, 11, 3, 14, 5)),
    # the Reuters SGML form
    ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, 790000)),
    ("5-MAR-1987 09:14:41.51", datetime(1987, 3, 5, 9, 14, 41, 510000)),
    # news forms
    ("Nov. 3, 2025", datetime(2025, 11, 3)),
    ("November 3, 2025", datetime(2025, 11, 3)),
    ("Sept. 30, 2025", datetime(2025, 9, 30)),
    ("3 November 2025", datetime(2025, 11, 3)),
    ("Nov 3rd, 2025", datetime(2025, 11, 3)),
    ("Nov 3, 2025 2:05 PM EST", datetime(2025, 11, 3, 19, 5)),
    ("Nov. 3, 2025, 2:05 p.m. PST", datetime(2025, 11, 3, 22, 5)),
    ("July 3, 2025 9:00 AM ET", datetime(2025, 7, 3, 13, 0)),  # ET follows daylight saving: EDT in July
    ("January 3, 2025 9:00 AM ET", datetime(2025, 1, 3, 14, 0)),
    ("3 November 2025 14:05 CET", datetime(2025, 11, 3, 13, 5)),
    ("13/11/2025", datetime(2025, 11, 13)),  # only one way round
    ("12/12/2025", datetime(2025, 12, 12)),  # both ways the same
])
def test_dates_are_read_as_utc_timestamps(raw, expected):
    assert read_published(raw) == (expected, None)


@pytest.mark.parametrize(("raw", "reason"), [
    ("Q3 results", "not a date"),
    ("see page 3", "not a date"),
    ("Published yesterday", "not a date"),
    # a bare year or a month and a year names no day: no timestamp, rather than the 1st
    ("2025", "no month or day"),
    ("November 2025", "no day"),
    ("2025-11", "no day"),
    ("Nov 3", "no year"),
    ("Monday", "no year or month or day"),
    ("3", "no year or month"),
    # right shape, impossible values
    ("31-MAR-1987 605:12:19.12", "hour must be in 0..23"),
    ("30 Feb 2025", "day is out of range for month"),
    ("1730642700", "year 1730642700 is out of range"),
    ("0001-01-01T00:30:00+01:00", "cannot be put in UTC"),
    ("Nov 3, 2025 14:05 -2400", "cannot be put in UTC"),
    # refused rather than guessed
    ("3/11/2025", "day and month could be either way round"),
    ("03.04.25", "day and month could be either way round"),
    ("Nov 3, 2025 2:05 PM XYZ", "unknown time zone 'XYZ'"),
])
def test_what_is_no_date_gives_a_reason(raw, reason):
    assert read_published(raw) == (None, reason)


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_no_date_is_no_problem(raw):
    assert read_published(raw) == (None, None)


def test_an_article_carries_its_date_as_read_and_as_a_timestamp():
    dated = Article(id="a", text="Body.", published="Tue, 03 Nov 2025 14:05:00 +0100")
    assert (dated.published, dated.published_at, dated.date_problem) == (
        "Tue, 03 Nov 2025 14:05:00 +0100", datetime(2025, 11, 3, 13, 5), None)
    redated = dated.model_copy(update={"published": "Q3 2025"})
    assert (redated.published_at, redated.date_problem) == (None, "not a date")
    assert Article(id="b", text="Body.").model_dump()["published_at"] is None


DATE_PIECES = st.sampled_from(list("0123456789 -/.:,+TZ") + ["Nov", "PM", "EST", "ET", "XYZ", "GMT", "Tue", "\u00a0", "٣"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(DATE_PIECES, max_size=14).map("".join)))
def test_any_string_gives_a_timestamp_or_a_reason_and_never_raises(raw):
    """A date is read for every article the corpus holds: an exception here would stop the load."""
    at, why = read_published(raw)
    assert (at is None) != (why is None) if raw.strip() else (at, why) == (None, None)
