"""Simulated time: every duration of the simulator, scaled for fast tests.

Travel times, timeouts, the lockout, repeats of a held button: all are written
in real-gateway seconds and pass through one ``Clock``. With
``time_scale=0.01`` a 20 s shutter travel takes 0.2 s of wall time, and the
state model still reasons in gateway seconds.
"""

import asyncio
from collections.abc import Callable
import time


class Clock:
    """Gateway seconds on top of the running event loop's monotonic clock."""

    def __init__(self, time_scale: float = 1.0) -> None:
        """Scale every simulated duration by ``time_scale`` (1.0 = real time)."""
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.time_scale = time_scale

    def now(self) -> float:
        """Monotonic gateway seconds (only differences are meaningful).

        ``time.monotonic`` is the default event loop's clock, so this agrees
        with ``call_later`` and works before the loop runs.
        """
        return time.monotonic() / self.time_scale

    def wall(self, seconds: float) -> float:
        """The wall-clock duration of ``seconds`` gateway seconds."""
        return seconds * self.time_scale

    async def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` gateway seconds."""
        await asyncio.sleep(self.wall(seconds))

    def call_later(
        self, seconds: float, callback: Callable[[], None]
    ) -> asyncio.TimerHandle:
        """Run ``callback`` after ``seconds`` gateway seconds."""
        return asyncio.get_running_loop().call_later(self.wall(seconds), callback)
