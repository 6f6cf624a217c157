"""The event session: keep it alive, notice when the gateway is gone, reconnect.

Several gateways close an event session after ~105 s without a word from the
client, so a keep-alive ACK goes out every ``keepalive`` seconds whatever
arrives. A gateway that vanished without closing (half-open) sends nothing,
which on a quiet installation looks like a quiet bus; so when nothing arrived
for a whole keep-alive interval the monitor asks the gateway something through
a command session (``liveness_probe(timeout)``: any answer, even a busy
NACK, proves the gateway alive) and, if that fails, declares the session dead. TCP keep-alive (set on every session) backs this up.

Reconnecting follows what outages look like. A gateway that reboots is back
in seconds, so after losing a session that had logged in, attempts come
every ``reconnect_min`` (1 s) for the first six; only then does the delay
grow by half (up to ``reconnect_max``) while attempts keep failing, and a
successful login resets it. A gateway that accepts and drops at once is not held off by a long
first sleep but by the login cap (``LoginRate``, at most 10 logins a minute)
that every session opener honours. After a refused password the monitor waits
``auth_retry_delay``, and as long as the login guard asks after repeated
failures.
"""

import asyncio
from collections.abc import Awaitable, Callable
import logging
from typing import Final

from .errors import OpenWebNetAuthError, OpenWebNetError, OpenWebNetLockedError
from .frames import ACK, Frame
from .session import Session

_LOGGER = logging.getLogger(__package__)

DEFAULT_KEEPALIVE: Final = 90.0
DEFAULT_PROBE_TIMEOUT: Final = 10.0
DEFAULT_RECONNECT_MIN: Final = 1.0
DEFAULT_RECONNECT_MAX: Final = 60.0
DEFAULT_AUTH_RETRY_DELAY: Final = 60.0
#: Growth of the delay between failed reconnect attempts. Gentler than
#: doubling: while a rebooting gateway's port is closed an attempt costs it
#: nothing (the connection is refused before any login).
RECONNECT_GROWTH: Final = 1.5
#: Delays that stay at the minimum before the growth starts. Gateways reboot
#: in 1-5 s: attempts 1, 2, ... 6 s after the loss find one back within a
#: second of its port reopening, which leaves the login and the resync most
#: of the 5 s an outage may cost. Growing from the first delay (1, 2.5, 4.75,
#: 8.1 s) found a gateway back after 4.8 s only 3.3 s later: 5.2 s until its
#: entities were available in Home Assistant (script/probe.py).
RECONNECT_STEADY: Final = 6

type FramesHandler = Callable[[list[Frame]], None]
type ConnectionHandler = Callable[[bool], None]


class Backoff:
    """Delays between attempts: minimum (steady times), then growing by factor, capped."""

    def __init__(
        self, minimum: float, maximum: float, factor: float = 2.0, steady: int = 1
    ) -> None:
        """The first ``steady`` delays are minimum; each later one factor times longer."""
        self._minimum = minimum
        self._maximum = maximum
        self._factor = factor
        self._steady = max(1, steady)
        self._next = minimum
        self._given = 0

    def next_delay(self) -> float:
        """The delay before the next attempt (and grow the one after)."""
        delay = self._next
        self._given += 1
        if self._given >= self._steady:
            self._next = min(self._maximum, self._next * self._factor)
        return delay

    def reset(self) -> None:
        """A login worked: start again from the minimum."""
        self._next = self._minimum
        self._given = 0


