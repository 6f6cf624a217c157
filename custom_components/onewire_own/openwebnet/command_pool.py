"""A small pool of command sessions: one request at a time each, paced.

Gateways hold few command sessions and want a pause between commands on a
session (PROTOCOLS.md §2: 20-150 ms by model). Each session carries one
request at a time and collects its answers up to ACK/NACK; a busy NACK is
retried once after the pause; a session the gateway closed while idle is
reopened on demand, and a request that found it dead is sent once more.

A gateway's command sessions are shared with every other client, so the
pool may get fewer than it asks for. A place whose session the gateway
refuses (NACK to the session request, or no answer at all: no room for one
more) is parked and its request moves to a session that is open: the pool
shrinks to what the gateway grants instead of failing requests. Parked places
are tried again one at a time, with a backoff (``grow_retry_min`` doubling up
to ``grow_retry_max``), so a full gateway never sees a storm of connection
attempts. Only when the last usable place is refused does a request fail.

A request cancelled while its answers are on the way closes its session:
the next request would otherwise read them as its own.
"""

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import logging
import time
from typing import Final

from .errors import OpenWebNetConnectionError, OpenWebNetError
from .frames import BusyNack, Frame
from .monitor import Backoff
from .session import NO_FREE_SESSION, Session

_LOGGER = logging.getLogger(__package__)

DEFAULT_PACING: Final = 0.05
DEFAULT_REQUEST_TIMEOUT: Final = 5.0
MAX_SESSIONS: Final = 4
#: A busy gateway gets at least this long before the one retry.
MIN_BUSY_RETRY_DELAY: Final = 0.1
#: First wait before asking again for a session the gateway refused (doubles).
DEFAULT_GROW_RETRY_MIN: Final = 30.0
#: Longest wait between two attempts to get a refused session back.
DEFAULT_GROW_RETRY_MAX: Final = 600.0

type SessionOpener = Callable[[], Awaitable[Session]]
#: Called with the number of command sessions the gateway grants now.
type CapacityListener = Callable[[int], None]


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

    def drop(self) -> None:
        """Close at once, without waiting (a cancelled request's session)."""
        if self.session is not None:
            session, self.session = self.session, None
            session.close_nowait()


