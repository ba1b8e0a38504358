"""How far extraction has got, as one log line: articles done of total, the rate so far and the time left."""
from __future__ import annotations

import time


class Progress:
    """Counts from the moment it is made, so the rate includes starting the workers."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = time.monotonic()

    def line(self, done: int) -> str:
        """After `done` (at least one) of the articles are stored."""
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = done / elapsed
        return (f"extracted {done}/{self.total} articles ({done / self.total:.0%}) in {_duration(elapsed)}, "
                f"{rate:.1f} articles/s, {_duration((self.total - done) / rate)} left")


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
