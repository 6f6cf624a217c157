"""One authenticated TCP session with a gateway, command or event.

The session reads with a ``FrameSplitter``, so frames split across reads or
coalesced in one read both arrive whole and in order. Opening runs the
handshake of PROTOCOLS.md §2 with a timeout on every step: greeting ACK,
session type, then no password, the legacy OPEN nonce, or the HMAC SHA-1 /
SHA-256 exchange.

Every way opening can fail is an ``OpenWebNetError``: whatever name
resolution or socket creation raises (``OSError``, ``UnicodeError`` for a name
the resolver cannot encode, ``TimeoutError``) becomes an
``OpenWebNetConnectionError`` (``OpenWebNetInvalidHostError`` when the
address itself is unusable). A gateway at its session limit either NACKs the
session request (``SessionRefusedError``) or greets and never answers it
(``SessionUnansweredError``, what the field reports): ``NO_FREE_SESSION``
names both.
"""

import asyncio
from collections import deque
import contextlib
from dataclasses import dataclass
from enum import StrEnum
import logging
import socket
from typing import Final, Self

from . import auth
from .counters import Counters
from .errors import (
    FrameParseError,
    FrameTooLongError,
    OpenWebNetAuthError,
    OpenWebNetConnectionError,
    OpenWebNetInvalidHostError,
    UnsupportedAuthError,
)
from .frames import (
    ACK,
    NACK,
    Ack,
    AuthProof,
    AuthValue,
    BusyNack,
    Frame,
    HashOffer,
    Nack,
    SessionRequest,
    parse_frame,
)
from .lockout import LoginGuard
from .login_rate import LoginRate
from .splitter import FrameSplitter

_LOGGER = logging.getLogger(__package__)
_READ_SIZE: Final = 65536
DEFAULT_PORT: Final = 20000


class SessionType(StrEnum):
    """The session a client asks for with ``*99*N##`` (names from the seed)."""

    OldCommandSession = "0"
    CommandSession = "9"
    EventSession = "1"

    def to_message(self) -> SessionRequest:
        """The frame that asks the gateway for this session type."""
        return SessionRequest(self.value)


class SessionRefusedError(OpenWebNetConnectionError):
    """The gateway answered the session request with NACK (no password asked)."""


class SessionUnansweredError(OpenWebNetConnectionError):
    """The gateway greeted, then never answered the session request.

    What gateways do with a session beyond their limit (PROTOCOLS.md §2): the
    gateway is alive, it has no room for one more session.
    """


#: What a gateway with no room for one more session answers.
NO_FREE_SESSION: Final = (SessionRefusedError, SessionUnansweredError)


@dataclass(frozen=True, kw_only=True, slots=True)
class SessionSettings:
    """Where and how to open sessions; shared by every session of one gateway."""

    host: str
    port: int = DEFAULT_PORT
    password: str | None = None
    #: Seconds allowed for connecting and for each handshake step.
    handshake_timeout: float = 5.0
    #: TCP keep-alive: idle seconds before the first probe, then the interval.
    tcp_keepalive_idle: int = 60
    tcp_keepalive_interval: int = 10
    tcp_keepalive_count: int = 3


def is_final_answer(frame: Frame) -> bool:
    """ACK or (busy) NACK: what ends the answers to one request."""
    return isinstance(frame, (Ack, Nack, BusyNack))


