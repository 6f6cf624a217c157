"""WHO 18 - energy meters: active power and energy totals.

Active power (dimension 113) is pushed only for a while after it is enabled
with ``*#18*W*#1200#1*<minutes>##``; a meter asked to keep power flowing
re-enables it before it expires, and at once when the meter reports that the
push stopped, ``*#18*W*1200#1*0##``: it ran out (an F454 reports that about
6 s after its minutes are up, MyHOME ``issue_466`` F454 WHO 18 trace) or
another client stopped it. Without that, power would freeze at its last
value until the next renewal, up to the whole period later.

Energies are never pushed: the totalizer (51), this month's (53) and
today's (54) energy, in Wh, are asked for (``refresh_energy``). Meters are
``5N`` (N 1-255: central units, pulse counters, power meters, written as
plain concatenation: ``510`` is meter 10) and ``7N#0`` (actuators that
measure their load); the undocumented WHO 1018 diagnostic ``*#1018*0*7##``
makes every meter answer ``*#1018*<W>*7*<bits>##`` (openwebnet4j's and
openHAB's discovery), which names them all in one request.
"""

import asyncio
import contextlib
import logging
from typing import ClassVar, Final, override

from ..errors import OpenWebNetError
from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from ..where import Where
from .base import FrameSender, Item, ItemEvent, changed

_LOGGER = logging.getLogger(__package__)

WHO: Final = 18
DIAGNOSTIC_WHO: Final = 1018
#: ``*#1018*0*7##``: every meter answers with its diagnostic bits.
METER_DISCOVERY: Final = DimensionRequest(DIAGNOSTIC_WHO, Where("0"), "7")
METER_PREFIX: Final = "5"
ACTUATOR_PREFIX: Final = "7"
METER_NUMBERS: Final = range(1, 256)
DIMENSION_ACTIVE_POWER: Final = "113"
DIMENSION_ENERGY_TOTAL: Final = "51"
DIMENSION_ENERGY_MONTH: Final = "53"
DIMENSION_ENERGY_TODAY: Final = "54"
DIMENSION_POWER_STREAM: Final = "1200"
POWER_STREAM_ON: Final = "1"
DEFAULT_STREAM_MINUTES: Final = 255
#: Re-enable this long before the gateway stops pushing.
RENEW_MARGIN: Final = 60.0
#: Seconds between renewals a meter keeps answering with "stopped".
STOPPED_AGAIN_DELAY: Final = 60.0

ENERGY_DIMENSIONS: Final = (
    DIMENSION_ENERGY_TOTAL,
    DIMENSION_ENERGY_MONTH,
    DIMENSION_ENERGY_TODAY,
)
_ATTRIBUTES: Final = {
    DIMENSION_ACTIVE_POWER: "power",
    DIMENSION_ENERGY_TOTAL: "energy_total",
    DIMENSION_ENERGY_MONTH: "energy_month",
    DIMENSION_ENERGY_TODAY: "energy_today",
}


def energy_meter_where(where: Where) -> bool:
    """Whether a WHO 18 WHERE names a meter (``5N``) or an actuator (``7N#0``)."""
    address = where.address
    if not address.isdigit() or not 2 <= len(address) <= 4:
        return False
    if int(address[1:]) not in METER_NUMBERS or address[1] == "0":
        return False
    if address[0] == METER_PREFIX:
        return not where.params
    return address[0] == ACTUATOR_PREFIX and where.params == ("0",)


def meter_where(prefix: str, number: int) -> Where:
    """Meter N (``5N``) or actuator N (``7N#0``)."""
    if prefix == ACTUATOR_PREFIX:
        return Where(f"{prefix}{number}", ("0",))
    return Where(f"{prefix}{number}")


