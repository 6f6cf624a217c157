"""The OWFS entry point: servers, the device registry, events, tasks.

This is where the pieces are put together. Each server gets only what it
needs: a way to emit events and the scan to run (a ``BusScanner`` over the
shared device registry). Alarm polling runs here, per server, because it
needs the registry and the events as well.
"""

import asyncio
from collections.abc import Callable, Coroutine
import contextlib
from typing import Any, Self

from .alarm import DEFAULT_ALARM_INTERVAL, AlarmPoller
from .device import Device
from .errors import OwfsConnectionError
from .event_hub import DEFAULT_EVENT_QUEUE_SIZE, EventHub, EventStream
from .events import Event, ServerDeregistered, ServerRegistered
from .pool import DEFAULT_CONNECTIONS
from .registry import DeviceRegistry
from .scanner import BusScanner
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
        self._hub = EventHub(event_queue_size)
        self._registry = DeviceRegistry(self.push_event)
        self._scanner = BusScanner(self._registry, self.push_event)
        self.devices: dict[str, Device] = self._registry.devices
        self.servers: list[Server] = []
        self._alarm_pollers: dict[Server, AlarmPoller] = {}
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
        if isinstance(event, ServerDeregistered):
            self._forget_server(event.server)
        self._hub.emit(event)

    async def add_task(
        self, function: Callable[..., Coroutine[Any, Any, Any]], *args: Any
    ) -> asyncio.Task[Any]:
        """Run function(*args) as a task that ends with this OWFS block.

        Returns once the task has started, so a monitor that enters
        ``ow.events`` sees every event of a following ``add_server``.
        """
        task = asyncio.create_task(function(*args))
        self._keep(task)
        await asyncio.sleep(0)
        return task

    def _keep(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

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
            host,
            port,
            emit=self.push_event,
            scan=self._scanner,
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

    def _forget_server(self, server: Server) -> None:
        """The server closed itself: stop what runs on it, drop it from servers."""
        if server in self.servers:
            self.servers.remove(server)
        poller = self._alarm_pollers.pop(server, None)
        if poller is not None and (task := poller.cancel()) is not None:
            self._keep(task)

    async def scan_now(self) -> None:
        """Scan every connected server now."""
        async with asyncio.TaskGroup() as group:
            for server in self.servers:
                if server.connected:
                    group.create_task(server.scan_now())

    # ------------------------------------------------------------- alarms

    def start_alarm_polling(
        self, server: Server, interval: float = DEFAULT_ALARM_INTERVAL
    ) -> None:
        """Read every bus's alarm directory of server every interval seconds.

        Emits DeviceAlarm for each device in alarm and DeviceValue for the
        latched/sensed inputs of DS2406/DS2408/DS2413 in alarm (whose latches
        are then cleared). Calling it again changes the interval. Stops when
        the server is closed.
        """
        if server not in self.servers:
            raise OwfsConnectionError(f"{server!r} is not a server of this OWFS")
        poller = self._alarm_pollers.get(server)
        if poller is None:
            poller = self._alarm_pollers[server] = AlarmPoller(
                server, interval, devices=self.devices, emit=self.push_event
            )
        poller.interval = interval
        poller.start()

    def alarm_poller(self, server: Server) -> AlarmPoller | None:
        """The alarm polling of server, if it was started."""
        return self._alarm_pollers.get(server)

    async def stop_alarm_polling(self, server: Server) -> None:
        """Stop the alarm polling of server started by start_alarm_polling."""
        poller = self._alarm_pollers.pop(server, None)
        if poller is not None:
            await poller.stop()

    # -------------------------------------------------------------- devices

    async def get_device(self, device_id: str) -> Device:
        """The Device for an id in any owserver form (FDI or FDIDC with CRC).

        Creates it (DeviceAdded) if not yet known; it is located once a scan
        finds it. ``get_device("28.4AEC29CDBAAB.95")`` and
        ``get_device("28.4AEC29CDBAAB")`` give the same object.

        Raises:
            ValueError: device_id is not a 1-Wire id.
        """
        return self._registry.device_for_id(device_id)

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
        self._registry.delete(device)
