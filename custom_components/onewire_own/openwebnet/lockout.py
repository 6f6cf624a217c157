"""Never be the client that locks a gateway's authentication out.

A gateway disables authentication for 60 s after 3 failed handshakes in 60 s
(PROTOCOLS.md §2). The guard counts this client's failures per gateway and
refuses, without connecting, the attempt that could be the third.
"""

from collections import deque
from collections.abc import Callable
import time
from typing import Final

from .errors import OpenWebNetLockedError

DEFAULT_WINDOW: Final = 60.0
DEFAULT_MAX_FAILURES: Final = 2


class LoginGuard:
    """Failed login bookkeeping for one gateway (not shared between gateways)."""

    def __init__(
        self,
        *,
        window: float = DEFAULT_WINDOW,
        max_failures: int = DEFAULT_MAX_FAILURES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Allow at most max_failures failed logins per window seconds."""
        self._window = window
        self._max_failures = max_failures
        self._clock = clock
        self._failures: deque[float] = deque()

    def _forget_old(self) -> None:
        horizon = self._clock() - self._window
        while self._failures and self._failures[0] <= horizon:
            self._failures.popleft()

    @property
    def retry_after(self) -> float:
        """Seconds until another attempt is allowed (0: allowed now)."""
        self._forget_old()
        if len(self._failures) < self._max_failures:
            return 0.0
        return self._failures[0] + self._window - self._clock()

    def check(self) -> None:
        """Raise OpenWebNetLockedError when another failure could lock the gateway."""
        wait = self.retry_after
        if wait > 0:
            raise OpenWebNetLockedError(
                f"{len(self._failures)} failed logins in the last"
                f" {self._window:.0f} s; next attempt allowed in {wait:.0f} s"
            )

    def failed(self) -> None:
        """Record a refused password.

        A later success does not clear the record: the gateway counts every
        failure in its window, whatever happened in between.
        """
        self._failures.append(self._clock())


_GUARDS: Final[dict[tuple[str, int], LoginGuard]] = {}


def guard_for(host: str, port: int) -> LoginGuard:
    """The process-wide guard of the gateway at host:port.

    The lockout belongs to the physical gateway, not to one ``Gateway`` or
    ``Client`` object: a program that rebuilds its client after a failure
    (Home Assistant retrying a config entry) must still count the earlier
    failures. Different gateways get different guards.
    """
    guard = _GUARDS.get((host, port))
    if guard is None:
        guard = _GUARDS[(host, port)] = LoginGuard()
    return guard


def reset_login_guards() -> None:
    """Forget the failed logins of every gateway address in this process.

    A program has no use for it: the count belongs to the physical gateway and
    must survive a rebuilt client. Test suites do: each test starts a new
    simulated gateway, maybe on a loopback port an earlier test used, and must
    not inherit that test's failures.
    """
    _GUARDS.clear()
