"""A bounded pool of persistent connections to one owserver.

owserver serves one request at a time per connection, so parallelism needs
several connections; but each costs the server a thread and it grants at most
``clients_persistent_high`` of them. The pool keeps a few open, hands them to
callers in arrival order, replaces broken ones transparently and shrinks when
the server stops granting persistence.
"""

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
import time

from .connection import OwConnection, Reply
from .errors import OwfsConnectionError, OwfsError, OwfsTimeoutError
from .protocol import MessageType

DEFAULT_CONNECTIONS = 2
MAX_CONNECTIONS = 8
#: After a refusal, the pool tries one more persistent connection again only
#: once this many seconds passed without one: the server may have freed a
#: slot, but asking at every request would open a TCP connection each time.
PERSISTENCE_RETRY_INTERVAL = 60.0


@dataclass(slots=True)
class ServerStats:
    """Counters for benchmarks and diagnostics (monotonic, never reset)."""

    #: TCP connections opened (zero new ones per poll in steady state).
    connections_opened: int = 0
    #: Requests sent (a retry on a fresh connection counts twice).
    requests: int = 0
    #: Requests that ended in an OwfsError of any kind.
    errors: int = 0
    #: Replies on which the server withheld the persistence grant.
    persistence_refused: int = 0
    #: Idle connections the server closed (restart, idle timeout).
    connections_dropped: int = 0