class EventMonitor:
    """Runs the event session for the life of the gateway object."""

    def __init__(
        self,
        opener: Callable[[], Awaitable[Session]],
        on_frames: FramesHandler,
        on_connection: ConnectionHandler,
        liveness_probe: Callable[[float], Awaitable[object]],
        *,
        keepalive: float = DEFAULT_KEEPALIVE,
        probe_timeout: float = DEFAULT_PROBE_TIMEOUT,
        reconnect_min: float = DEFAULT_RECONNECT_MIN,
        reconnect_max: float = DEFAULT_RECONNECT_MAX,
        auth_retry_delay: float = DEFAULT_AUTH_RETRY_DELAY,
        locked_delay: Callable[[], float] = lambda: DEFAULT_AUTH_RETRY_DELAY,
    ) -> None:
        """Wire the monitor; nothing connects until ``connect``."""
        self._opener = opener
        self._on_frames = on_frames
        self._on_connection = on_connection
        self._liveness_probe = liveness_probe
        self._keepalive = keepalive
        self._probe_timeout = probe_timeout
        self._backoff = Backoff(
            reconnect_min, reconnect_max, RECONNECT_GROWTH, RECONNECT_STEADY
        )
        self._auth_retry_delay = auth_retry_delay
        self._locked_delay = locked_delay
        self._session: Session | None = None
        self._task: asyncio.Task[None] | None = None
        # Warned that the password is refused (once until a login works).
        self._refusal_warned = False
        self.connected = False

    async def connect(self) -> None:
        """Open the first event session (errors are raised, not retried)."""
        self._session = await self._opener()
        self._backoff.reset()
        self.connected = True

    def start(self) -> None:
        """Run the receive loop in the background."""
        self._task = asyncio.get_running_loop().create_task(
            self._run(), name="openwebnet event session"
        )

    async def _run(self) -> None:
        while True:
            if self._session is None:
                delay = await self._reconnect()
                if delay is not None:
                    await asyncio.sleep(delay)
                    continue
            assert self._session is not None
            try:
                await self._pump(self._session)
            except (OpenWebNetError, OSError) as err:
                _LOGGER.debug("Event session lost: %s", err)
            await self._drop()
            # The login reset the backoff: this is reconnect_min, soon.
            await asyncio.sleep(self._backoff.next_delay())

    async def _reconnect(self) -> float | None:
        """Try once; None on success, else how long to wait."""
        try:
            self._session = await self._opener()
        except OpenWebNetLockedError as err:
            _LOGGER.debug("Not reconnecting yet: %s", err)
            return max(self._locked_delay(), self._auth_retry_delay)
        except OpenWebNetAuthError as err:
            _LOGGER.log(
                logging.DEBUG if self._refusal_warned else logging.WARNING,
                "Gateway refused the password on reconnect: %s",
                err,
            )
            self._refusal_warned = True
            return self._auth_retry_delay
        except OpenWebNetError as err:
            delay = self._backoff.next_delay()
            _LOGGER.debug("Reconnect failed (%s); next attempt in %.1f s", err, delay)
            return delay
        self._backoff.reset()
        self._refusal_warned = False
        self._set_connected(True)
        return None

    async def _pump(self, session: Session) -> None:
        loop = asyncio.get_running_loop()
        keepalive_due = loop.time() + self._keepalive
        last_heard = loop.time()
        while True:
            try:
                async with asyncio.timeout_at(keepalive_due):
                    frames = await session.read_available()
            except TimeoutError:
                await session.send(ACK)
                now = loop.time()
                keepalive_due = now + self._keepalive
                if now - last_heard >= self._keepalive:
                    await self._probe()
                    last_heard = loop.time()
                continue
            last_heard = loop.time()
            try:
                self._on_frames(frames)
            except Exception:
                # A bug in one handler must not take the event session down.
                _LOGGER.exception("Handling %d event frames failed", len(frames))

    async def _probe(self) -> None:
        """Ask the gateway something; raise when it does not answer."""
        await self._liveness_probe(self._probe_timeout)

    async def _drop(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
        self._set_connected(False)

    def _set_connected(self, connected: bool) -> None:
        if connected == self.connected:
            return
        self.connected = connected
        self._on_connection(connected)

    async def close(self) -> None:
        """Stop the loop and close the session (no connection events after)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait({self._task})
            self._task = None
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
        self.connected = False
