"""Alarm polling: notice switch input changes within about a second.

owserver lists in ``<bus>/alarm/`` the devices whose conditional-search flag
is set: a DS18x20 outside its temphigh/templow, a DS2406/DS2408 whose input
activity latch fired. Reading that small directory every second is cheap; only
devices in alarm are then read. For the switches, the latched and sensed
inputs are published as DeviceValue events and the latches cleared, so the
next change raises the alarm again.
"""

import asyncio
from collections.abc import Mapping
import contextlib
import logging
from typing import TYPE_CHECKING

from .access import OwserverAccess
from .device import SWITCH_FAMILIES
from .errors import OwfsConnectionError, OwfsError
from .events import DeviceAlarm, DeviceValue, EventSink
from .protocol import canonical_device_id, entry_name

if TYPE_CHECKING:
    from .bus import Bus
    from .device import Device

_LOGGER = logging.getLogger(__name__)

DEFAULT_ALARM_INTERVAL = 1.0
_INPUT_ARRAYS = ("sensed", "latch")


class AlarmPoller:
    """Reads every bus's alarm directory of one server at an interval."""

    def __init__(
        self,
        server: OwserverAccess,
        interval: float,
        *,
        devices: Mapping[str, Device],
        emit: EventSink,
    ) -> None:
        """Poll server's buses every interval seconds once started.

        Args:
            server: the owserver whose buses to watch.
            interval: seconds between two looks at every alarm directory.
            devices: the device registry (canonical id → Device): only
                devices it holds, located, are reported.
            emit: where DeviceAlarm and DeviceValue events go.
        """
        self.server = server
        self.interval = interval
        self._devices = devices
        self._emit = emit
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        """Whether the polling task is alive."""
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start the background task (idempotent)."""
        if not self.running:
            self._task = asyncio.create_task(
                self._run(), name=f"owfs alarm poll {self.server!r}"
            )

    def cancel(self) -> asyncio.Task[None] | None:
        """Cancel the background task; return it, to be awaited by the caller."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
        return task

    async def stop(self) -> None:
        """Stop the background task and wait for it."""
        task = self.cancel()
        if task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            if self.server.connected:
                try:
                    await self.poll_once()
                except OwfsConnectionError as err:
                    _LOGGER.debug("Alarm poll of %s failed: %s", self.server, err)
            await asyncio.sleep(self.interval)

    async def poll_once(self) -> list[Device]:
        """Read every bus's alarm directory once; return the devices in alarm."""
        in_alarm: list[Device] = []
        for bus in self.server.buses:
            in_alarm.extend(await self._poll_bus(bus))
        return in_alarm

    async def _poll_bus(self, bus: Bus) -> list[Device]:
        try:
            entries = await self.server.dir(
                f"{bus.path_str.rstrip('/')}/alarm/", uncached=True
            )
        except OwfsConnectionError:
            raise
        except OwfsError as err:
            _LOGGER.debug("No alarm directory on %s: %s", bus, err)
            return []
        devices: list[Device] = []
        for entry in entries:
            device_id = canonical_device_id(entry_name(entry))
            if device_id is None:
                continue
            device = self._devices.get(device_id)
            if device is None or device.bus is None:
                continue  # not located yet: the next scan will find it
            devices.append(device)
            self._emit(DeviceAlarm(device))
            if device.family in SWITCH_FAMILIES:
                await self._publish_inputs(device)
        return devices

    async def _publish_inputs(self, device: Device) -> None:
        structure = await self.server.structure(device.family)
        for array in _INPUT_ARRAYS:
            info = structure.get(f"{array}.ALL")
            if info is None:
                continue
            try:
                values = await device.attr_get(f"{array}.ALL")
            except OwfsError as err:
                _LOGGER.debug("Reading %s of %s failed: %s", array, device, err)
                continue
            if not isinstance(values, list):
                continue
            members = [
                m.name
                for m in structure.values()
                if m.base == array and m.is_array_member
            ]
            for name, value in zip(members, values, strict=False):
                self._emit(DeviceValue(device, name, value))
        latch = structure.get("latch.BYTE")
        if latch is not None and latch.writable:
            try:
                await device.attr_set("latch.BYTE", value=0)
            except OwfsError as err:
                _LOGGER.debug("Clearing the latches of %s failed: %s", device, err)
