"""At most so many logins per minute: what keeps a flapping gateway from a storm.

A gateway that drops each session right after the login (out of memory, a
bad firmware) would otherwise be logged into again and again, each login a
session place taken and freed slowly. The reconnect delays stay short, so a
short outage costs seconds; this cap is what bounds the flapping case. Only
logins that reached the gateway count (a refused TCP connection does not
take a session place).
"""

import asyncio
from collections.abc import Callable
import contextlib
import time
from typing import Final

DEFAULT_MAX_LOGINS: Final = 10
DEFAULT_WINDOW: Final = 60.0


class LoginRate:
    """Logins to one gateway: at most ``max_logins`` in any ``window`` seconds.

    A login takes its place when it starts (``reserve``), so logins started
    together cannot exceed the cap, and is dated when it ends (``settle``):
    the gateway counted it somewhere in between, so the next one allowed
    after the window is a window after the gateway's count too.
    """

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
        self._logins: list[float] = []

    @property
    def wait(self) -> float:
        """Seconds until another login is allowed (0: now)."""
        horizon = self._clock() - self._window
        self._logins = [stamp for stamp in self._logins if stamp > horizon]
        if len(self._logins) < self._max_logins:
            return 0.0
        return min(self._logins) - horizon

    async def reserve(self) -> float:
        """Wait until a login is allowed and take its place; return its stamp."""
        while (wait := self.wait) > 0:  # noqa: ASYNC110 - a deadline, not an event
            await asyncio.sleep(wait)
        stamp = self._clock()
        self._logins.append(stamp)
        return stamp

    def settle(self, stamp: float) -> None:
        """The login reached the gateway and is over: date it now."""
        self.cancel(stamp)
        self._logins.append(self._clock())

    def cancel(self, stamp: float) -> None:
        """The login never reached the gateway: it does not count."""
        with contextlib.suppress(ValueError):
            self._logins.remove(stamp)
