"""WHO 18 - energy meters: active power and energy totals.

Active power (dimension 113) is pushed only for a while after it is enabled
with ``*#18*W*#1200#1*<minutes>##``; a meter asked to keep power flowing
re-enables it before it expires, and at once when the meter reports that the
push stopped, ``*#18*W*1200#1*0##``: it ran out (an F454 reports that about
6 s after its minutes are up, MyHOME ``issue_466`` F454 WHO 18 trace) or
another client stopped it. Without that, power would freeze at its last
value until the next renewal, up to the whole period later.
"""

import asyncio
import contextlib
import logging
from typing import ClassVar, Final, override

from ..errors import OpenWebNetError
from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from .base import FrameSender, Item, ItemEvent, changed

_LOGGER = logging.getLogger(__package__)

WHO: Final = 18
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

_ATTRIBUTES: Final = {
    DIMENSION_ACTIVE_POWER: "power",
    DIMENSION_ENERGY_TOTAL: "energy_total",
    DIMENSION_ENERGY_MONTH: "energy_month",
    DIMENSION_ENERGY_TODAY: "energy_today",
}


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
        if isinstance(frame, Command) or not frame.values:
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
        return [
            DimensionRequest(WHO, self._where, dimension)
            for dimension in (
                DIMENSION_ACTIVE_POWER,
                DIMENSION_ENERGY_TOTAL,
                DIMENSION_ENERGY_TODAY,
            )
        ]

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
