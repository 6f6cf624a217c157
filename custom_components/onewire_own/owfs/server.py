"""One owserver: its connection pool, raw access and bus tree, kept connected.

A Server is kept connected from ``add_server`` until ``aclose``: a supervisor
task notices a lost connection (a failed request, or the server closing idle
connections), emits ServerDisconnected, retries with exponential backoff
(0.1 s doubling to 10 s), then emits ServerConnected and rescans.

The server is part of the object model (Server ↔ Bus ↔ Device, and the events
naming them). It knows nothing of the operations run on it: the scan it runs
after each (re)connection is handed to it (``scanner.BusScanner``), and polls
and alarm polling (``poll``, ``alarm``) use it through ``access.OwserverAccess``.
"""

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import logging
import random
from typing import override

from .bus import Bus
from .client import OwClient
from .device import Device
from .errors import OwfsConnectionError, OwfsError, OwfsServerError
from .events import (
    BusAdded,
    BusDeleted,
    DeviceNotFound,
    EventSink,
    ServerConnected,
    ServerDeregistered,
    ServerDisconnected,
)
from .pool import DEFAULT_CONNECTIONS, ConnectionPool, ServerStats
from .protocol import decode_text
from .structure import AttributeInfo
from .structure_cache import StructureCache

_LOGGER = logging.getLogger(__name__)

DEFAULT_PORT = 4304
DEFAULT_REQUEST_TIMEOUT = 10.0
DEFAULT_CONNECT_TIMEOUT = 5.0
RECONNECT_MIN_DELAY = 0.1
RECONNECT_MAX_DELAY = 10.0
#: Scans are spread by up to this fraction of the interval, so that many
#: servers (or many instances) do not scan in lockstep.
SCAN_JITTER = 0.1
VERSION_PATH = "/system/configuration/version"

#: What a scan of a server does (``scanner.BusScanner``): walk its bus tree
#: and apply what it finds to the model.
type ScanFunction = Callable[[Server], Awaitable[None]]


