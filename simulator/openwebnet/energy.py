"""WHO 18 energy management: meters that push active power while enabled.

Active power (dimension 113) is pushed on the event sessions only after a
client enables it with ``*#18*W*#1200#1*<minutes>##``; the push stops when the
minutes run out (clients re-enable before that) or on ``minutes = 0`` /
``#1200#0``. While enabled, the meter pushes every ``PUSH_PERIOD`` gateway
seconds and at once when its power changes.

Energies (51 total, 53 this month, 54 today, in Wh) are answered, never
pushed; ``consume`` adds to all three and ``new_day`` resets the daily
(and, on the 1st, the monthly) counters, as the meters do at midnight. Meters are
``5N`` or actuators ``7N#0``; the WHO 1018 diagnostic ``*#1018*0*7##`` is
answered with one ``*#1018*<W>*7*<bits>##`` per meter (openwebnet4j's
discovery request; ``GatewayProfile.unsupported_requests`` can refuse it).
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
DIAGNOSTIC_WHO: Final = 1018
DIAGNOSTIC: Final = "7"
#: Every diagnostic bit at 1 (no fault); the client only needs the WHERE.
HEALTHY_BITS: Final = "1" * 24
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

    def consume(self, meter: EnergyMeter, watt_hours: int) -> None:
        """The meter counted watt_hours more (today, this month, in total)."""
        meter.energy_total += watt_hours
        meter.energy_month += watt_hours
        meter.energy_today += watt_hours

    def new_day(self, *, new_month: bool = False) -> None:
        """Midnight: every meter's daily counter (and monthly, on the 1st) restarts."""
        for meter in self.meters.values():
            meter.energy_today = 0
            if new_month:
                meter.energy_month = 0

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        if frame.who == DIAGNOSTIC_WHO:
            if frame.where != Where("0") or frame.dimension != DIAGNOSTIC:
                return REFUSED
            return Outcome(
                replies=[
                    DimensionReply(
                        DIAGNOSTIC_WHO, meter.where, DIAGNOSTIC, (HEALTHY_BITS,)
                    )
                    for meter in self.meters.values()
                ]
            )
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
