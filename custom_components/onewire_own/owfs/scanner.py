"""Applying a walk of a server's bus tree to the object model.

``scan.walk_buses`` says what the server lists now; the scanner turns that
into the model's changes and their events: buses added and freed, devices
located (their chip type read the first time), moved and de-located. A device
missing from one scan may be a glitch of a busy bus: only after
``MISSED_SCANS_BEFORE_NOT_FOUND`` consecutive misses is it de-located. A bus
that could not be listed keeps its devices (unknown is not missing).
"""

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .concurrency import run_bounded
from .device import EDS_FAMILY
from .errors import OwfsServerError
from .events import DeviceLocated, DeviceNotFound, EventSink
from .protocol import decode_text
from .scan import BusListing, walk_buses

if TYPE_CHECKING:
    from .bus import Bus
    from .device import Device
    from .registry import DeviceRegistry
    from .server import Server

#: A device missing from this many consecutive scans is de-located.
MISSED_SCANS_BEFORE_NOT_FOUND = 2


class BusScanner:
    """Scans servers into one device registry (what ``Server.scan_now`` runs)."""

    def __init__(self, registry: DeviceRegistry, emit: EventSink) -> None:
        """Locate devices of registry; announce the changes through emit."""
        self._registry = registry
        self._emit = emit

    async def __call__(self, server: Server) -> None:
        """Walk server's bus tree and apply what it lists.

        Raises:
            OwfsConnectionError: the server went away during the walk.
        """
        listings = await walk_buses(lambda path: server.dir(path, uncached=True))
        await self.apply(server, listings)

    async def apply(self, server: Server, listings: list[BusListing]) -> None:
        """Add, relocate and de-locate buses and devices as listings say."""
        seen_buses: set[tuple[str, ...]] = set()
        listed_buses: set[tuple[str, ...]] = set()
        seen_devices: set[str] = set()
        moved: list[tuple[Device, Bus]] = []
        for listing in listings:
            bus = server.get_bus(*listing.path)
            if listing.coupler_id is not None:
                bus.coupler = self._registry.device_for_id(listing.coupler_id)
                bus.branch = listing.branch
            seen_buses.add(listing.path)
            if listing.complete:
                listed_buses.add(listing.path)
            for device_id in listing.device_ids:
                device = self._registry.device_for_id(device_id)
                seen_devices.add(device_id)
                device.missed_scans = 0
                if device.bus is not bus:
                    moved.append((device, bus))
        await _read_types(server, [(d, b) for d, b in moved if d.type is None])
        for device, bus in moved:
            device.locate(bus)
            self._emit(DeviceLocated(device))
        for bus in server.buses:
            if bus.path not in seen_buses:
                server.free_bus(bus)
            elif bus.path in listed_buses:
                self._count_missing(bus, seen_devices)

    def _count_missing(self, bus: Bus, seen_devices: set[str]) -> None:
        for device in bus.devices:
            if device.id in seen_devices:
                continue
            device.missed_scans += 1
            if device.missed_scans >= MISSED_SCANS_BEFORE_NOT_FOUND:
                device.delocate(bus)
                self._emit(DeviceNotFound(device))


async def _read_types(server: Server, new: list[tuple[Device, Bus]]) -> None:
    """Read the chip type (EDS devices: their device_type) of new devices."""

    def job(device: Device, bus: Bus) -> Callable[[], Awaitable[None]]:
        async def read_type() -> None:
            attribute = "device_type" if device.family == EDS_FAMILY else "type"
            path = f"{bus.path_str.rstrip('/')}/{device.id}/{attribute}"
            try:
                data = await server.read(path, uncached=False)
            except OwfsServerError:
                device.type = "unknown"
            else:
                device.type = decode_text(data).strip() or "unknown"

        return read_type

    await run_bounded([job(device, bus) for device, bus in new], server.pool_limit)
