"""One client connection, from the gateway's greeting to its close.

The gateway greets with ACK, reads the session type, checks the session
limits and the lockout, runs the handshake, then serves the session:

* command session - one request at a time: the answer frames, then ACK or
  NACK; too-early requests (pacing) are refused unexecuted; closed after the
  profile's idle timeout;
* event session - every bus event, in order; anything the client sends (a
  keep-alive) resets the silence timeout, after which the session is closed;
* a session beyond the profile's limit for its kind - never answered (what
  the field reports; on an MH200N the event sessions go quiet meanwhile), or
  NACKed and closed with ``OverLimit.NACK``.

While the gateway is half-open nothing is answered, greeted or timed out:
connections stay up and silent, as with a gateway whose application hung.
"""

import asyncio
from collections import deque
from collections.abc import Sequence
import itertools
import logging
from typing import TYPE_CHECKING, Final, override

from custom_components.onewire_own.openwebnet.errors import FrameTooLongError
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    BUSY_NACK,
    NACK,
    Ack,
    AuthValue,
    Frame,
    FrameParseError,
    FrameSplitter,
    SessionRequest,
    parse_frame,
)

from .bus import REQUEST_TYPES, SystemStatusRequest
from .handshake import HandshakeAbortedError, authenticate
from .profiles import OverLimit
from .runtime import ReceivedFrame, SessionKind
from .wire import write_frames

if TYPE_CHECKING:
    from .core import GatewayCore

READ_SIZE: Final = 4096
SESSION_TYPES: Final = {
    "0": SessionKind.COMMAND,
    "9": SessionKind.COMMAND,
    "1": SessionKind.EVENT,
}
NEW_COMMAND_SESSION: Final = "9"
_session_ids = itertools.count(1)
_LOGGER = logging.getLogger(__name__)


class SessionClosedError(Exception):
    """The client closed the connection (or it must be closed)."""


