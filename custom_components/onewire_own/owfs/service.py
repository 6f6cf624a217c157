"""The OWFS entry point: servers, the device registry, events, tasks."""

import asyncio
from collections.abc import Callable, Coroutine
import contextlib
from typing import Any, Self

from .device import Device
from .errors import OwfsConnectionError
from .event_hub import DEFAULT_EVENT_QUEUE_SIZE, EventHub, EventStream
from .events import (
    DeviceAdded,
    DeviceDeleted,
    DeviceNotFound,
    Event,
    ServerDeregistered,
    ServerRegistered,
)
from .pool import DEFAULT_CONNECTIONS
from .protocol import canonical_device_id
from .server import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_PORT,
    DEFAULT_REQUEST_TIMEOUT,
    Server,
)


class OWFS:
    """Access to one or more owservers: ``async with OWFS() as ow: ...``.

    Attributes:
        devices: canonical id (``28.4AEC29CDBAAB``) → Device, for every device
            ever seen or asked for; a Device object is never replaced.
        servers: the servers added and not closed.
    """

    def __init__(self, *, event_queue_size: int = DEFAULT_EVENT_QUEUE_SIZE) -> None:
        """Create the instance; each event reader buffers event_queue_size events.

        A reader that falls further behind loses its oldest events and gets
        an EventsDropped(count) instead (memory stays bounded).
        """
        self.devices: dict[str, Device] = {}
        self.servers: list[Server] = []
        self._hub = EventHub(event_queue_size)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed = False

    async def __aenter__(self) -> Self:
        """Enter the block."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Close every server and task."""
        await self.aclose()

    async def aclose(self) -> None:
        """Close every server, end event streams, cancel tasks from add_task."""
        if self._closed:
            return
        self._closed = True
        for server in list(self.servers):
            await server.aclose()
        self._hub.close()
        # Let readers drain the events of the shutdown, then stop the rest.
        await asyncio.sleep(0)
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    # --------------------------------------------------------------- events

    @property
    def events(self) -> EventStream:
        """A new event stream: ``with ow.events as events: async for msg in events``."""
        return self._hub.stream()

    def add_listener(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call callback(event) synchronously for every event; returns unsubscribe."""
        return self._hub.add_listener(callback)

    def push_event(self, event: Event) -> None:
        """Deliver an event to every reader and listener."""
        self._hub.emit(event)

    async def add_task(
        self, function: Callable[..., Coroutine[Any, Any, Any]], *args: Any
    ) -> asyncio.Task[Any]:
        """Run function(*args) as a task that ends with this OWFS block.

        Returns once the task has started, so a monitor that enters
        ``ow.events`` sees every event of a following ``add_server``.
        """
        task = asyncio.create_task(function(*args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        await asyncio.sleep(0)
        return task

    # -------------------------------------------------------------- servers

    async def add_server(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        *,
        connections: int = DEFAULT_CONNECTIONS,
        scan_interval: float | None = None,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ) -> Server:
        """Connect to an owserver and enumerate its buses.

        On return the server is connected and scanned (ServerRegistered,
        ServerConnected, BusAdded, DeviceAdded, DeviceLocated events have
        been emitted). From then on it is kept connected, reconnecting with
        backoff, until ``await server.aclose()`` or the end of the OWFS block.

        Args:
            host: owserver host name or address.
            port: owserver TCP port.
            connections: persistent connections to keep (1..8; fewer if the
                server grants fewer).
            scan_interval: seconds between automatic scans (with 10 % jitter);
                None: only the initial scan and scan_now().
            request_timeout: seconds one request may take (a keep-alive ping
                from the server restarts the count).
            connect_timeout: seconds to open one TCP connection.

        Raises:
            OwfsConnectionError: the first connection failed. The server is
                then deregistered again (ServerDeregistered) and nothing
                retries: try again later (Home Assistant: ConfigEntryNotReady).
        """
        if self._closed:
            raise OwfsConnectionError("this OWFS instance is closed")
        server = Server(
            self,
            host,
            port,
            connections=connections,
            scan_interval=scan_interval,
            request_timeout=request_timeout,
            connect_timeout=connect_timeout,
        )
        self.servers.append(server)
        self.push_event(ServerRegistered(server))
        try:
            await server.start()
        except BaseException:
            await server.aclose()
            raise
        return server

    async def _server_closed(self, server: Server) -> None:
        if server in self.servers:
            self.servers.remove(server)
            self.push_event(ServerDeregistered(server))

    async def scan_now(self) -> None:
        """Scan every connected server now."""
        async with asyncio.TaskGroup() as group:
            for server in self.servers:
                if server.connected:
                    group.create_task(server.scan_now())

    # -------------------------------------------------------------- devices

    async def get_device(self, device_id: str) -> Device:
        """The Device for an id in any owserver form (FDI or FDIDC with CRC).

        Creates it (DeviceAdded) if not yet known; it is located once a scan
        finds it. ``get_device("28.4AEC29CDBAAB.95")`` and
        ``get_device("28.4AEC29CDBAAB")`` give the same object.

        Raises:
            ValueError: device_id is not a 1-Wire id.
        """
        return self.device_for_id(device_id)

    def device_for_id(self, device_id: str) -> Device:
        """Synchronous get_device (used while scanning)."""
        canonical = canonical_device_id(device_id)
        if canonical is None:
            raise ValueError(f"not a 1-Wire device id: {device_id!r}")
        device = self.devices.get(canonical)
        if device is None:
            device = self.devices[canonical] = Device(canonical)
            self.push_event(DeviceAdded(device))
        return device

    async def ensure_struct(self, device: Device, maybe: bool = False) -> None:
        """Load the device family's attribute accessors (``await dev.temperature``).

        Args:
            device: the device.
            maybe: do nothing instead of raising when the device has no server.
        """
        if maybe and device.server is None:
            return
        await device.setup_struct()

    def delete_device(self, device: Device) -> None:
        """Forget a device (DeviceNotFound if located, then DeviceDeleted)."""
        if device.bus is not None:
            device.delocate()
            self.push_event(DeviceNotFound(device))
        if self.devices.get(device.id) is device:
            del self.devices[device.id]
            self.push_event(DeviceDeleted(device))
