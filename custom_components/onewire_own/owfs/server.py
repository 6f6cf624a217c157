"""One owserver: its connection pool, bus tree, scans, polls and alarms.

A Server is kept connected from ``add_server`` until ``aclose``: a supervisor
task notices a lost connection (a failed request, or the server closing idle
connections), emits ServerDisconnected, retries with exponential backoff
(0.1 s doubling to 10 s), then emits ServerConnected and rescans.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
import contextlib
import logging
import random
from typing import TYPE_CHECKING, override

from .alarm import DEFAULT_ALARM_INTERVAL, AlarmPoller
from .bus import Bus
from .client import OwClient
from .concurrency import run_bounded
from .device import EDS_FAMILY, Device
from .errors import OwfsConnectionError, OwfsError, OwfsServerError
from .events import (
    BusAdded,
    BusDeleted,
    DeviceLocated,
    DeviceNotFound,
    ServerConnected,
    ServerDisconnected,
)
from .poll import DEFAULT_CONVERSION_TIME, PollResult, poll_server
from .pool import DEFAULT_CONNECTIONS, ConnectionPool, ServerStats
from .protocol import decode_text
from .scan import BusListing, walk_buses
from .structure import AttributeInfo
from .structure_reader import read_structure

if TYPE_CHECKING:
    from .service import OWFS

_LOGGER = logging.getLogger(__name__)

DEFAULT_PORT = 4304
DEFAULT_REQUEST_TIMEOUT = 10.0
DEFAULT_CONNECT_TIMEOUT = 5.0
RECONNECT_MIN_DELAY = 0.1
RECONNECT_MAX_DELAY = 10.0
#: Scans are spread by up to this fraction of the interval, so that many
#: servers (or many instances) do not scan in lockstep.
SCAN_JITTER = 0.1
#: A device missing from this many consecutive scans is de-located.
MISSED_SCANS_BEFORE_NOT_FOUND = 2
VERSION_PATH = "/system/configuration/version"


class Server:
    """Encapsulate one owserver connection (pool) and its buses."""

    def __init__(
        self,
        service: OWFS,
        host: str = "localhost",
        port: int = DEFAULT_PORT,
        *,
        connections: int = DEFAULT_CONNECTIONS,
        scan_interval: float | None = None,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ) -> None:
        """Describe the server; ``OWFS.add_server`` creates and starts it."""
        self.service = service
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
        self._structures: dict[str, dict[str, AttributeInfo]] = {}
        self._structure_lock = asyncio.Lock()
        self._scan_lock = asyncio.Lock()
        self._check_needed = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._alarm_poller: AlarmPoller | None = None
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
            self.service.push_event(BusAdded(bus))
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
            OwfsConnectionError: the first connection failed (nothing keeps
                running; the caller decides whether to try again later).
        """
        try:
            await self.client.nop()
        except OwfsError as err:
            raise OwfsConnectionError(
                f"cannot connect to owserver at {self.host}:{self.port}: {err}"
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
        self.service.push_event(ServerConnected(self))
        await self.scan_now()

    def _disconnected(self) -> None:
        if not self.connected:
            return
        self.connected = False
        self._pool.close_idle()
        _LOGGER.debug("Lost owserver %s:%s", self.host, self.port)
        self.service.push_event(ServerDisconnected(self))

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
        await self.stop_alarm_polling()
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        await self._pool.aclose()
        self._disconnected()
        for path in list(self._buses):
            self._free_bus(path)
        await self.service._server_closed(self)

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
            listings = await walk_buses(
                lambda path: self.client.dir(path, uncached=True)
            )
            await self._apply_scan(listings)

    async def _apply_scan(self, listings: list[BusListing]) -> None:
        seen_buses: set[tuple[str, ...]] = set()
        listed_buses: set[tuple[str, ...]] = set()
        seen_devices: set[str] = set()
        moved: list[tuple[Device, Bus]] = []
        for listing in listings:
            bus = self.get_bus(*listing.path)
            if listing.coupler_id is not None:
                bus.coupler = self.service.device_for_id(listing.coupler_id)
                bus.branch = listing.branch
            seen_buses.add(listing.path)
            if listing.complete:
                listed_buses.add(listing.path)
            for device_id in listing.device_ids:
                device = self.service.device_for_id(device_id)
                seen_devices.add(device_id)
                device.missed_scans = 0
                if device.bus is not bus:
                    moved.append((device, bus))
        await self._read_types(
            [device for device, _ in moved if device.type is None], moved
        )
        for device, bus in moved:
            device.locate(bus)
            self.service.push_event(DeviceLocated(device))
        for path, bus in list(self._buses.items()):
            if path not in seen_buses:
                self._free_bus(path)
                continue
            if path not in listed_buses:
                continue
            for device in bus.devices:
                if device.id in seen_devices:
                    continue
                device.missed_scans += 1
                if device.missed_scans >= MISSED_SCANS_BEFORE_NOT_FOUND:
                    device.delocate(bus)
                    self.service.push_event(DeviceNotFound(device))

    def _free_bus(self, path: tuple[str, ...]) -> None:
        bus = self._buses.pop(path)
        for device in bus.delocate():
            self.service.push_event(DeviceNotFound(device))
        self.service.push_event(BusDeleted(bus))

    async def _read_types(
        self, devices: list[Device], moved: list[tuple[Device, Bus]]
    ) -> None:
        where = {device.id: bus for device, bus in moved}

        def job(device: Device) -> Callable[[], Awaitable[None]]:
            async def read_type() -> None:
                bus_path = where[device.id].path_str.rstrip("/")
                attribute = "device_type" if device.family == EDS_FAMILY else "type"
                try:
                    data = await self.read(
                        f"{bus_path}/{device.id}/{attribute}", uncached=False
                    )
                except OwfsServerError:
                    device.type = "unknown"
                else:
                    device.type = decode_text(data).strip() or "unknown"

            return read_type

        await run_bounded([job(device) for device in devices], self._pool.limit)

    # ------------------------------------------------------------ structure

    async def structure(self, family: str) -> dict[str, AttributeInfo]:
        """Describe every attribute of a family, from ``/structure/<family>/``.

        Read once per server and cached. Keys are attribute paths below the
        device: ``temperature``, ``PIO.A`` ... ``PIO.ALL``, ``HIH4000/humidity``.

        Raises:
            OwfsServerError: the server knows no such family.
        """
        family = family.upper()
        async with self._structure_lock:
            cached = self._structures.get(family)
            if cached is None:
                cached = await read_structure(
                    family,
                    self.dir,
                    lambda path: self.read(path, uncached=False),
                    self._pool.limit,
                )
                self._structures[family] = cached
            return cached

    # -------------------------------------------------------------- polling

    async def poll(
        self,
        attributes: Mapping[str, Sequence[str]],
        *,
        buses: Sequence[Bus] | None = None,
        simultaneous: bool = True,
        conversion_time: float = DEFAULT_CONVERSION_TIME,
    ) -> PollResult:
        """Read attributes of every located device of the given families.

        Args:
            attributes: family (``"28"``) → attribute names (``"temperature"``,
                ``"PIO.A"``, ``"sensed.A"``, ``"counter.A"``...).
            buses: poll only these buses (default: all of the server's).
            simultaneous: convert all temperatures of a bus at once, then read
                each ``latesttemp`` (per-device reads where that fails and
                behind DS2409 couplers).
            conversion_time: seconds to wait for a conversion.

        Returns:
            The values typed from /structure, per-attribute errors, timings.
            The DS18x20 power-on value (85.0 right after a device appeared)
            is left out of values and listed in ``dropped``.
        """
        return await poll_server(
            self,
            {family.upper(): names for family, names in attributes.items()},
            buses=buses,
            simultaneous=simultaneous,
            conversion_time=conversion_time,
        )

    def start_alarm_polling(self, interval: float = DEFAULT_ALARM_INTERVAL) -> None:
        """Read every bus's alarm directory every interval seconds.

        Emits DeviceAlarm for each device in alarm and DeviceValue for the
        latched/sensed inputs of DS2406/DS2408/DS2413 in alarm (whose latches
        are then cleared).
        """
        if self._alarm_poller is not None:
            self._alarm_poller.interval = interval
        else:
            self._alarm_poller = AlarmPoller(self, interval)
        self._alarm_poller.start()

    async def stop_alarm_polling(self) -> None:
        """Stop the alarm polling started by start_alarm_polling."""
        if self._alarm_poller is not None:
            await self._alarm_poller.stop()
            self._alarm_poller = None
