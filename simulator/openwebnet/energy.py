"""WHO 18 energy management: meters that push active power while enabled.

Active power (dimension 113) is pushed on the event sessions only after a
client enables it with ``*#18*W*#1200#1*<minutes>##``; the push stops when the
minutes run out (clients re-enable before that) or on ``minutes = 0`` /
``#1200#0``. While enabled, the meter pushes every ``PUSH_PERIOD`` gateway
seconds and at once when its power changes.
"""

import asyncio
from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import EnergyMeterSpec

WHO: Final = 18
ACTIVE_POWER: Final = "113"
ENABLE_POWER_PUSH: Final = "1200"
TOTAL_ENERGY: Final = "51"
MONTH_ENERGY: Final = "53"
TODAY_ENERGY: Final = "54"
PUSH_PERIOD: Final = 5.0


@dataclass(eq=False)
class EnergyMeter:
    """One meter's live state; power in W, energies in Wh."""

    spec: EnergyMeterSpec
    power: int = 0
    energy_total: int = 0
    energy_month: int = 0
    energy_today: int = 0
    #: Gateway time at which the power push stops (None: not enabled).
    push_until: float | None = None
    _pusher: asyncio.TimerHandle | None = None

    def __post_init__(self) -> None:
        """Start from the installation's values."""
        self.power = self.spec.power
        self.energy_total = self.spec.energy_total
        self.energy_month = self.spec.energy_month
        self.energy_today = self.spec.energy_today

    @property
    def where(self) -> Where:
        """The meter's WHERE."""
        return Where.parse(self.spec.where)

    def reply(self, dimension: str) -> DimensionReply | None:
        """The meter's value for ``dimension``, or None if it has none."""
        values = {
            ACTIVE_POWER: self.power,
            TOTAL_ENERGY: self.energy_total,
            MONTH_ENERGY: self.energy_month,
            TODAY_ENERGY: self.energy_today,
        }
        if dimension not in values:
            return None
        return DimensionReply(WHO, self.where, dimension, (str(values[dimension]),))

    def power_frame(self) -> DimensionReply:
        """``*#18*W*113*<watts>##``."""
        return DimensionReply(WHO, self.where, ACTIVE_POWER, (str(self.power),))


class Energy(WhoHandler):
    """Every WHO 18 meter of the installation."""

    def __init__(self, context: BusContext, specs: tuple[EnergyMeterSpec, ...]) -> None:
        """Create each meter in its starting state."""
        super().__init__(context)
        self.meters = {spec.where: EnergyMeter(spec) for spec in specs}

    def pushing(self, meter: EnergyMeter) -> bool:
        """Whether the meter's power push is enabled right now."""
        return (
            meter.push_until is not None and self.context.clock.now() < meter.push_until
        )

    def set_power(self, meter: EnergyMeter, watts: int) -> None:
        """The load changed: push the new power at once if the push is on."""
        meter.power = watts
        if self.pushing(meter):
            self.context.emit([meter.power_frame()])

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        meter = self.meters.get(frame.where.format())
        reply = meter.reply(frame.dimension) if meter is not None else None
        if reply is None:
            return REFUSED
        return Outcome(replies=[reply])

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        meter = self.meters.get(frame.where.format())
        if meter is None or frame.dimension != ENABLE_POWER_PUSH:
            return REFUSED
        enable = frame.dimension_params[:1] != ("0",)
        minutes = int(frame.values[0])
        self._cancel(meter)
        if enable and minutes > 0:
            meter.push_until = self.context.clock.now() + minutes * 60.0
            self._push(meter)
        return Outcome()

    def _push(self, meter: EnergyMeter) -> None:
        meter._pusher = None
        if not self.pushing(meter):
            meter.push_until = None
            return
        self.context.emit([meter.power_frame()])
        meter._pusher = self.context.clock.call_later(
            PUSH_PERIOD, lambda: self._push(meter)
        )

    def _cancel(self, meter: EnergyMeter) -> None:
        meter.push_until = None
        if meter._pusher is not None:
            meter._pusher.cancel()
            meter._pusher = None

    @override
    def stop(self) -> None:
        for meter in self.meters.values():
            self._cancel(meter)
