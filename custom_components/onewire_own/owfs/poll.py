"""Whole-server polls: chosen attributes of every located device, fast.

A DS18B20 needs up to 750 ms to convert; reading N sensors one by one costs
N conversions. Per physical bus, one write of ``simultaneous/temperature``
starts every sensor's conversion at once; after one conversion wait each
sensor's ``latesttemp`` is a mere scratchpad read. Branches of a DS2409
coupler are read per device (owfs does not run simultaneous conversions
reliably behind a coupler), and so is any bus where the simultaneous write
or a ``latesttemp`` read fails.

The conversion wait is not dead time: the bus's other reads (humidity,
counters, inputs...) run during it, and only the ``latesttemp`` reads wait
for its end. A ``latesttemp`` of exactly 85 °C is the power-on value of a
sensor that reset (a brown-out, a parasite-powered sensor that owserver's
simultaneous conversion does not pull up): that sensor is read again with
``temperature``, which makes owserver convert it alone, with the strong
pull-up it needs and its own retry of an 85 °C result. It lasts what the slowest sensor of the bus needs: a sensor
whose resolution (``tempres``, read once during a wait and kept until the
device is located anew) is 9..12 bits needs 94..750 ms; one of unknown
resolution (DS18S20, no valid ``tempres``) gets the caller's conversion_time.
"""

import asyncio
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
import contextlib
from dataclasses import dataclass, field
import time
from typing import TYPE_CHECKING

from .access import OwserverAccess
from .concurrency import run_bounded
from .device import POWER_ON_TEMPERATURE, TEMPERATURE_FAMILIES
from .errors import OwfsError, OwfsServerError
from .protocol import decode_text
from .structure import AttributeInfo, AttributeValue

if TYPE_CHECKING:
    from .bus import Bus
    from .device import Device