class CommandPool:
    """Command sessions opened lazily with opener, up to size at once."""

    def __init__(
        self,
        opener: SessionOpener,
        *,
        size: int = 1,
        pacing: float = DEFAULT_PACING,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        grow_retry_min: float = DEFAULT_GROW_RETRY_MIN,
        grow_retry_max: float = DEFAULT_GROW_RETRY_MAX,
        on_capacity_change: CapacityListener | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Prepare size slots (1 to MAX_SESSIONS); nothing connects yet."""
        if not 1 <= size <= MAX_SESSIONS:
            raise ValueError(f"command_sessions must be 1-{MAX_SESSIONS}, not {size}")
        self._opener = opener
        #: Seconds between two requests on one session (may change while running).
        self.pacing = pacing
        self._request_timeout = request_timeout
        self._clock = clock
        self._slots = [_Slot() for _ in range(size)]
        # Last in, first out: a request takes the session used last, open
        # and warm; other places open only when requests overlap. Right after
        # open_one, the next request (the model question) uses that session
        # instead of opening a second one on a gateway that may hold one.
        self._idle: asyncio.LifoQueue[_Slot] = asyncio.LifoQueue()
        for slot in self._slots:
            self._idle.put_nowait(slot)
        self._parked: list[_Slot] = []
        self._grow_backoff = Backoff(grow_retry_min, grow_retry_max)
        self._grow_timer: asyncio.TimerHandle | None = None
        self._grow_task: asyncio.Task[None] | None = None
        self._on_capacity_change = on_capacity_change

    @property
    def size(self) -> int:
        """How many command sessions the pool asks for."""
        return len(self._slots)

    @property
    def granted(self) -> int:
        """How many of them the pool may use now (size minus the refused ones)."""
        return len(self._slots) - len(self._parked)

    async def open_one(self) -> None:
        """Open a first session now, so connection and password errors surface.

        Raises:
            SessionRefusedError, SessionUnansweredError: the gateway has no
                room for one more command session.

        """
        slot = await self._idle.get()
        try:
            await self._session(slot)
        finally:
            self._idle.put_nowait(slot)

    async def open_all(self) -> None:
        """Open every session now; the ones the gateway refuses are parked.

        Call after ``open_one``, before any request: the session it opened
        is never refused, so the last place is never parked.
        """
        idle = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
        try:
            for slot in idle:
                if slot.session is None or slot.session.closed:
                    with contextlib.suppress(*NO_FREE_SESSION):
                        await self._session(slot)
                    if slot.session is None:
                        self._park(slot)
        finally:
            for slot in reversed(idle):  # the opened ones on top
                if slot not in self._parked:
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
        wait = self._request_timeout if timeout is None else timeout
        return await self._on_free_slot(
            lambda slot: self._request_on(slot, frame, wait, retry_busy)
        )

    async def _on_free_slot[T](self, work: Callable[[_Slot], Awaitable[T]]) -> T:
        """Run work on the next free slot; a refused slot is parked and work moves on."""
        while True:
            slot = await self._idle.get()
            parked = False
            try:
                return await work(slot)
            except NO_FREE_SESSION:
                parked = self._park(slot)
                if not parked:
                    raise
            finally:
                if not parked:
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
            except BaseException:
                # Cancelled with answers on the way: the next request would
                # read them as its own.
                slot.drop()
                raise
            if isinstance(answers[-1], BusyNack) and not busy_retried:
                busy_retried = True
                await asyncio.sleep(max(self.pacing, MIN_BUSY_RETRY_DELAY))
                continue
            return answers

    async def _session(self, slot: _Slot) -> Session:
        if slot.session is not None and not slot.session.closed:
            return slot.session
        await slot.close()
        slot.session = await self._opener()
        return slot.session

    async def _pace(self, slot: _Slot) -> None:
        wait = slot.last_sent + self.pacing - self._clock()
        if wait > 0:
            await asyncio.sleep(wait)

    # ------------------------------------------------- shrinking and growing

    def cap(self, size: int) -> None:
        """Ask for at most size sessions from now on (the gateway holds no more).

        Called right after ``open_one``, when the gateway said which model it
        is: the places beyond size were never opened and are dropped.
        """
        if not 1 <= size < len(self._slots):
            return
        idle = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
        idle.sort(key=lambda slot: slot.session is None)  # opened ones first
        kept = idle[:size]
        self._slots = [slot for slot in self._slots if slot in kept]
        self._parked = [slot for slot in self._parked if slot in kept]
        for slot in kept:
            self._idle.put_nowait(slot)

    def _park(self, slot: _Slot) -> bool:
        """Stop using a slot the gateway refused; False if it is the last one."""
        if self.granted <= 1:
            return False
        self._parked.append(slot)
        _LOGGER.debug(
            "Gateway refused a command session: using %d of %d",
            self.granted,
            self.size,
        )
        self._schedule_growth()
        self._capacity_changed()
        return True

    def _schedule_growth(self) -> None:
        if self._grow_timer is None and self._grow_task is None and self._parked:
            self._grow_timer = asyncio.get_running_loop().call_later(
                self._grow_backoff.next_delay(), self._start_growth
            )

    def _start_growth(self) -> None:
        self._grow_timer = None
        self._grow_task = asyncio.get_running_loop().create_task(
            self._grow(), name="openwebnet command session regrowth"
        )

    async def _grow(self) -> None:
        """Ask once more for one parked session; back off further if refused.

        The place stays parked until its session is open: an attempt can take
        a whole handshake timeout (a gateway at its limit does not answer),
        and meanwhile the pool still has only the sessions it had.
        """
        slot = self._parked[-1]
        try:
            await self._session(slot)
        except OpenWebNetError as err:
            _LOGGER.debug("Command session still refused: %s", err)
        else:
            self._parked.remove(slot)
            self._grow_backoff.reset()
            self._idle.put_nowait(slot)
            self._capacity_changed()
        finally:
            self._grow_task = None
        self._schedule_growth()

    def _capacity_changed(self) -> None:
        if self._on_capacity_change is not None:
            try:
                self._on_capacity_change(self.granted)
            except Exception:
                _LOGGER.exception("Capacity listener failed")

    async def close(self) -> None:
        """Close every session (requests in flight fail) and stop regrowing."""
        if self._grow_timer is not None:
            self._grow_timer.cancel()
            self._grow_timer = None
        if self._grow_task is not None:
            self._grow_task.cancel()
            await asyncio.wait({self._grow_task})
            self._grow_task = None
        while self._parked:
            self._idle.put_nowait(self._parked.pop())
        self._grow_backoff.reset()
        for slot in self._slots:
            await slot.close()