class Session:
    """An open, authenticated session; use ``Session.open``."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        session_type: SessionType,
        counters: Counters | None = None,
    ) -> None:
        """Wrap a connected stream (the handshake is ``open``'s job)."""
        self.session_type = session_type
        self._reader = reader
        self._writer = writer
        self._splitter = FrameSplitter()
        self._pending: deque[Frame] = deque()
        self.counters = Counters() if counters is None else counters

    @classmethod
    async def open(
        cls,
        settings: SessionSettings,
        session_type: SessionType,
        guard: LoginGuard | None = None,
        counters: Counters | None = None,
        rate: LoginRate | None = None,
    ) -> Self:
        """Connect, ask for session_type and authenticate.

        The guard may refuse to try (recent failed logins); the rate may make
        the attempt wait its turn, and counts it (dated when the handshake
        ends) unless no TCP connection could be made.

        Raises:
            OpenWebNetConnectionError: unreachable, silent, or closed on us.
            SessionRefusedError: the gateway NACKed the session type.
            OpenWebNetAuthError: the password was refused.
            OpenWebNetLockedError: a failed attempt now could lock the gateway.
            UnsupportedAuthError: the gateway wants a scheme we do not know.

        """
        if guard is not None:
            guard.check()
        stamp = None if rate is None else await rate.reserve()
        try:
            reader, writer = await _connect(settings)
        except OpenWebNetConnectionError:
            if rate is not None and stamp is not None:
                rate.cancel(stamp)
            raise
        timeout = settings.handshake_timeout
        _enable_tcp_keepalive(writer, settings)
        session = cls(reader, writer, session_type, counters)
        try:
            await session._handshake(settings, guard)
        except TimeoutError as err:
            await session.close()
            raise OpenWebNetConnectionError(
                f"{settings.host}:{settings.port} did not answer a handshake step"
                f" within {timeout} s"
            ) from err
        except BaseException:
            await session.close()
            raise
        finally:
            if rate is not None and stamp is not None:
                rate.settle(stamp)
        session.counters.sessions_opened += 1
        return session

    async def _handshake(
        self, settings: SessionSettings, guard: LoginGuard | None
    ) -> None:
        timeout = settings.handshake_timeout
        greeting = await self.read(timeout)
        if not isinstance(greeting, Ack):
            raise OpenWebNetConnectionError(f"gateway greeted with {greeting}")
        await self.send(self.session_type.to_message())
        try:
            answer = await self.read(timeout)
        except TimeoutError as err:
            raise SessionUnansweredError(
                f"gateway greeted, then did not answer {self.session_type.name}"
                f" within {timeout} s: no room for one more session"
            ) from err
        match answer:
            case Ack():
                return
            case Nack():
                raise SessionRefusedError(
                    f"gateway refused session type {self.session_type.name}"
                )
            case AuthValue() | HashOffer():
                try:
                    await self._authenticate(settings.password, answer, timeout)
                except OpenWebNetAuthError:
                    self.counters.failed_logins += 1
                    if guard is not None:
                        guard.failed()
                    raise
            case _:
                raise OpenWebNetConnectionError(f"unexpected handshake frame {answer}")

    async def _authenticate(
        self, password: str | None, challenge: AuthValue | HashOffer, timeout: float
    ) -> None:
        if isinstance(challenge, AuthValue):
            await self._answer_open_nonce(password, challenge.digits, timeout)
        else:
            await self._hmac_handshake(password, challenge.algorithm, timeout)

    async def _answer_open_nonce(
        self, password: str | None, nonce: str, timeout: float
    ) -> None:
        if password is None or not auth.is_open_password(password):
            raise OpenWebNetAuthError(
                "the gateway asks for an OPEN password, which is 1 to"
                f" {auth.OPEN_PASSWORD_MAX_DIGITS} digits"
            )
        await self.send(AuthValue(str(auth.open_password(password, nonce))))
        await self._expect_ack(timeout)

    async def _hmac_handshake(
        self, password: str | None, algorithm_id: int, timeout: float
    ) -> None:
        try:
            algorithm = auth.HashAlgorithm(algorithm_id)
        except ValueError:
            await self.send(NACK)
            raise UnsupportedAuthError(
                f"gateway asks for unknown hash algorithm {algorithm_id}"
            ) from None
        if not password:
            raise OpenWebNetAuthError("the gateway asks for a password")
        await self.send(ACK)
        challenge = await self.read(timeout)
        if not isinstance(challenge, AuthValue):
            raise OpenWebNetConnectionError(
                f"expected the gateway nonce, got {challenge}"
            )
        try:
            gateway_nonce = auth.digits_to_hex(challenge.digits)
        except ValueError as err:
            raise OpenWebNetConnectionError(f"bad gateway nonce: {err}") from err
        client_nonce = auth.new_nonce(algorithm)
        proof = auth.client_digest(algorithm, gateway_nonce, client_nonce, password)
        await self.send(
            AuthProof(auth.hex_to_digits(client_nonce), auth.hex_to_digits(proof))
        )
        reply = await self.read(timeout)
        if isinstance(reply, Nack):
            raise OpenWebNetAuthError("the gateway refused the password")
        if not isinstance(reply, AuthValue):
            raise OpenWebNetConnectionError(f"expected the gateway digest, got {reply}")
        expected = auth.gateway_digest(algorithm, gateway_nonce, client_nonce, password)
        try:
            received = auth.digits_to_hex(reply.digits)
        except ValueError:
            received = ""
        if not auth.digests_match(expected, received):
            await self.send(NACK)
            raise OpenWebNetAuthError(
                "the gateway could not prove it knows the password"
            )
        await self.send(ACK)

    async def _expect_ack(self, timeout: float) -> None:
        reply = await self.read(timeout)
        if isinstance(reply, Nack):
            raise OpenWebNetAuthError("the gateway refused the password")
        if not isinstance(reply, Ack):
            raise OpenWebNetConnectionError(f"expected ACK, got {reply}")

    @property
    def closed(self) -> bool:
        """True once either side closed the session."""
        return self._writer.is_closing() or (
            self._reader.at_eof() and not self._pending
        )

    async def send(self, frame: Frame) -> None:
        """Write one frame.

        Raises:
            OpenWebNetConnectionError: the session is closed.

        """
        if self._writer.is_closing():
            raise OpenWebNetConnectionError("session is closed")
        self._writer.write(frame.build().encode("ascii"))
        self.counters.frames_out += 1
        try:
            await self._writer.drain()
        except OSError as err:
            raise OpenWebNetConnectionError(f"write failed: {err!r}") from err

    async def read(self, timeout: float | None = None) -> Frame:
        """Return the next frame, waiting at most timeout seconds.

        Malformed frames are counted, logged at debug level and skipped.

        Raises:
            TimeoutError: nothing arrived in time (the session stays usable).
            OpenWebNetConnectionError: the gateway closed the session or sent
                a never-ending frame.

        """
        if self._pending:
            return self._pending.popleft()
        async with asyncio.timeout(timeout):
            while not self._pending:
                await self._fill()
        return self._pending.popleft()

    def read_nowait(self) -> list[Frame]:
        """Every frame already received, without waiting."""
        frames = list(self._pending)
        self._pending.clear()
        return frames

    async def read_available(self) -> list[Frame]:
        """Wait for the next read from the socket; return every frame it completed.

        Used by event loops: a burst of frames costs one wakeup, not one per frame.
        """
        while not self._pending:
            await self._fill()
        return self.read_nowait()

    async def _fill(self) -> None:
        try:
            data = await self._reader.read(_READ_SIZE)
        except OSError as err:
            raise OpenWebNetConnectionError(f"read failed: {err!r}") from err
        if not data:
            raise OpenWebNetConnectionError("the gateway closed the session")
        try:
            texts = self._splitter.feed(data)
        except FrameTooLongError as err:
            self._writer.close()
            raise OpenWebNetConnectionError(str(err)) from err
        for text in texts:
            try:
                self._pending.append(parse_frame(text))
            except FrameParseError:
                self.counters.malformed_frames += 1
                _LOGGER.debug("Ignoring malformed frame %r", text[:64])
        self.counters.frames_in += len(texts)

    async def request(self, frame: Frame, timeout: float) -> list[Frame]:
        """Send frame; return every answer up to and including ACK/NACK.

        Raises:
            TimeoutError: the gateway did not finish answering in time.
            OpenWebNetConnectionError: the session broke.

        """
        await self.send(frame)
        self.counters.requests += 1
        answers: list[Frame] = []
        async with asyncio.timeout(timeout):
            while True:
                answer = await self.read()
                answers.append(answer)
                if is_final_answer(answer):
                    if isinstance(answer, Nack):
                        self.counters.nacks += 1
                    elif isinstance(answer, BusyNack):
                        self.counters.busy_nacks += 1
                    return answers

    def close_nowait(self) -> None:
        """Start closing the connection without waiting (idempotent)."""
        self._writer.close()

    async def close(self) -> None:
        """Close the connection (idempotent, never raises)."""
        self._writer.close()
        with contextlib.suppress(OSError):
            await self._writer.wait_closed()


async def _connect(
    settings: SessionSettings,
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Resolve the host and connect; every failure is an OpenWebNetConnectionError."""
    address = f"{settings.host[:100]!r}:{settings.port}"
    if not settings.host.strip():
        raise OpenWebNetInvalidHostError("no host to connect to")
    try:
        async with asyncio.timeout(settings.handshake_timeout):
            return await asyncio.open_connection(settings.host, settings.port)
    except (ValueError, OverflowError) as err:
        # UnicodeError (a ValueError) for names the resolver cannot encode;
        # OverflowError for a port out of range.
        raise OpenWebNetInvalidHostError(f"{address} is not an address: {err}") from err
    except (OSError, TimeoutError) as err:
        raise OpenWebNetConnectionError(
            f"cannot connect to {address}: {err!r}"
        ) from err


def _enable_tcp_keepalive(
    writer: asyncio.StreamWriter, settings: SessionSettings
) -> None:
    """Let the kernel notice a gateway that vanished without closing."""
    sock: socket.socket | None = writer.get_extra_info("socket")
    if sock is None:
        return
    with contextlib.suppress(OSError):  # best effort: not every platform has all
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        for option, value in (
            ("TCP_KEEPIDLE", settings.tcp_keepalive_idle),
            ("TCP_KEEPINTVL", settings.tcp_keepalive_interval),
            ("TCP_KEEPCNT", settings.tcp_keepalive_count),
        ):
            if hasattr(socket, option):
                sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, option), value)


async def open_session(
    settings: SessionSettings,
    session_type: SessionType,
    guard: LoginGuard | None = None,
    counters: Counters | None = None,
    rate: LoginRate | None = None,
) -> Session:
    """Open a session; a refused ``*99*9##`` falls back to ``*99*0##``."""
    try:
        return await Session.open(settings, session_type, guard, counters, rate)
    except SessionRefusedError:
        if session_type is not SessionType.CommandSession:
            raise
        _LOGGER.debug("Gateway refused *99*9##; falling back to *99*0##")
    return await Session.open(
        settings, SessionType.OldCommandSession, guard, counters, rate
    )
