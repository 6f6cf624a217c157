"""One TCP connection to an owserver, carrying one request at a time.

The connection knows the framing rules that belong to a single exchange:
keep-alive pings are skipped (each one restarts the timeout), the persistence
grant is checked on every reply, absurd lengths are refused, and any failure
in the middle of an exchange closes the socket so that a late reply can never
be read as the answer to the next request.

It is an asyncio Protocol rather than a stream pair: replies are parsed as
bytes arrive and the caller is woken once per answer, which halves the cost
of a request on a persistent connection.
"""

import asyncio
from collections.abc import Callable, Iterator
import contextlib
from dataclasses import dataclass
import socket
from typing import cast, override

from .errors import (
    OwfsConnectionError,
    OwfsError,
    OwfsInvalidHostError,
    OwfsTimeoutError,
    OwfsUnknownHostError,
)
from .protocol import HEADER_SIZE, MessageType, ReplyHeader, encode_request


@contextlib.contextmanager
def connection_errors(host: str, port: int) -> Iterator[None]:
    """Turn every error of name resolution and socket creation into an owfs one.

    So that no host text (typed by a user, announced on the network) can make
    a caller fail with anything but an :class:`OwfsConnectionError`.
    """
    try:
        yield
    except TimeoutError as err:
        raise OwfsTimeoutError(f"connecting to {host!r}:{port} timed out") from err
    except socket.gaierror as err:
        raise OwfsUnknownHostError(f"{host!r} does not resolve: {err}") from err
    except OSError as err:
        raise OwfsConnectionError(f"{host!r}:{port}: {err}") from err
    except (ValueError, OverflowError) as err:
        # UnicodeError (a label of 64+ characters or an empty one, a lone
        # surrogate) and "embedded null character" are ValueErrors.
        raise OwfsInvalidHostError(f"{host!r} is no host name: {err}") from err