class ConnectionPool:
    """Persistent connections to one owserver, shared fairly by callers."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        connections: int = DEFAULT_CONNECTIONS,
        connect_timeout: float = 5.0,
        stats: ServerStats | None = None,
        on_connection_dropped: Callable[[], None] | None = None,
    ) -> None:
        """Describe the pool; connections are opened on demand.

        Args:
            host: owserver host.
            port: owserver port.
            connections: most connections kept open (1..8).
            connect_timeout: seconds allowed to open one TCP connection.
            stats: counters to update (shared with the Server).
            on_connection_dropped: called when the server closes an idle
                connection: a hint that it may have gone away.
        """
        if not 1 <= connections <= MAX_CONNECTIONS:
            raise ValueError(f"connections must be 1..{MAX_CONNECTIONS}")
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self.stats = stats if stats is not None else ServerStats()
        self._configured_limit = connections
        self._limit = connections
        self._last_refusal: float | None = None
        self._in_use = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._idle: list[OwConnection] = []
        self._open: set[OwConnection] = set()
        self._on_connection_dropped = on_connection_dropped
        self._closed = False

    @property
    def limit(self) -> int:
        """How many connections may be open now (shrinks if persistence is refused)."""
        return self._limit

    @property
    def wanted(self) -> int:
        """How many connections the pool was configured to keep."""
        return self._configured_limit

    @property
    def persistence_refused_now(self) -> bool:
        """Whether the server withholds persistent connections the pool wants.

        True from a refusal until the pool, grown back one connection per
        PERSISTENCE_RETRY_INTERVAL, allows every wanted connection again and
        the server granted a reply since.
        """
        return self._last_refusal is not None

    @property
    def open_connections(self) -> int:
        """How many TCP connections are open now."""
        return len(self._open)

    async def request(
        self,
        msg_type: MessageType,
        path: str,
        flags: int,
        *,
        data: bytes = b"",
        size: int = 0,
        timeout: float,
    ) -> list[Reply]:
        """Run one exchange on a pooled connection, waiting for a turn.

        A connection that went stale while idle (server restarted, idle
        timeout) is replaced and the request sent again once on a fresh
        connection. Cancelling the caller closes the connection in use, so
        no unread reply is ever left in a pooled socket.

        Raises:
            OwfsConnectionError: no connection could carry the request.
            OwfsProtocolError: the server broke the protocol.
        """
        if self._closed:
            raise OwfsConnectionError("connection pool is closed")
        if not self._waiters and self._in_use < self._limit:
            self._in_use += 1  # fast path: a free slot, nobody waiting
        else:
            await self._wait_for_slot()
        try:
            return await self._request_in_slot(
                msg_type, path, flags, data=data, size=size, timeout=timeout
            )
        except OwfsError:
            self.stats.errors += 1
            raise
        finally:
            self._release_slot()

    async def _request_in_slot(
        self,
        msg_type: MessageType,
        path: str,
        flags: int,
        *,
        data: bytes,
        size: int,
        timeout: float,
    ) -> list[Reply]:
        connection = self._take_idle()
        if connection is not None:
            try:
                return await self._exchange(
                    connection, msg_type, path, flags, data, size, timeout
                )
            except OwfsTimeoutError:
                raise
            except OwfsConnectionError:
                # The idle socket died under us: one retry on a new one.
                self.stats.connections_dropped += 1
        connection = await self._connect()
        return await self._exchange(
            connection, msg_type, path, flags, data, size, timeout
        )

    async def _exchange(
        self,
        connection: OwConnection,
        msg_type: MessageType,
        path: str,
        flags: int,
        data: bytes,
        size: int,
        timeout: float,
    ) -> list[Reply]:
        self.stats.requests += 1
        try:
            replies = await connection.exchange(
                msg_type, path, flags, data=data, size=size, timeout=timeout
            )
        except BaseException:
            self._forget(connection)
            raise
        if connection.reusable:
            self._persistence_granted()
        else:
            self._persistence_refused(connection)
        self._put_back(connection)
        return replies

    async def _connect(self) -> OwConnection:
        connection = await OwConnection.open(self.host, self.port, self.connect_timeout)
        self.stats.connections_opened += 1
        self._open.add(connection)
        if self._closed:
            self._forget(connection)
            raise OwfsConnectionError("connection pool is closed")
        return connection

    def _take_idle(self) -> OwConnection | None:
        while self._idle:
            connection = self._idle.pop()
            connection.on_eof(None)
            if not connection.closed and not connection.at_eof:
                return connection
            self._forget(connection)
        return None

    def _put_back(self, connection: OwConnection) -> None:
        if not connection.reusable or self._closed:
            self._forget(connection)
            return
        self._idle.append(connection)
        connection.on_eof(lambda: self._idle_connection_closed(connection))

    def _idle_connection_closed(self, connection: OwConnection) -> None:
        if connection in self._idle:
            self._idle.remove(connection)
        self._forget(connection)
        self.stats.connections_dropped += 1
        if self._on_connection_dropped is not None:
            self._on_connection_dropped()

    def _forget(self, connection: OwConnection) -> None:
        connection.on_eof(None)
        connection.close()
        self._open.discard(connection)

    def _persistence_refused(self, connection: OwConnection) -> None:
        """Never hold more persistent connections than the server grants."""
        self.stats.persistence_refused += 1
        self._last_refusal = time.monotonic()
        others = len(self._open - {connection})
        self._limit = max(1, min(self._limit, others))

    def _persistence_granted(self) -> None:
        """Grow back by one connection a while after the last refusal."""
        if self._last_refusal is None:
            return
        if time.monotonic() - self._last_refusal < PERSISTENCE_RETRY_INTERVAL:
            return
        if self._limit >= self._configured_limit:
            self._last_refusal = None  # granted again up to the wanted count
            return
        self._limit += 1
        self._last_refusal = time.monotonic() - PERSISTENCE_RETRY_INTERVAL
        if self._waiters and self._in_use < self._limit:
            self._in_use += 1
            self._release_slot()  # hands the new slot to the first waiter

    def reset_limit(self) -> None:
        """Allow the configured number of connections again (after a reconnect)."""
        self._limit = self._configured_limit
        self._last_refusal = None

    async def _wait_for_slot(self) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                # The slot was handed to us just as we were cancelled.
                self._release_slot()
            else:
                self._waiters.remove(waiter)
            raise

    def _release_slot(self) -> None:
        if self._in_use <= self._limit:
            while self._waiters:
                waiter = self._waiters.popleft()
                if not waiter.done():
                    waiter.set_result(None)  # the slot passes on, in order
                    return
        self._in_use -= 1

    def close_idle(self) -> None:
        """Close every idle connection (the server went away)."""
        while self._idle:
            self._forget(self._idle.pop())

    async def aclose(self) -> None:
        """Close every connection; later requests fail."""
        self._closed = True
        for connection in list(self._open):
            self._forget(connection)
        self._idle.clear()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(OwfsConnectionError("connection pool is closed"))
        self._waiters.clear()