class Server:
    """Encapsulate one owserver connection (pool) and its buses."""

    def __init__(
        self,
        host: str = "localhost",
        port: int = DEFAULT_PORT,
        *,
        emit: EventSink,
        scan: ScanFunction,
        connections: int = DEFAULT_CONNECTIONS,
        scan_interval: float | None = None,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ) -> None:
        """Describe the server; ``OWFS.add_server`` creates and starts it.

        Args:
            host: owserver host name or address.
            port: owserver TCP port.
            emit: where the server's events go (``ServerConnected``,
                ``BusAdded``...): the OWFS instance's event hub.
            scan: what ``scan_now`` (and every reconnection) runs.
            connections: persistent connections to keep (1..8).
            scan_interval: seconds between automatic scans, None for none.
            request_timeout: seconds one request may take.
            connect_timeout: seconds to open one TCP connection.
        """
        self._emit = emit
        self._scan = scan
        self.host = host
        self.port = port
        self.scan_interval = scan_interval
        #: Counters: connections opened, requests, errors...
        self.stats = ServerStats()
        self._pool = ConnectionPool(
            host,
            port,
            connections=connections,
            connect_timeout=connect_timeout,
            stats=self.stats,
            on_connection_dropped=self._check_connection_soon,
        )
        self.client = OwClient(
            self._pool,
            request_timeout=request_timeout,
            on_connection_error=self._check_connection_soon,
        )
        #: Whether the server answered the last check.
        self.connected = False
        #: ``/system/configuration/version``, None if the server lacks it.
        self.version: str | None = None
        self._buses: dict[tuple[str, ...], Bus] = {}
        self._structures = StructureCache(
            self.dir,
            lambda path: self.read(path, uncached=False),
            lambda: self.pool_limit,
        )
        self._scan_lock = asyncio.Lock()
        self._check_needed = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._closed = False

    @override
    def __repr__(self) -> str:
        """Address and state."""
        state = "connected" if self.connected else "disconnected"
        return f"<Server {self.host}:{self.port} {state}>"

    # ------------------------------------------------------------ state

    @property
    def buses(self) -> list[Bus]:
        """Every bus found by the last scan, physical buses first."""
        return list(self._buses.values())

    @property
    def devices(self) -> list[Device]:
        """Devices located on this server's buses now."""
        return [device for bus in self._buses.values() for device in bus.devices]

    @property
    def connections_wanted(self) -> int:
        """How many persistent connections this server was asked to keep."""
        return self._pool.wanted

    @property
    def connections_open(self) -> int:
        """How many connections to the server are open now."""
        return self._pool.open_connections

    @property
    def persistence_withheld(self) -> bool:
        """Whether the server refuses persistent connections the pool wants.

        From a reply without the persistence grant until the pool holds every
        wanted connection again: meanwhile requests open new TCP connections.
        """
        return self._pool.persistence_refused_now

    @property
    def pool_limit(self) -> int:
        """How many requests may run in parallel now."""
        return self._pool.limit

    def get_bus(self, *path: str) -> Bus:
        """Return the bus at this path. Allocate new if not existing."""
        bus = self._buses.get(path)
        if bus is None:
            bus = self._buses[path] = Bus(self, *path)
            self._emit(BusAdded(bus))
        return bus

    # ---------------------------------------------------------- raw access

    async def read(self, path: str, *, uncached: bool = True) -> bytes:
        """Read path (uncached by default: fresh sensor values).

        Raises:
            OwfsServerError: the server refused (errno, path, its own text).
            OwfsConnectionError: the server could not be reached.
            OwfsProtocolError: the reply broke the protocol.
        """
        return await self.client.read(path, uncached=uncached)

    async def write(self, path: str, data: bytes | str) -> None:
        """Write data to path (same errors as read)."""
        await self.client.write(path, data)

    async def dir(self, path: str = "/", *, uncached: bool = False) -> list[str]:
        """List path: full entry paths, directories ending with ``/``."""
        return await self.client.dir(path, uncached=uncached)

    async def presence(self, path: str) -> bool:
        """Whether path (e.g. ``/28.4AEC29CDBAAB``) exists on the server."""
        return await self.client.presence(path)

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start talking: connect, read the version, scan; then stay connected.

        Raises:
            OwfsConnectionError: the first connection failed, or what answers
                is no owserver (nothing keeps running; the caller decides
                whether to try again later). Its subclasses say why:
                OwfsInvalidHostError, OwfsUnknownHostError, OwfsTimeoutError.
        """
        try:
            await self.client.nop()
        except OwfsConnectionError:
            raise
        except OwfsError as err:
            raise OwfsConnectionError(
                f"no owserver answers at {self.host}:{self.port}: {err}"
            ) from err
        self._check_needed.clear()
        await self._connected()
        self._supervisor = asyncio.create_task(
            self._supervise(), name=f"owfs supervisor {self.host}:{self.port}"
        )

    async def _connected(self) -> None:
        self._pool.reset_limit()
        await self.client.load_return_codes()
        try:
            self.version = decode_text(await self.read(VERSION_PATH, uncached=False))
        except OwfsServerError:
            self.version = None
        self.connected = True
        _LOGGER.debug("Connected to owserver %s:%s", self.host, self.port)
        self._emit(ServerConnected(self))
        await self.scan_now()

    def _disconnected(self) -> None:
        if not self.connected:
            return
        self.connected = False
        self._pool.close_idle()
        _LOGGER.debug("Lost owserver %s:%s", self.host, self.port)
        self._emit(ServerDisconnected(self))

    def _check_connection_soon(self) -> None:
        self._check_needed.set()

    async def _supervise(self) -> None:
        delay = RECONNECT_MIN_DELAY
        while not self._closed:
            if self.connected:
                await self._wait_for_check_or_scan()
                continue
            await asyncio.sleep(delay)
            try:
                await self.client.nop()
                self._check_needed.clear()
                await self._connected()
            except OwfsError as err:
                _LOGGER.debug("Reconnecting to %s failed: %s", self, err)
                self._disconnected()
                delay = min(delay * 2, RECONNECT_MAX_DELAY)
            else:
                delay = RECONNECT_MIN_DELAY

    async def _wait_for_check_or_scan(self) -> None:
        timeout = None
        if self.scan_interval is not None:
            timeout = self.scan_interval * (1 + random.uniform(-1, 1) * SCAN_JITTER)  # noqa: S311
        try:
            async with asyncio.timeout(timeout):
                await self._check_needed.wait()
        except TimeoutError:
            try:
                await self.scan_now()
            except OwfsError as err:
                _LOGGER.debug("Periodic scan of %s failed: %s", self, err)
            return
        self._check_needed.clear()
        try:
            await self.client.nop()
        except OwfsError:
            self._disconnected()
            return
        # The server answers, but connections were dropped: it may have been
        # restarted in between, with other devices. A scan settles that.
        try:
            await self.scan_now()
        except OwfsError as err:
            _LOGGER.debug("Scan after a dropped connection failed: %s", err)

    async def aclose(self) -> None:
        """Stop talking, free buses and de-locate devices; idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        await self._pool.aclose()
        self._disconnected()
        for bus in self.buses:
            self.free_bus(bus)
        self._emit(ServerDeregistered(self))

    async def drop(self) -> None:
        """Stop talking and delete yourself (the seed's name for aclose)."""
        await self.aclose()

    # ---------------------------------------------------------------- scans

    async def scan_now(self) -> None:
        """Walk the bus tree now: add, relocate and de-locate devices and buses.

        Raises:
            OwfsConnectionError: the server went away during the scan.
        """
        async with self._scan_lock:
            await self._scan(self)

    def free_bus(self, bus: Bus) -> None:
        """This bus can no longer be found: de-locate its devices, forget it."""
        if self._buses.get(bus.path) is not bus:
            return
        del self._buses[bus.path]
        for device in bus.delocate():
            self._emit(DeviceNotFound(device))
        self._emit(BusDeleted(bus))

    # ------------------------------------------------------------ structure

    async def structure(self, family: str) -> dict[str, AttributeInfo]:
        """Describe every attribute of a family, from ``/structure/<family>/``.

        Read once per server and cached. Keys are attribute paths below the
        device: ``temperature``, ``PIO.A`` ... ``PIO.ALL``, ``HIH4000/humidity``.

        Raises:
            OwfsServerError: the server knows no such family.
        """
        return await self._structures.get(family)