async def resolve_host(host: str, port: int, timeout: float) -> frozenset[str]:
    """The IP addresses host:port resolves to, for a TCP connection.

    Raises:
        OwfsInvalidHostError: host is no name or address at all.
        OwfsUnknownHostError: host does not resolve.
        OwfsTimeoutError: the lookup took longer than timeout.
    """
    loop = asyncio.get_running_loop()
    with connection_errors(host, port):
        if not host.strip():
            raise ValueError("no host given")
        if "\x00" in host:  # getaddrinfo would look up the text before it
            raise ValueError("embedded null character")
        async with asyncio.timeout(timeout):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return frozenset(str(info[4][0]) for info in infos)


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: its header and the data part of its payload."""

    header: ReplyHeader
    data: bytes


class OwConnection(asyncio.Protocol):
    """A connected socket to owserver; not safe for concurrent requests."""

    def __init__(self) -> None:
        """Create the protocol (use :meth:`open`)."""
        self._transport: asyncio.Transport | None = None
        self._buffer = bytearray()
        self._answer: asyncio.Future[list[Reply]] | None = None
        self._is_dir = False
        self._replies: list[Reply] = []
        self._timeout = 0.0
        self._deadline: float | None = None
        self._watchdog: asyncio.TimerHandle | None = None
        self._closed = False
        self._eof = False
        self._on_eof: Callable[[], None] | None = None
        #: False once the server withheld the persistence grant or the
        #: exchange broke: the pool must not reuse this connection.
        self.reusable = True
        #: Number of requests this connection has carried.
        self.requests = 0

    @classmethod
    async def open(cls, host: str, port: int, timeout: float) -> OwConnection:
        """Connect to host:port within timeout.

        Raises:
            OwfsInvalidHostError: host is no name or address at all.
            OwfsUnknownHostError: host does not resolve.
            OwfsTimeoutError: no connection within timeout (lookup included).
            OwfsConnectionError: the server cannot be reached.
        """
        loop = asyncio.get_running_loop()
        with connection_errors(host, port):
            async with asyncio.timeout(timeout):
                _transport, connection = await loop.create_connection(cls, host, port)
        return connection

    # ------------------------------------------------------------ protocol

    @override
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = cast(asyncio.Transport, transport)

    @override
    def data_received(self, data: bytes) -> None:
        self._buffer += data
        if self._answer is None or self._answer.done():
            # Nothing may arrive on an idle connection.
            self._lost("owserver sent data nobody asked for")
            return
        try:
            self._parse()
        except OwfsError as err:
            self._fail(err)

    @override
    def eof_received(self) -> bool:
        self._lost("owserver closed the connection")
        return False

    @override
    def connection_lost(self, exc: Exception | None) -> None:
        self._lost(f"connection lost: {exc}" if exc else "connection closed")

    def _lost(self, reason: str) -> None:
        was_open = not self._eof
        self._eof = True
        self.reusable = False
        if self._answer is not None and not self._answer.done():
            if self._buffer or self._replies:
                reason = "owserver closed the connection in the middle of a reply"
            self._fail(OwfsConnectionError(reason))
        elif was_open and self._on_eof is not None:
            self._on_eof()
        self.close()

    def _parse(self) -> None:
        buffer = self._buffer
        while len(buffer) >= HEADER_SIZE:
            header = ReplyHeader.unpack(buffer)
            if header.is_ping:
                del buffer[:HEADER_SIZE]
                self._start_timer()
                continue
            end = HEADER_SIZE + header.payload
            if len(buffer) < end:
                return
            data = bytes(buffer[HEADER_SIZE:end])
            del buffer[:end]
            if not header.persistence_granted:
                self.reusable = False
            if header.ret < 0:
                self._finish([Reply(header, b"")])
                return
            if not self._is_dir:
                self._finish([Reply(header, data[: header.size])])
                return
            if header.payload == 0:
                self._finish(self._replies)
                return
            self._replies.append(Reply(header, data[: header.size]))

    def _finish(self, replies: list[Reply]) -> None:
        if self._buffer:
            self.reusable = False  # trailing bytes: the framing is lost
        self._stop_timer()
        if self._answer is not None and not self._answer.done():
            self._answer.set_result(replies)

    def _fail(self, error: OwfsError) -> None:
        self.reusable = False
        self._stop_timer()
        if self._answer is not None and not self._answer.done():
            self._answer.set_exception(error)
        self.close()

    def _start_timer(self) -> None:
        """Time the pending answer out timeout seconds from now.

        One watchdog timer per connection is moved lazily: when it fires
        before the current deadline it re-arms itself. Requests that are
        answered in time (nearly all) then cost no timer of their own.
        """
        loop = asyncio.get_running_loop()
        deadline = self._deadline = loop.time() + self._timeout
        watchdog = self._watchdog
        if watchdog is not None and watchdog.when() > deadline:
            watchdog.cancel()
            watchdog = None
        if watchdog is None:
            self._watchdog = loop.call_at(deadline, self._check_deadline)

    def _stop_timer(self) -> None:
        self._deadline = None

    def _check_deadline(self) -> None:
        self._watchdog = None
        if self._deadline is None or self._closed:
            return
        loop = asyncio.get_running_loop()
        if loop.time() < self._deadline:
            self._watchdog = loop.call_at(self._deadline, self._check_deadline)
            return
        self._fail(OwfsTimeoutError(f"no reply within {self._timeout} s"))

    # -------------------------------------------------------------- public

    @property
    def closed(self) -> bool:
        """Whether the socket has been closed."""
        return self._closed

    @property
    def at_eof(self) -> bool:
        """Whether the server has closed its side."""
        return self._eof

    def on_eof(self, callback: Callable[[], None] | None) -> None:
        """Call callback when the server closes the idle socket (None: stop)."""
        self._on_eof = callback

    def close(self) -> None:
        """Close the socket (idempotent, never raises)."""
        self.reusable = False
        if not self._closed:
            self._closed = True
            self._stop_timer()
            if self._watchdog is not None:
                self._watchdog.cancel()
                self._watchdog = None
            if self._transport is not None:
                self._transport.close()

    async def exchange(
        self,
        msg_type: MessageType,
        path: str,
        flags: int,
        *,
        data: bytes = b"",
        size: int = 0,
        timeout: float,
    ) -> list[Reply]:
        """Send one request and wait for its complete answer.

        DIR answers with one reply per entry and an empty terminator; every
        other type answers with exactly one reply. A ping restarts the
        timeout: it proves the server is still working on the request.

        Raises:
            OwfsConnectionError: the socket failed or the server closed it.
            OwfsTimeoutError: no reply and no ping within timeout.
            OwfsProtocolError: the reply does not follow the protocol.
        """
        if self._closed or self._transport is None:
            raise OwfsConnectionError("connection is closed")
        self.requests += 1
        answer: asyncio.Future[list[Reply]] = asyncio.get_running_loop().create_future()
        self._answer = answer
        self._is_dir = msg_type is MessageType.DIR
        self._replies = []
        self._timeout = timeout
        self._start_timer()
        try:
            self._transport.write(
                encode_request(msg_type, path, flags, data=data, size=size)
            )
            return await answer
        except BaseException:
            # Whatever happened (including the caller's cancellation), the
            # answer was not read completely: the socket cannot be reused.
            self.close()
            raise
        finally:
            self._stop_timer()
            self._answer = None
