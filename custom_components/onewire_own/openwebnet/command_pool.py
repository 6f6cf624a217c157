"""A small pool of command sessions: one request at a time each, paced.

Gateways have few session slots and want a pause between commands on a
session (PROTOCOLS.md §2: 20-150 ms by model). Each session carries one
request at a time and collects its answers up to ACK/NACK; a busy NACK is
retried once after the pause; a session the gateway closed while idle is
reopened on demand, and a request that found it dead is sent once more.
"""

import asyncio
from collections.abc import Awaitable, Callable
import logging
import time
from typing import Final

from .errors import OpenWebNetConnectionError
from .frames import BusyNack, Frame
from .session import Session

_LOGGER = logging.getLogger(__package__)

DEFAULT_PACING: Final = 0.05
DEFAULT_REQUEST_TIMEOUT: Final = 5.0
MAX_SESSIONS: Final = 4
#: A busy gateway gets at least this long before the one retry.
MIN_BUSY_RETRY_DELAY: Final = 0.1

type SessionOpener = Callable[[], Awaitable[Session]]


class _Slot:
    """One session place in the pool (the session itself may be closed)."""

    __slots__ = ("last_sent", "session")

    def __init__(self) -> None:
        self.session: Session | None = None
        self.last_sent = float("-inf")

    async def close(self) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            await session.close()


class CommandPool:
    """Command sessions opened lazily with opener, up to size at once."""

    def __init__(
        self,
        opener: SessionOpener,
        *,
        size: int = 1,
        pacing: float = DEFAULT_PACING,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Prepare size slots (1 to MAX_SESSIONS); nothing connects yet."""
        if not 1 <= size <= MAX_SESSIONS:
            raise ValueError(f"command_sessions must be 1-{MAX_SESSIONS}, not {size}")
        self._opener = opener
        self._pacing = pacing
        self._request_timeout = request_timeout
        self._clock = clock
        self._slots = [_Slot() for _ in range(size)]
        self._idle: asyncio.Queue[_Slot] = asyncio.Queue()
        for slot in self._slots:
            self._idle.put_nowait(slot)

    async def open_one(self) -> None:
        """Open a first session now, so connection and password errors surface."""
        slot = await self._idle.get()
        try:
            await self._session(slot)
        finally:
            self._idle.put_nowait(slot)

    async def request(
        self, frame: Frame, *, timeout: float | None = None, retry_busy: bool = True
    ) -> list[Frame]:
        """Send frame on a free session; return its answers up to ACK/NACK.

        Waiting for a free session is not limited (each request holding one
        is); timeout (default: the pool's request timeout) limits the wait
        for the answers. retry_busy=False returns a busy NACK at once.

        Raises:
            OpenWebNetConnectionError: no session could carry the request, or
                the gateway did not answer within the request timeout.
            OpenWebNetAuthError: reopening a session was refused.

        """
        slot = await self._idle.get()
        try:
            return await self._request_on(
                slot,
                frame,
                self._request_timeout if timeout is None else timeout,
                retry_busy,
            )
        finally:
            self._idle.put_nowait(slot)

    async def _request_on(
        self, slot: _Slot, frame: Frame, timeout: float, retry_busy: bool
    ) -> list[Frame]:
        reopened = False
        busy_retried = not retry_busy
        while True:
            fresh = slot.session is None or slot.session.closed
            session = await self._session(slot)
            await self._pace(slot)
            slot.last_sent = self._clock()
            try:
                answers = await session.request(frame, timeout)
            except TimeoutError as err:
                await slot.close()
                raise OpenWebNetConnectionError(
                    f"gateway did not answer {frame} in {timeout} s"
                ) from err
            except OpenWebNetConnectionError:
                await slot.close()
                if fresh or reopened:
                    raise
                _LOGGER.debug("Command session was closed; reopening for %s", frame)
                reopened = True
                continue
            if isinstance(answers[-1], BusyNack) and not busy_retried:
                busy_retried = True
                await asyncio.sleep(max(self._pacing, MIN_BUSY_RETRY_DELAY))
                continue
            return answers

    async def _session(self, slot: _Slot) -> Session:
        if slot.session is not None and not slot.session.closed:
            return slot.session
        await slot.close()
        slot.session = await self._opener()
        return slot.session

    async def _pace(self, slot: _Slot) -> None:
        wait = slot.last_sent + self._pacing - self._clock()
        if wait > 0:
            await asyncio.sleep(wait)

    async def close(self) -> None:
        """Close every session (requests in flight fail)."""
        for slot in self._slots:
            await slot.close()