class EnergyMeter(Item):
    """A meter (``5N``) or actuator (``7N#0``): ``power`` in W, energies in Wh."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a meter whose values are unknown until reported."""
        super().__init__(sender, where)
        self.power: int | None = None
        self.energy_total: int | None = None
        self.energy_month: int | None = None
        self.energy_today: int | None = None
        self._stream_task: asyncio.Task[None] | None = None
        self._renew_now = asyncio.Event()

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command) or frame.who != WHO or not frame.values:
            return []
        if _push_stopped(frame):
            if self._stream_task is not None and not self._stream_task.done():
                self._renew_now.set()
            return []
        attribute = _ATTRIBUTES.get(frame.dimension)
        value = frame.values[0]
        if attribute is None or not value:
            return []
        return changed(self, **{attribute: int(value)})

    async def enable_power_stream(self, minutes: int = DEFAULT_STREAM_MINUTES) -> None:
        """Ask the gateway to push active power for minutes (0 stops it)."""
        await self._request(
            DimensionWrite(
                WHO,
                self._where,
                DIMENSION_POWER_STREAM,
                (POWER_STREAM_ON,),
                (str(minutes),),
            )
        )

    def keep_power_flowing(
        self, minutes: int = DEFAULT_STREAM_MINUTES, margin: float = RENEW_MARGIN
    ) -> None:
        """Enable the power push now and renew it margin seconds before it ends."""
        if self._stream_task is None or self._stream_task.done():
            self._stream_task = asyncio.get_running_loop().create_task(
                self._renew_forever(minutes, margin), name=f"power stream {self.where}"
            )

    async def stop_power_flow(self) -> None:
        """Stop renewing and tell the gateway to stop pushing.

        A renewal in flight is cancelled and waited for first, so the stop is
        the last word the gateway hears.
        """
        renewing, self._stream_task = self._stream_task, None
        if renewing is not None:
            renewing.cancel()
            await asyncio.wait({renewing})
        await self.enable_power_stream(0)

    async def _renew_forever(self, minutes: int, margin: float) -> None:
        period = max(1.0, minutes * 60 - margin)
        stopped_before = False
        while True:
            self._renew_now.clear()
            try:
                await self.enable_power_stream(minutes)
            except OpenWebNetError as err:
                _LOGGER.debug("Could not renew the power stream of %s: %s", self, err)
                period_now = min(period, 10.0)
            else:
                period_now = period
            stopped = await self._stop_reported_within(period_now)
            if stopped and stopped_before:
                # Stopped again right after the renewal that answered a stop:
                # a meter that refuses the push is asked once a minute at most.
                await asyncio.sleep(min(period_now, STOPPED_AGAIN_DELAY))
            stopped_before = stopped

    async def _stop_reported_within(self, seconds: float) -> bool:
        """Wait seconds, or less if the meter reports its push stopped (True)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._renew_now.wait()
                return True
        return False

    @override
    def refresh_requests(self) -> list[Frame]:
        """Every energy, and the power unless it is being pushed."""
        power = [] if self.power_flowing else [DIMENSION_ACTIVE_POWER]
        return [
            DimensionRequest(WHO, self._where, dimension)
            for dimension in (*power, *ENERGY_DIMENSIONS)
        ]

    @property
    def power_flowing(self) -> bool:
        """Whether this meter keeps its active power pushed."""
        return self._stream_task is not None and not self._stream_task.done()

    async def refresh_energy(self) -> None:
        """Ask again for the energies the meter has reported (they are never pushed)."""
        for dimension in ENERGY_DIMENSIONS:
            if getattr(self, _ATTRIBUTES[dimension]) is not None:
                await self._sender.send(DimensionRequest(WHO, self._where, dimension))

    @override
    def dispose(self) -> None:
        if self._stream_task is not None:
            self._stream_task.cancel()
            self._stream_task = None


def _push_stopped(frame: DimensionReply) -> bool:
    """``*#18*W*1200#1*0##``: the active power push has no minutes left."""
    return (
        frame.dimension == DIMENSION_POWER_STREAM
        and frame.dimension_params == (POWER_STREAM_ON,)
        and frame.values[0] == "0"
    )