DEFAULT_CONVERSION_TIME = 0.75
#: Resolution in bits → the DS18B20/DS1822/DS1825/DS28EA00 conversion time.
CONVERSION_TIME_BY_RESOLUTION = {9: 0.09375, 10: 0.1875, 11: 0.375, 12: 0.75}
#: Families whose resolution owserver reports as ``tempres``.
RESOLUTION_FAMILIES = frozenset({"22", "28", "3B", "42"})
RESOLUTION = "tempres"
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
        conversion_times: bus path → seconds the bus's simultaneous
            temperature conversion was given (its slowest sensor's need).
        connections_opened: TCP connections opened during the poll (0 in
            steady state).
        failed_buses: bus path → owserver's first error, for every bus where
            owserver answered each read of the poll with an error (a short,
            an adapter that does not answer): one fault, not one per device.
            A lost connection to owserver is not a bus failure.
    """

    values: dict[str, dict[str, AttributeValue]] = field(default_factory=dict)
    errors: dict[str, dict[str, OwfsError]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)
    duration: float = 0.0
    bus_durations: dict[tuple[str, ...], float] = field(default_factory=dict)
    conversion_times: dict[tuple[str, ...], float] = field(default_factory=dict)
    connections_opened: int = 0
    failed_buses: dict[tuple[str, ...], OwfsServerError] = field(default_factory=dict)

    def _value(self, device: Device, attribute: str, value: AttributeValue) -> None:
        self.values.setdefault(device.id, {})[attribute] = value

    def _error(self, device: Device, attribute: str, error: OwfsError) -> None:
        self.errors.setdefault(device.id, {})[attribute] = error


type _Job = Callable[[], Awaitable[None]]


class _BusPoll:
    """The poll of one bus."""

    def __init__(
        self,
        server: OwserverAccess,
        bus: Bus,
        attributes: Mapping[str, Sequence[str]],
        structures: Mapping[str, Mapping[str, AttributeInfo]],
        result: PollResult,
        *,
        only: Collection[str] | None,
        simultaneous: bool,
        conversion_time: float,
    ) -> None:
        self.server = server
        self.only = only
        self.bus = bus
        self.attributes = attributes
        self.structures = structures
        self.result = result
        self.simultaneous = simultaneous and bus.coupler is None
        self.conversion_time = conversion_time
        self.limit = server.pool_limit
        self.reads = 0
        # The first error owserver answered (not a lost connection: that is
        # the server's failure, reported as such).
        self.first_error: OwfsServerError | None = None
        self.disconnected = False

    async def run(self) -> None:
        started = time.monotonic()
        devices = [
            d
            for d in self.bus.devices
            if d.family in self.attributes and (self.only is None or d.id in self.only)
        ]
        thermometers = [
            device
            for device in devices
            if device.family in TEMPERATURE_FAMILIES
            and TEMPERATURE in self.attributes[device.family]
        ]
        conversion: asyncio.Task[bool] | None = None
        if self.simultaneous and thermometers:
            conversion = asyncio.create_task(self._convert_temperatures(thermometers))
        try:
            if self.simultaneous and any(d.family == VOLTAGE_FAMILY for d in devices):
                await self._convert_voltages()
            jobs: list[_Job] = []
            after_conversion: list[_Job] = []
            for device in devices:
                for attribute in self.attributes[device.family]:
                    if (
                        conversion is not None
                        and attribute == TEMPERATURE
                        and device.family in TEMPERATURE_FAMILIES
                    ):
                        after_conversion.append(
                            self._latest_temperature_job(device, conversion)
                        )
                    else:
                        jobs.append(self._read_job(device, attribute))
            # Workers take jobs in order: the other reads fill the wait.
            await run_bounded(jobs + after_conversion, self.limit)
        finally:
            if conversion is not None and not conversion.done():
                conversion.cancel()
        self.result.bus_durations[self.bus.path] = time.monotonic() - started
        if self.reads == 0 and self.first_error is not None and not self.disconnected:
            self.result.failed_buses[self.bus.path] = self.first_error

    async def _convert_temperatures(self, thermometers: list[Device]) -> bool:
        """Start every conversion of the bus; True once the slowest has ended."""
        try:
            await self._start_conversion("temperature")
        except OwfsError:
            return False
        started = time.monotonic()
        await self._read_resolutions(thermometers)
        needed = max(self._conversion_time(device) for device in thermometers)
        self.result.conversion_times[self.bus.path] = needed
        remaining = started + needed - time.monotonic()
        if remaining > 0:
            await asyncio.sleep(remaining)
        return True

    async def _read_resolutions(self, thermometers: list[Device]) -> None:
        """Read tempres of the sensors whose resolution is not known yet."""

        def job(device: Device) -> _Job:
            async def read_resolution() -> None:
                try:
                    data = await self.server.read(
                        f"{device.path}/{RESOLUTION}", uncached=True
                    )
                    bits = int(decode_text(data).strip() or 0)
                except OwfsError, ValueError:
                    bits = 0
                device.resolution = bits if bits in CONVERSION_TIME_BY_RESOLUTION else 0

            return read_resolution

        unknown = [
            device
            for device in thermometers
            if device.resolution is None and device.family in RESOLUTION_FAMILIES
        ]
        await run_bounded([job(device) for device in unknown], self.limit)

    def _conversion_time(self, device: Device) -> float:
        return CONVERSION_TIME_BY_RESOLUTION.get(
            device.resolution or 0, self.conversion_time
        )

    async def _convert_voltages(self) -> None:
        with contextlib.suppress(OwfsError):
            await self._start_conversion("voltage")

    async def _start_conversion(self, kind: str) -> None:
        """Write the bus's ``simultaneous/<kind>``: every chip of it converts."""
        await self.server.write(
            f"{self.bus.path_str.rstrip('/')}/simultaneous/{kind}", b"1"
        )

    def _latest_temperature_job(
        self, device: Device, conversion: asyncio.Task[bool]
    ) -> _Job:
        async def job() -> None:
            if not await conversion or not await self._read(
                device, LATEST_TEMPERATURE, TEMPERATURE
            ):
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
            if isinstance(err, OwfsServerError):
                self.first_error = self.first_error or err
            else:
                self.disconnected = True
            return False
        self.reads += 1
        if path == LATEST_TEMPERATURE and value == POWER_ON_TEMPERATURE:
            return False  # a reset sensor's scratchpad: read it with a conversion
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
    server: OwserverAccess,
    attributes: Mapping[str, Sequence[str]],
    *,
    buses: Sequence[Bus] | None = None,
    devices: Collection[str] | None = None,
    simultaneous: bool = True,
    conversion_time: float = DEFAULT_CONVERSION_TIME,
) -> PollResult:
    """Read attributes of every located device of the given families.

    Buses are polled in parallel, so their conversion waits overlap.

    Args:
        server: the owserver (a ``Server``).
        attributes: family (``"28"``) → attribute names (``"temperature"``,
            ``"PIO.A"``, ``"sensed.A"``, ``"counter.A"``...).
        buses: poll only these buses (default: all of the server's).
        devices: poll only the devices with these ids (default: all).
        simultaneous: convert all temperatures of a bus at once, then read
            each ``latesttemp`` (per-device reads where that fails and
            behind DS2409 couplers).
        conversion_time: seconds to wait for a conversion of a sensor whose
            resolution is not known.

    Returns:
        The values typed from /structure, per-attribute errors, timings.
        The DS18x20 power-on value (85.0 right after a device appeared)
        is left out of values and listed in ``dropped``.
    """
    started = time.monotonic()
    opened = server.stats.connections_opened
    result = PollResult()
    attributes = {family.upper(): names for family, names in attributes.items()}
    structures: dict[str, Mapping[str, AttributeInfo]] = {}
    for family in attributes:
        try:
            structures[family] = await server.structure(family)
        except OwfsError:
            structures[family] = {}
    polled = [
        bus
        for bus in (server.buses if buses is None else buses)
        if any(
            device.family in attributes and (devices is None or device.id in devices)
            for device in bus.devices
        )
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
                    only=devices,
                    simultaneous=simultaneous,
                    conversion_time=conversion_time,
                ).run()
            )
    result.errors = {device: errs for device, errs in result.errors.items() if errs}
    result.duration = time.monotonic() - started
    result.connections_opened = server.stats.connections_opened - opened
    return result
