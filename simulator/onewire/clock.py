"""Bus time: every duration of the emulated bus, optionally scaled.

Conversion times, bus-time costs, the value timeline and fault durations are
written in real-bus seconds and pass through one clock. ``ScaledClock`` runs
on the monotonic clock (``time_scale=0.1`` makes a 750 ms conversion last
75 ms of wall time); ``ManualClock`` only moves when a test advances it, for
unit tests of the chips without any waiting.
"""

from abc import ABC, abstractmethod
import time
from typing import override


class BusClock(ABC):
    """Seconds of bus time (only differences are meaningful)."""

    @abstractmethod
    def now(self) -> float:
        """The current bus time in seconds."""

    @abstractmethod
    def wall(self, seconds: float) -> float:
        """How many wall-clock seconds ``seconds`` of bus time last."""


class ScaledClock(BusClock):
    """Bus time on top of ``time.monotonic``, scaled by time_scale."""

    def __init__(self, time_scale: float = 1.0) -> None:
        """1.0 is real time; 0.1 runs every bus duration ten times faster."""
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.time_scale = time_scale

    @override
    def now(self) -> float:
        return time.monotonic() / self.time_scale

    @override
    def wall(self, seconds: float) -> float:
        return seconds * self.time_scale


class ManualClock(BusClock):
    """A clock that stands still until advanced (unit tests)."""

    def __init__(self, start: float = 0.0) -> None:
        """Start at ``start`` seconds."""
        self._now = start

    @override
    def now(self) -> float:
        return self._now

    @override
    def wall(self, seconds: float) -> float:
        return 0.0

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` of bus time pass."""
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._now += seconds
