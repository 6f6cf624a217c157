"""Whole-server polls: chosen attributes of every located device, fast.

A DS18B20 needs up to 750 ms to convert; reading N sensors one by one costs
N conversions. Per physical bus, one write of ``simultaneous/temperature``
starts every sensor's conversion at once; after one conversion wait each
sensor's ``latesttemp`` is a mere scratchpad read. Branches of a DS2409
coupler are read per device (owfs does not run simultaneous conversions
reliably behind a coupler), and so is any bus where the simultaneous write
or a ``latesttemp`` read fails.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
import time
from typing import TYPE_CHECKING

from .concurrency import run_bounded
from .device import TEMPERATURE_FAMILIES, Device
from .errors import OwfsError
from .protocol import decode_text
from .structure import AttributeInfo, AttributeValue

if TYPE_CHECKING:
    from .bus import Bus
    from .server import Server

DEFAULT_CONVERSION_TIME = 0.75
TEMPERATURE = "temperature"
LATEST_TEMPERATURE = "latesttemp"
#: DS2450 quad A/D: ``volt.A``... are converted together by simultaneous/voltage.
VOLTAGE_FAMILY = "20"


@dataclass(slots=True)
class PollResult:
    """What one poll read.

    Attributes:
        values: device id → attribute → typed value.
        errors: device id → attribute → the error that prevented the read.
        dropped: device id → attributes whose reading was discarded as the
            DS18x20 power-on value (85.0 right after the device appeared).
        duration: seconds the whole poll took.
        bus_durations: bus path → seconds that bus took.
        connections_opened: TCP connections opened during the poll (0 in
            steady state).
    """

    values: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    errors: dict[str, dict[str, OwfsError]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)
    duration: float = 0.0
    bus_durations: dict[tuple[str, ...], float] = field(default_factory=dict)
    connections_opened: int = 0

    def _value(self, device: Device, attribute: str, value: AttributeValue) -> None:
        self.values.setdefault(device.id, {})[attribute] = value

    def _error(self, device: Device, attribute: str, error: OwfsError) -> None:
        self.errors.setdefault(device.id, {})[attribute] = error


type _Job = Callable[[], Awaitable[None]]


class _BusPoll:
    """The poll of one bus."""

    def __init__(
        self,
        server: Server,
        bus: Bus,
        attributes: Mapping[str, Sequence[str]],
        structures: Mapping[str, Mapping[str, AttributeInfo]],
        result: PollResult,
        *,
        simultaneous: bool,
        conversion_time: float,
    ) -> None:
        self.server = server
        self.bus = bus
        self.attributes = attributes
        self.structures = structures
        self.result = result
        self.simultaneous = simultaneous and bus.coupler is None
        self.conversion_time = conversion_time
        self.limit = server.pool_limit

    async def run(self) -> None:
        started = time.monotonic()
        devices = [d for d in self.bus.devices if d.family in self.attributes]
        thermometers = [
            device
            for device in devices
            if device.family in TEMPERATURE_FAMILIES
            and TEMPERATURE in self.attributes[device.family]
        ]
        converted = False
        if self.simultaneous and thermometers:
            converted = await self._convert("temperature", self.conversion_time)
        if self.simultaneous and any(d.family == VOLTAGE_FAMILY for d in devices):
            await self._convert("voltage", 0.0)
        jobs: list[_Job] = []
        for device in devices:
            for attribute in self.attributes[device.family]:
                if converted and device in thermometers and attribute == TEMPERATURE:
                    jobs.append(self._latest_temperature_job(device))
                else:
                    jobs.append(self._read_job(device, attribute))
        await run_bounded(jobs, self.limit)
        self.result.bus_durations[self.bus.path] = time.monotonic() - started

    async def _convert(self, quantity: str, wait: float) -> bool:
        try:
            await self.bus.attr_set("simultaneous", quantity, value=b"1")
        except OwfsError:
            return False
        if wait > 0:
            await asyncio.sleep(wait)
        return True

    def _latest_temperature_job(self, device: Device) -> _Job:
        async def job() -> None:
            if not await self._read(device, LATEST_TEMPERATURE, TEMPERATURE):
                await self._read(device, TEMPERATURE, TEMPERATURE)

        return job

    def _read_job(self, device: Device, attribute: str) -> _Job:
        async def job() -> None:
            await self._read(device, attribute, attribute)

        return job

    async def _read(self, device: Device, path: str, attribute: str) -> bool:
        """Read path of device into result[attribute]; False on error."""
        try:
            data = await self.server.read(f"{device.path}/{path}", uncached=True)
            info = self.structures.get(device.family, {}).get(path)
            value = info.parse(data) if info is not None else decode_text(data)
        except OwfsError as err:
            self.result._error(device, attribute, err)
            return False
        self.result.errors.get(device.id, {}).pop(attribute, None)
        if (
            path in (TEMPERATURE, LATEST_TEMPERATURE)
            and isinstance(value, float)
            and not device.accept_temperature(value)
        ):
            self.result.dropped.setdefault(device.id, []).append(attribute)
            return True
        self.result._value(device, attribute, value)
        return True


async def poll_server(
    server: Server,
    attributes: Mapping[str, Sequence[str]],
    *,
    buses: Sequence[Bus] | None = None,
    simultaneous: bool = True,
    conversion_time: float = DEFAULT_CONVERSION_TIME,
) -> PollResult:
    """Read attributes (family → names) of every located device of server.

    Only the given buses when buses is not None. Buses are polled in
    parallel, so their conversion waits overlap.
    """
    started = time.monotonic()
    opened = server.stats.connections_opened
    result = PollResult()
    structures: dict[str, Mapping[str, AttributeInfo]] = {}
    for family in attributes:
        try:
            structures[family] = await server.structure(family)
        except OwfsError:
            structures[family] = {}
    polled = [
        bus
        for bus in (server.buses if buses is None else buses)
        if any(device.family in attributes for device in bus.devices)
    ]
    async with asyncio.TaskGroup() as group:
        for bus in polled:
            group.create_task(
                _BusPoll(
                    server,
                    bus,
                    attributes,
                    structures,
                    result,
                    simultaneous=simultaneous,
                    conversion_time=conversion_time,
                ).run()
            )
    result.errors = {device: errs for device, errs in result.errors.items() if errs}
    result.duration = time.monotonic() - started
    result.connections_opened = server.stats.connections_opened - opened
    return result
