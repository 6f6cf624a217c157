"""At most so many logins per minute: what keeps a flapping gateway from a storm.

A gateway that drops each session right after the login (out of memory, a
bad firmware) would otherwise be logged into again and again, each login a
session place taken and freed slowly. The reconnect delays stay short, so a
short outage costs seconds; this cap is what bounds the flapping case. Only
logins that reached the gateway count (a refused TCP connection does not
take a session place).
"""

import asyncio
from collections import deque
from collections.abc import Callable
import contextlib
import time
from typing import Final

DEFAULT_MAX_LOGINS: Final = 10
DEFAULT_WINDOW: Final = 60.0


class LoginRate:
    """Logins to one gateway: at most ``max_logins`` in any ``window`` seconds."""

    def __init__(
        self,
        *,
        max_logins: int = DEFAULT_MAX_LOGINS,
        window: float = DEFAULT_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Allow max_logins logins per window seconds (clock is injectable)."""
        if max_logins < 1:
            raise ValueError("max_logins must be at least 1")
        self._max_logins = max_logins
        self._window = window
        self._clock = clock
        self._logins: deque[float] = deque()

    @property
    def wait(self) -> float:
        """Seconds until another login is allowed (0: now)."""
        now = self._clock()
        while self._logins and self._logins[0] <= now - self._window:
            self._logins.popleft()
        if len(self._logins) < self._max_logins:
            return 0.0
        return self._logins[0] + self._window - now

    async def reserve(self) -> float:
        """Wait until a login is allowed and take its place; return its stamp.

        The place is taken before the caller connects, so logins started
        together cannot exceed the cap; ``cancel`` gives it back when the
        connection could not be made.
        """
        while (wait := self.wait) > 0:  # noqa: ASYNC110 - a deadline, not an event
            await asyncio.sleep(wait)
        stamp = self._clock()
        self._logins.append(stamp)
        return stamp

    def cancel(self, stamp: float) -> None:
        """The login never reached the gateway: it does not count."""
        with contextlib.suppress(ValueError):
            self._logins.remove(stamp)