class Session:
    """The gateway's side of one TCP connection."""

    def __init__(
        self,
        core: GatewayCore,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        """Wrap an accepted connection; ``run`` serves it."""
        self.id = next(_session_ids)
        self.core = core
        self.kind: SessionKind | None = None
        #: True once the handshake succeeded.
        self.open = False
        self._reader = reader
        self._writer = writer
        self._pending: deque[str] = deque()
        self._events: asyncio.Queue[Sequence[Frame | str]] = asyncio.Queue()
        self._last_request = float("-inf")
        self._pump: asyncio.Task[None] | None = None
        self._splitter = FrameSplitter()

    async def run(self) -> None:
        """Serve the connection until either side ends it."""
        try:
            await self.core.answering.wait()
            await self.send([ACK])
            if await self._handshake():
                if self.kind is SessionKind.EVENT:
                    await self._serve_events()
                else:
                    await self._serve_commands()
        except (
            SessionClosedError,
            TimeoutError,
            ConnectionError,
            FrameTooLongError,
            HandshakeAbortedError,
        ):
            pass
        finally:
            self.core.release(self)
            self.close()

    @override
    def __str__(self) -> str:
        return f"session {self.id} ({self.kind or 'handshake'})"

    def close(self) -> None:
        """Close politely (FIN)."""
        self._writer.close()

    def abort(self) -> None:
        """Drop the connection at once, as a crashing gateway does."""
        self._writer.transport.abort()

    def queue_events(self, frames: Sequence[Frame | str]) -> None:
        """Hand events to this event session's writer."""
        self._events.put_nowait(frames)

    async def send(self, frames: Sequence[Frame | str]) -> None:
        """Write frames to the client in the gateway's current write mode."""
        await write_frames(self._writer, frames, self.core.write_mode)
        self.core.counters.frames_sent += len(frames)
        if _LOGGER.isEnabledFor(logging.DEBUG):
            _LOGGER.debug("%s -> %s", self, "".join(map(str, frames)))

    async def send_text(self, text: str) -> None:
        """Write raw text (malformed frames)."""
        await self.send([text])

    async def _next_text(self, timeout: float | None) -> str:
        """The next frame text from the client, waiting up to ``timeout`` wall s."""
        while not self._pending:
            try:
                async with asyncio.timeout(timeout):
                    data = await self._reader.read(READ_SIZE)
            except TimeoutError:
                if not self.core.answering.is_set():
                    continue  # a hung gateway times nothing out
                raise
            if not data:
                raise SessionClosedError
            for text in self._splitter.feed(data):
                self.core.counters.frames_received += 1
                self.core.received.append(ReceivedFrame(self.id, self.kind, text))
                _LOGGER.debug("%s <- %s", self, text)
                if self.core.answering.is_set():
                    self._pending.append(text)
        return self._pending.popleft()

    async def _next_frame(self) -> Frame | None:
        """The next handshake frame, None if it does not parse."""
        # Not scaled: a fast simulation must not fail logins on a busy machine.
        text = await self._next_text(self.core.profile.handshake_timeout)
        try:
            return parse_frame(text)
        except FrameParseError:
            return None

    async def _send_frame(self, frame: Frame) -> None:
        await self.send([frame])

    async def _refuse(self) -> bool:
        self.core.counters.sessions_refused += 1
        self.core.counters.nacks += 1
        await self.send([NACK])
        return False

    async def _handshake(self) -> bool:
        """Choose the session type and authenticate; False if refused."""
        core = self.core
        request = await self._next_frame()
        if not isinstance(request, SessionRequest):
            return await self._refuse()
        kind = SESSION_TYPES.get(request.session_type)
        if kind is None or (
            request.session_type == NEW_COMMAND_SESSION
            and not core.profile.accepts_new_command_session
        ):
            return await self._refuse()
        if not core.room_for(kind):
            return await self._beyond_limit(kind)
        if core.lockout.locked(core.clock.now()):
            return await self._refuse()
        self.kind = kind
        core.sessions.add(self)
        if not await authenticate(
            core.auth, core.password, self._next_frame, self._send_frame, self._admit
        ):
            core.counters.failed_logins += 1
            if core.lockout.record_failure(core.clock.now()):
                core.counters.lockouts += 1
            core.counters.nacks += 1
            await self.send([NACK])
            return False
        if not self.open:
            # Open before the final ACK: a client may act as soon as it reads it.
            self._admit()
            await self.send([ACK])
        return True

    async def _beyond_limit(self, kind: SessionKind) -> bool:
        """A session the gateway has no room for: NACK, or no answer at all.

        Unanswered, the connection stays until the client gives up and
        closes it; what it sends meanwhile is read and ignored.
        """
        core = self.core
        if core.profile.over_limit is OverLimit.NACK:
            return await self._refuse()
        core.counters.sessions_unanswered += 1
        self.kind = kind
        core.unanswered.add(self)
        while await self._reader.read(READ_SIZE):
            pass
        return False

    def _admit(self) -> None:
        """The client is in: count the session and let events queue for it."""
        self.open = True
        self.core.counters.sessions_opened += 1
        self.core.logins.append(self.core.clock.now())

    async def _serve_commands(self) -> None:
        async with asyncio.timeout(self._age_limit()):
            while True:
                text = await self._next_text(
                    self._wall(self.core.profile.command_idle_timeout)
                )
                await self._serve_request(text)

    async def _serve_request(self, text: str) -> None:
        core = self.core
        try:
            frame = parse_frame(text)
        except FrameParseError:
            frame = None
        if isinstance(frame, Ack):
            return  # a client's keep-alive needs no answer
        if isinstance(frame, AuthValue) and _is_who(frame.digits):
            frame = SystemStatusRequest(int(frame.digits))  # *#5##
        if not isinstance(frame, REQUEST_TYPES):
            core.counters.nacks += 1
            await self.send([NACK])
            return
        now = core.clock.now()
        profile = core.profile
        if now - self._last_request < profile.pacing * profile.pacing_tolerance:
            core.counters.pacing_violations += 1
            core.counters.nacks += 1
            await self.send([BUSY_NACK if profile.busy_nack else NACK])
            return
        self._last_request = now
        core.counters.requests += 1
        core.requests_log.append(frame)
        outcome = core.bus.handle(frame)
        core.broadcast(outcome.events)
        if not outcome.accepted:
            core.counters.nacks += 1
        await self.send([*outcome.replies, ACK if outcome.accepted else NACK])

    async def events_written(self) -> None:
        """Return once every queued event is written (or the session ended)."""
        pump = self._pump
        if pump is None or pump.done():
            return
        written = asyncio.ensure_future(self._events.join())
        await asyncio.wait({written, pump}, return_when=asyncio.FIRST_COMPLETED)
        written.cancel()

    async def _serve_events(self) -> None:
        self._pump = pump = asyncio.create_task(self._pump_events())
        try:
            async with asyncio.timeout(self._age_limit()):
                while True:
                    await self._next_text(
                        self._wall(self.core.profile.event_silence_timeout)
                    )
        finally:
            pump.cancel()

    async def _pump_events(self) -> None:
        while True:
            frames = list(await self._events.get())
            batches = 1
            while not self._events.empty():
                frames += self._events.get_nowait()
                batches += 1
            try:
                await self.send(frames)
            except ConnectionError:
                self.abort()
                return
            finally:
                for _ in range(batches):
                    self._events.task_done()

    def _age_limit(self) -> float | None:
        return self._wall(self.core.profile.max_session_age)

    def _wall(self, seconds: float | None) -> float | None:
        """Gateway seconds as wall seconds (None: no limit)."""
        return None if seconds is None else self.core.clock.wall(seconds)


def _is_who(digits: str) -> bool:
    """A WHO: up to four digits, no leading zero."""
    return len(digits) <= 4 and digits[0] != "0"
