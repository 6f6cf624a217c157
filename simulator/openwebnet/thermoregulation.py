"""WHO 4 thermoregulation: zones of a central unit (PROTOCOLS.md §2 WHO 4).

A zone answers as a real central unit would on a status request, with one
frame per value a client needs: its mode ``*4*<what>*Z##``, the measured
temperature (dimension 0), the operating set point (12), the set point (14)
and, when the probe has one, humidity (60, an integer percent). The sweep
``*#4*0##`` answers the same for every zone, so one request learns them all.
Zones are addressed as ``Z`` or through the central unit as ``#Z``; ``#0`` is
the central unit itself.
"""

from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import ZoneSpec

WHO: Final = 4
CENTRAL_UNIT: Final = Where("", ("0",))
SWEEP: Final = Where("0")
TEMPERATURE: Final = "0"
OPERATING_SET_POINT: Final = "12"
LOCAL_OFFSET: Final = "13"
SET_POINT: Final = "14"
VALVES: Final = "19"
ACTUATOR: Final = "20"
HUMIDITY: Final = "60"
GENERIC_FUNCTION: Final = "3"
#: WHAT of the modes: 1xx heating, 2xx cooling, 3xx generic; x02 protection,
#: x03 off, x10 manual, x11 programme.
MODES: Final = frozenset(
    f"{function}{mode}" for function in "123" for mode in ("02", "03", "10", "11")
)


def format_temperature(celsius: float) -> str:
    """``TTTT``: sign digit (0 +, 1 -) then tenths of a degree (21.5 -> 0215)."""
    sign = "1" if celsius < 0 else "0"
    return f"{sign}{round(abs(celsius) * 10):03d}"


def parse_temperature(text: str) -> float:
    """The inverse of ``format_temperature``."""
    if len(text) != 4 or not text.isdigit() or text[0] not in "01":
        raise ValueError(f"not a TTTT temperature: {text!r}")
    value = int(text[1:]) / 10
    return -value if text[0] == "1" else value


@dataclass(eq=False)
class Zone:
    """One zone's live state."""

    spec: ZoneSpec
    temperature: float = 0.0
    set_point: float = 0.0
    #: The function (1 heating, 2 cooling, 3 generic) the last set-point
    #: write asked for; reports end with 3 whatever was written (an F454
    #: answers ``*#4*1*#14*0200*1##`` with ``*#4*1*14*0200*3##``: MyHOME
    #: ``issue_429/xtimmy86x_ha_setpoint_2026-09-24.txt``).
    function: str = GENERIC_FUNCTION
    mode: str = "111"
    humidity: int | None = None

    def __post_init__(self) -> None:
        """Start from the installation's values."""
        self.temperature = self.spec.temperature
        self.set_point = self.spec.set_point
        self.mode = str(self.spec.mode)
        self.humidity = self.spec.humidity

    @property
    def where(self) -> Where:
        """The zone number as a WHERE."""
        return Where(str(self.spec.zone))

    @property
    def heating(self) -> bool:
        """Whether the zone calls for heat (valve open)."""
        return not self.mode.endswith("03") and self.temperature < self.set_point

    def dimension(self, dimension: str) -> DimensionReply | None:
        """The zone's reply for ``dimension``, or None if it has none."""
        values: tuple[str, ...]
        match dimension:
            case "0":
                values = (format_temperature(self.temperature),)
            case "12":
                values = (format_temperature(self.set_point), GENERIC_FUNCTION)
            case "13":
                values = ("00",)
            case "14":
                values = (format_temperature(self.set_point), GENERIC_FUNCTION)
            case "19":
                values = ("0", "1" if self.heating else "0")
            case "20":
                values = ("1" if self.heating else "0",)
            case "60" if self.humidity is not None:
                values = (str(self.humidity),)
            case _:
                return None
        return DimensionReply(WHO, self.where, dimension, values)

    def reply(self, dimension: str) -> DimensionReply:
        """The zone's reply for a dimension it always has."""
        reply = self.dimension(dimension)
        if reply is None:
            raise LookupError(f"zone {self.spec.zone} has no dimension {dimension}")
        return reply

    def status_frames(self) -> list[Frame]:
        """Everything a status request reports about the zone."""
        frames: list[Frame] = [Command(WHO, self.mode, (), self.where)]
        for dimension in (TEMPERATURE, OPERATING_SET_POINT, SET_POINT, HUMIDITY):
            reply = self.dimension(dimension)
            if reply is not None:
                frames.append(reply)
        return frames


class Thermoregulation(WhoHandler):
    """The central unit and its zones."""

    def __init__(self, context: BusContext, specs: tuple[ZoneSpec, ...]) -> None:
        """Create each zone in its starting state."""
        super().__init__(context)
        self.zones = {spec.zone: Zone(spec) for spec in specs}
        self.central_mode = "111"

    def zone_at(self, where: Where) -> Zone | None:
        """The zone a ``Z`` or ``#Z`` WHERE names."""
        text = where.address or (where.params[0] if len(where.params) == 1 else "")
        if not text.isdigit():
            return None
        return self.zones.get(int(text))

    def set_temperature(self, zone: Zone, celsius: float) -> None:
        """The probe measured a new temperature: report it."""
        zone.temperature = celsius
        self.context.emit([zone.reply(TEMPERATURE)])

    def set_humidity(self, zone: Zone, percent: int) -> None:
        """The probe measured a new humidity: report it."""
        zone.humidity = percent
        self.context.emit([zone.reply(HUMIDITY)])

    @override
    def command(self, frame: Command) -> Outcome:
        if frame.what not in MODES:
            return REFUSED
        if frame.where == CENTRAL_UNIT:
            self.central_mode = frame.what
            for each in self.zones.values():
                each.mode = frame.what
            return Outcome(events=[frame])
        zone = self.zone_at(frame.where)
        if zone is None:
            return REFUSED
        zone.mode = frame.what
        return Outcome(events=[frame])

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        if frame.where == SWEEP:
            return Outcome(
                replies=[
                    f for zone in self.zones.values() for f in zone.status_frames()
                ]
            )
        if frame.where == CENTRAL_UNIT:
            return Outcome(replies=[Command(WHO, self.central_mode, (), CENTRAL_UNIT)])
        zone = self.zone_at(frame.where)
        if zone is None:
            return REFUSED
        return Outcome(replies=zone.status_frames())

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        zone = self.zone_at(frame.where)
        reply = zone.dimension(frame.dimension) if zone is not None else None
        if reply is None:
            return REFUSED
        return Outcome(replies=[reply])

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        zone = self.zone_at(frame.where)
        if zone is None or frame.dimension != SET_POINT:
            return REFUSED
        zone.set_point = parse_temperature(frame.values[0])
        if len(frame.values) > 1:
            zone.function = frame.values[1]
        return Outcome(events=[zone.reply(SET_POINT), zone.reply(OPERATING_SET_POINT)])
