"""One TCP connection to an owserver, carrying one request at a time.

The connection knows the framing rules that belong to a single exchange:
keep-alive pings are skipped, the persistence grant is checked on every
reply, absurd lengths are refused, and any failure in the middle of an
exchange closes the socket so that a late reply can never be read as the
answer to the next request.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import override

from .errors import OwfsConnectionError, OwfsTimeoutError
from .protocol import HEADER_SIZE, MessageType, ReplyHeader, encode_request


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer: its header and the data part of its payload."""

    header: ReplyHeader
    data: bytes


class _WatchedReader(asyncio.StreamReader):
    """A StreamReader that reports the end of the stream as it happens.

    An idle persistent connection is read by nobody; this callback lets the
    pool drop it (and the server notice a dead owserver) at once, without a
    reader task per idle socket.
    """

    on_eof: Callable[[], None] | None = None

    @override
    def feed_eof(self) -> None:
        super().feed_eof()
        if self.on_eof is not None:
            self.on_eof()


class OwConnection:
    """A connected socket to owserver; not safe for concurrent requests."""

    def __init__(self, reader: _WatchedReader, writer: asyncio.StreamWriter) -> None:
        """Wrap an open stream pair (use :meth:`open`)."""
        self._reader = reader
        self._writer = writer
        self._closed = False
        #: False once the server withheld the persistence grant or the
        #: exchange broke: the pool must not reuse this connection.
        self.reusable = True
        #: Number of requests this connection has carried.
        self.requests = 0

    @classmethod
    async def open(cls, host: str, port: int, timeout: float) -> OwConnection:
        """Connect to host:port within timeout.

        Raises:
            OwfsConnectionError: the server cannot be reached.
        """
        try:
            async with asyncio.timeout(timeout):
                loop = asyncio.get_running_loop()
                reader = _WatchedReader(limit=2**17, loop=loop)
                transport, protocol = await loop.create_connection(
                    lambda: asyncio.StreamReaderProtocol(reader, loop=loop), host, port
                )
                writer = asyncio.StreamWriter(transport, protocol, reader, loop)
        except TimeoutError as err:
            raise OwfsTimeoutError(f"connecting to {host}:{port} timed out") from err
        except OSError as err:
            raise OwfsConnectionError(
                f"cannot connect to owserver at {host}:{port}: {err}"
            ) from err
        return cls(reader, writer)

    @property
    def closed(self) -> bool:
        """Whether the socket has been closed."""
        return self._closed

    def close(self) -> None:
        """Close the socket (idempotent, never raises)."""
        self.reusable = False
        if not self._closed:
            self._closed = True
            self._writer.close()

    def on_eof(self, callback: Callable[[], None] | None) -> None:
        """Call callback when the server closes the socket (None: stop)."""
        self._reader.on_eof = callback

    @property
    def at_eof(self) -> bool:
        """Whether the server has closed its side and all data was read."""
        return self._reader.at_eof()

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
        """Send one request and read its complete answer.

        DIR answers with one reply per entry and an empty terminator; every
        other type answers with exactly one reply. A ping resets the timeout:
        it proves the server is still working on the request.

        Raises:
            OwfsConnectionError: the socket failed or the server closed it.
            OwfsTimeoutError: no reply and no ping within timeout.
            OwfsProtocolError: the reply does not follow the protocol.
        """
        if self._closed:
            raise OwfsConnectionError("connection is closed")
        self.requests += 1
        try:
            self._writer.write(
                encode_request(msg_type, path, flags, data=data, size=size)
            )
            replies = await self._read_answer(msg_type, timeout)
        except BaseException:
            # Whatever happened (including the caller's cancellation), the
            # answer was not read completely: the socket cannot be reused.
            self.close()
            raise
        return replies

    async def _read_answer(self, msg_type: MessageType, timeout: float) -> list[Reply]:
        replies: list[Reply] = []
        while True:
            reply = await self._read_reply(timeout)
            if not reply.header.persistence_granted:
                self.reusable = False
            if msg_type is not MessageType.DIR or reply.header.ret < 0:
                return [reply]
            if reply.header.payload == 0:
                return replies
            replies.append(reply)

    async def _read_reply(self, timeout: float) -> Reply:
        while True:
            try:
                async with asyncio.timeout(timeout):
                    raw = await self._reader.readexactly(HEADER_SIZE)
                    header = ReplyHeader.unpack(raw)
                    if header.is_ping:
                        continue
                    payload = await self._reader.readexactly(header.payload)
            except TimeoutError as err:
                raise OwfsTimeoutError(f"no reply within {timeout} s") from err
            except asyncio.IncompleteReadError as err:
                raise OwfsConnectionError(
                    "owserver closed the connection"
                    + (" in the middle of a reply" if err.partial else "")
                ) from err
            except OSError as err:
                raise OwfsConnectionError(f"connection lost: {err}") from err
            if header.ret < 0:
                return Reply(header, b"")
            return Reply(header, payload[: header.size])
