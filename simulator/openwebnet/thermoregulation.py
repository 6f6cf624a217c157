"""WHO 4 thermoregulation: the central unit, its zones and the probes.

Facts: the WHO 4 document, BTicino's touch-screen client (libqtdevices) and
captures (``docs/openwebnet-systems.md`` §5). What this simulator plays:

* **Zones** answer a status request with their mode ``*4*<what>*Z##``, the
  measured temperature (dimension 0), the operating set point (12, the set
  point moved by the knob), the knob (13), the set point (14), the fan coil
  speed (11) on fan-coil zones and humidity (60) where the probe has it. A
  zone calls for heat (or, cooling, for cold) while its temperature is below
  (above) the operating set point and it is neither off nor knobbed off:
  then its valve (19, ``*#4*Z*19*CV*HV##``) and actuators (20,
  ``*#4*Z#N*20*V##``) open, and they report every change on their own.
  Fan coils open at their speed (6-8).
* **The central unit** (``#0``) runs the plant in one operating mode,
  reported as the heating/cooling form (``1101``, ``110#0200``, ``115#1102``,
  ``13003``...) of the generic command it was given (``3101``,
  ``*#4*#0*#14*0200*3##``, ``315#3102``, ``33002#3101``; a vacation's days
  are reported with today counted, WHO 4 document 1.6.16). Its status
  answer lists remote control (20/21), a probe off or in protection
  (22/23), failure (30) and battery KO (31) while they hold, then the mode.
  A holiday or vacation takes an end written as dimensions 30/31.
* **The sweep** ``*#4*0##`` answers everything at once, as an MH200N does
  (MyHOME ``issue_466``): the central unit's mode and remote control, every
  zone's values and actuators, and every probe.
* **Probes** ``pZZ`` report ``*#4*pZZ*0*TTTT##``; external ones (``p00``)
  ``*#4*p00*15*1*TTTT##``.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
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
from .installation import CentralUnitSpec, ProbeSpec, ZoneSpec

WHO: Final = 4
CENTRAL_UNIT: Final = Where("", ("0",))
SWEEP: Final = Where("0")
TEMPERATURE: Final = "0"
FAN_COIL_SPEED: Final = "11"
OPERATING_SET_POINT: Final = "12"
LOCAL_OFFSET: Final = "13"
SET_POINT: Final = "14"
EXTERNAL_TEMPERATURE: Final = "15"
VALVES: Final = "19"
ACTUATOR: Final = "20"
END_DATE: Final = "30"
END_TIME: Final = "31"
HUMIDITY: Final = "60"
GENERIC_FUNCTION: Final = "3"
HEATING: Final = "1"
COOLING: Final = "2"
#: WHAT of the zone modes: 1xx heating, 2xx cooling, 3xx generic; x02
#: protection, x03 off, x10 manual, x11 programme.
MODES: Final = frozenset(
    f"{function}{mode}" for function in "123" for mode in ("02", "03", "10", "11")
)
RELEASE_KNOB: Final = "40"
#: The knob's codes and the offset each adds to the set point.
KNOB_OFFSETS: Final = {
    "00": 0,
    "01": 1,
    "02": 2,
    "03": 3,
    "11": -1,
    "12": -2,
    "13": -3,
    "4": 0,
    "5": 0,
}
KNOB_OFF: Final = "4"
KNOB_PROTECTION: Final = "5"
FAN_SPEEDS: Final = frozenset({"0", "1", "2", "3", "15"})
FAN_OFF: Final = "15"
#: Valve/actuator states: 0 OFF, 1 ON, 5 fan coil off, 6-8 on at speed 1-3.
CLOSED: Final = "0"
OPEN: Final = "1"
FAN_COIL_OFF: Final = "5"
FAN_COIL_OPEN: Final = {"0": "6", "1": "6", "2": "7", "3": "8"}


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
    local_offset: str = "00"
    fan_speed: str = "0"
    #: The valve and actuator states last reported (conditioning, heating).
    valves: tuple[str, str] = (CLOSED, CLOSED)

    def __post_init__(self) -> None:
        """Start from the installation's values."""
        self.temperature = self.spec.temperature
        self.set_point = self.spec.set_point
        self.mode = str(self.spec.mode)
        self.humidity = self.spec.humidity
        self.local_offset = self.spec.local_offset
        self.fan_speed = str(self.spec.fan_speed)
        self.valves = self.wanted_valves()

    @property
    def where(self) -> Where:
        """The zone number as a WHERE."""
        return Where(str(self.spec.zone))

    @property
    def cooling(self) -> bool:
        """Whether the zone conditions (mode 2xx) rather than heats."""
        return self.mode.startswith(COOLING)

    @property
    def operating_set_point(self) -> float:
        """The set point moved by the knob (dimension 12)."""
        return self.set_point + KNOB_OFFSETS.get(self.local_offset, 0)

    @property
    def heating(self) -> bool:
        """Whether the zone calls for heat (its heating valve is open)."""
        return self.valves[1] != CLOSED

    def wanted_valves(self) -> tuple[str, str]:
        """(conditioning, heating) valve states for the zone's current demand."""
        idle = FAN_COIL_OFF if self.spec.fan_coil else CLOSED
        active = FAN_COIL_OPEN.get(self.fan_speed, idle) if self.spec.fan_coil else OPEN
        if self.mode.endswith("03") or self.local_offset == KNOB_OFF:
            return (idle, idle)
        if self.spec.fan_coil and self.fan_speed == FAN_OFF:
            return (idle, idle)
        if self.cooling:
            return (
                active if self.temperature > self.operating_set_point else idle,
                idle,
            )
        return (idle, active if self.temperature < self.operating_set_point else idle)

    def actuator_state(self) -> str:
        """What every actuator of the zone reports: the open valve's state."""
        conditioning, heating = self.valves
        return heating if heating not in (CLOSED, FAN_COIL_OFF) else conditioning

    def actuator_frames(self) -> list[DimensionReply]:
        """``*#4*Z#N*20*V##`` for each actuator."""
        state = self.actuator_state()
        return [
            DimensionReply(
                WHO, Where(str(self.spec.zone), (str(number),)), ACTUATOR, (state,)
            )
            for number in range(1, self.spec.actuators + 1)
        ]

    def settle(self) -> list[Frame]:
        """Open or close the valves for the demand; the frames of what moved."""
        wanted = self.wanted_valves()
        if wanted == self.valves:
            return []
        self.valves = wanted
        return [self.reply(VALVES), *self.actuator_frames()]

    def dimension(self, dimension: str) -> DimensionReply | None:
        """The zone's reply for ``dimension``, or None if it has none."""
        values: tuple[str, ...]
        match dimension:
            case "0":
                values = (format_temperature(self.temperature),)
            case "12":
                values = (
                    format_temperature(self.operating_set_point),
                    GENERIC_FUNCTION,
                )
            case "13":
                values = (self.local_offset,)
            case "14":
                values = (format_temperature(self.set_point), GENERIC_FUNCTION)
            case "11" if self.spec.fan_coil:
                values = (self.fan_speed,)
            case "19":
                values = self.valves
            case "20":
                values = (self.actuator_state(),)
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
        for dimension in (
            TEMPERATURE,
            OPERATING_SET_POINT,
            LOCAL_OFFSET,
            SET_POINT,
            FAN_COIL_SPEED,
            HUMIDITY,
        ):
            reply = self.dimension(dimension)
            if reply is not None:
                frames.append(reply)
        return frames


@dataclass(eq=False)
class Probe:
    """A slave or external probe's live state."""

    spec: ProbeSpec
    temperature: float = 0.0

    def __post_init__(self) -> None:
        """Start from the installation's value."""
        self.temperature = self.spec.temperature

    @property
    def where(self) -> Where:
        """``pZZ``."""
        return Where(self.spec.where)

    @property
    def external(self) -> bool:
        """Zone ``00``: an outdoor probe, reporting dimension 15."""
        return self.spec.where.endswith("00")

    def reading(self) -> DimensionReply:
        """``*#4*pZZ*0*TTTT##``, or ``*#4*p00*15*1*TTTT##`` outdoors."""
        value = format_temperature(self.temperature)
        if self.external:
            return DimensionReply(WHO, self.where, EXTERNAL_TEMPERATURE, ("1", value))
        return DimensionReply(WHO, self.where, TEMPERATURE, (value,))


@dataclass(eq=False)
class CentralUnit:
    """The central unit's live state: the mode WHAT it reports and its health."""

    spec: CentralUnitSpec
    what: str = "1101"
    params: tuple[str, ...] = ()
    battery_low: bool = False
    failure: bool = False
    remote_control: bool = True
    programme: int = 1
    scenario: int = 1
    #: The holiday's or vacation's end as written: (DD, MM, YYYY) and (HH, MM).
    end_date: tuple[str, ...] | None = None
    end_time: tuple[str, ...] | None = None
    history: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Start from the installation's values."""
        what, *params = self.spec.mode.split("#")
        self.what, self.params = what, tuple(params)
        self.battery_low = self.spec.battery_low
        self.failure = self.spec.failure
        self.remote_control = self.spec.remote_control

    @property
    def function(self) -> str:
        """``1`` heating or ``2`` cooling: the first digit of the reported mode."""
        return COOLING if self.what.startswith(COOLING) else HEATING

    @property
    def ending(self) -> bool:
        """In holiday or vacation: a mode with an end."""
        rest = self.what[1:]
        return rest == "15" or (len(rest) == 4 and rest.startswith("3"))

    @property
    def zone_mode(self) -> str:
        """What the zones report while the unit is in its mode."""
        rest = self.what[1:]
        if rest == "03":
            return GENERIC_FUNCTION + rest  # WHO 4 document 1.6.2: *4*303*Z##
        if rest == "02":
            return self.function + rest
        if rest in ("10", "12"):
            return self.function + "10"
        return self.function + "11"

    def mode_frame(self) -> Command:
        """``*4*<what>[#param]*#0##``."""
        return Command(WHO, self.what, self.params, CENTRAL_UNIT)

    def status_frames(self, zones: list[Zone]) -> list[Frame]:
        """The status answer: remote control, conditions that hold, then the mode."""
        whats = ["21" if self.remote_control else "20"]
        knobs = {zone.local_offset for zone in zones}
        whats += [
            what
            for what, holds in (
                ("22", KNOB_OFF in knobs),
                ("23", KNOB_PROTECTION in knobs),
                ("30", self.failure),
                ("31", self.battery_low),
            )
            if holds
        ]
        return [
            *(Command(WHO, what, (), CENTRAL_UNIT) for what in whats),
            self.mode_frame(),
        ]

    def set_mode(self, what: str, params: tuple[str, ...] = ()) -> None:
        """Report ``what`` from now on (a holiday's or vacation's end is forgotten)."""
        self.what, self.params = what, params
        self.history.append("#".join((what, *params)))
        if not self.ending:
            self.end_date = self.end_time = None

    def command(self, what: str, params: tuple[str, ...]) -> bool:
        """Carry out a mode command; False when the unit refuses it."""
        function = self.function
        if len(what) < 3:
            return False
        kind, rest = what[0], what[1:]
        if kind in (HEATING, COOLING):
            function = kind
        elif kind != GENERIC_FUNCTION:
            return False
        match rest:
            case "03":
                self.set_mode(function + "03")
            case "02":
                if kind not in (GENERIC_FUNCTION, self.function):
                    return False  # antifreeze in cooling, protection in heating
                self.set_mode(function + "02")
            case "100":
                self.set_mode(f"{function}10{self.programme}")
            case "101" | "102" | "103":
                self.programme = int(rest[2])
                self.set_mode(f"{function}10{self.programme}")
            case "200":
                self.set_mode(f"{function}2{self.scenario:02d}")
            case "15":
                programme = _return_programme(params, self.programme)
                if programme is None:
                    return False
                self.programme = programme
                self.set_mode(function + "15", (f"{function}10{programme}",))
            case "000":
                programme = _return_programme(params, self.programme)
                if programme is None or not self.ending:
                    return False
                self.programme = programme
                self.set_mode(f"{function}10{programme}")
            case _ if len(rest) == 3 and rest[0] == "2" and 1 <= int(rest[1:]) <= 16:
                self.scenario = int(rest[1:])
                self.set_mode(f"{function}2{self.scenario:02d}")
            case _ if len(rest) == 4 and rest[0] == "3" and 1 <= int(rest[1:]) <= 255:
                programme = _return_programme(params, self.programme)
                if programme is None:
                    return False
                self.programme = programme
                # The unit counts today: 2 days are reported as 3.
                self.set_mode(f"{function}3{int(rest[1:]) + 1:03d}")
            case _:
                return False
        return True


def _return_programme(params: tuple[str, ...], default: int) -> int | None:
    """The programme a holiday or vacation returns to: ``#310p`` (or ``#p``)."""
    if not params:
        return default
    text = params[0]
    if not text.isdigit() or text[-1] not in "123":
        return None
    return int(text[-1])


class Thermoregulation(WhoHandler):
    """The central unit, its zones and the probes."""

    def __init__(
        self,
        context: BusContext,
        specs: tuple[ZoneSpec, ...],
        central_unit: CentralUnitSpec | None = None,
        probes: tuple[ProbeSpec, ...] = (),
    ) -> None:
        """Create each zone, probe and the central unit in its starting state."""
        super().__init__(context)
        self.zones = {spec.zone: Zone(spec) for spec in specs}
        self.central_unit = None if central_unit is None else CentralUnit(central_unit)
        self.probes = {spec.where: Probe(spec) for spec in probes}

    def zone_at(self, where: Where) -> Zone | None:
        """The zone a ``Z`` or ``#Z`` WHERE names."""
        text = where.address or (where.params[0] if len(where.params) == 1 else "")
        if not text.isdigit():
            return None
        return self.zones.get(int(text))

    # -- what people and the weather do --------------------------------------

    def set_temperature(self, zone: Zone, celsius: float) -> None:
        """The probe measured a new temperature: report it (and the valves)."""
        zone.temperature = celsius
        self.context.emit([zone.reply(TEMPERATURE), *zone.settle()])

    def set_humidity(self, zone: Zone, percent: int) -> None:
        """The probe measured a new humidity: report it."""
        zone.humidity = percent
        self.context.emit([zone.reply(HUMIDITY)])

    def turn_knob(self, zone: Zone, code: str) -> None:
        """Someone turned the zone's knob to ``code`` (``02``, ``4`` off...)."""
        if code not in KNOB_OFFSETS:
            raise ValueError(f"no knob position {code!r}")
        zone.local_offset = code
        self.context.emit(
            [zone.reply(LOCAL_OFFSET), zone.reply(OPERATING_SET_POINT), *zone.settle()]
        )

    def set_probe_temperature(self, probe: Probe, celsius: float) -> None:
        """A slave or external probe measured a new temperature: report it."""
        probe.temperature = celsius
        self.context.emit([probe.reading()])

    def set_central_unit_mode(self, what: str, params: tuple[str, ...] = ()) -> None:
        """Someone changed the mode at the central unit's own keypad."""
        unit = self._unit()
        unit.set_mode(what, params)
        self.context.emit([unit.mode_frame(), *self._follow_central_unit(unit)])

    def set_central_unit_health(
        self, *, battery_low: bool | None = None, failure: bool | None = None
    ) -> None:
        """The unit's battery or hardware fails (reported) or is fixed (not reported)."""
        unit = self._unit()
        frames: list[Frame] = []
        if battery_low is not None:
            unit.battery_low = battery_low
            if battery_low:
                frames.append(Command(WHO, "31", (), CENTRAL_UNIT))
        if failure is not None:
            unit.failure = failure
            if failure:
                frames.append(Command(WHO, "30", (), CENTRAL_UNIT))
        self.context.emit(frames)

    def _unit(self) -> CentralUnit:
        if self.central_unit is None:
            raise LookupError("the installation has no central unit")
        return self.central_unit

    def _follow_central_unit(self, unit: CentralUnit) -> list[Frame]:
        """Every zone takes the unit's mode; the frames of what changed."""
        frames: list[Frame] = []
        mode = unit.zone_mode
        manual = unit.what[1:] in ("10", "12") and unit.params
        for zone in self.zones.values():
            if manual:
                zone.set_point = parse_temperature(unit.params[0])
                frames.append(zone.reply(SET_POINT))
            if zone.mode != mode:
                zone.mode = mode
                frames.append(Command(WHO, mode, (), zone.where))
            frames += zone.settle()
        return frames

    # -- requests ------------------------------------------------------------

    @override
    def command(self, frame: Command) -> Outcome:
        if frame.where == CENTRAL_UNIT:
            unit = self._unit()
            if frame.what in ("0", "1"):
                season = COOLING if frame.what == "0" else HEATING
                unit.set_mode(season + unit.what[1:], unit.params)
                return Outcome(events=[frame, unit.mode_frame()])
            if not unit.command(frame.what, frame.what_params):
                return REFUSED
            return Outcome(events=[unit.mode_frame(), *self._follow_central_unit(unit)])
        zone = None if frame.where is None else self.zone_at(frame.where)
        if zone is None:
            return REFUSED
        if frame.what == RELEASE_KNOB:
            zone.local_offset = "00"
            return Outcome(events=[zone.reply(LOCAL_OFFSET), *zone.settle()])
        if frame.what not in MODES:
            return REFUSED
        zone.mode = frame.what
        return Outcome(events=[frame, *zone.settle()])

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        if frame.where == SWEEP:
            return Outcome(replies=list(self._sweep()))
        if frame.where == CENTRAL_UNIT:
            unit = self._unit()
            return Outcome(replies=unit.status_frames(list(self.zones.values())))
        zone = self.zone_at(frame.where)
        if zone is None:
            return REFUSED
        return Outcome(replies=zone.status_frames())

    def _sweep(self) -> Iterator[Frame]:
        unit = self.central_unit
        if unit is not None:
            yield unit.mode_frame()
            yield Command(WHO, "21" if unit.remote_control else "20", (), CENTRAL_UNIT)
        for zone in self.zones.values():
            yield from zone.status_frames()
            yield from zone.actuator_frames()
        for probe in self.probes.values():
            yield probe.reading()

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        if frame.where == CENTRAL_UNIT:
            return self._end_request(frame)
        probe = self.probes.get(frame.where.format())
        if probe is not None:
            reading = probe.reading()
            if reading.dimension != frame.dimension:
                return REFUSED
            return Outcome(replies=[reading])
        zone = self.zone_at(frame.where)
        if frame.dimension_params or zone is None:
            return REFUSED
        if frame.where.params and frame.where.address:  # actuator Z#N
            number = int(frame.where.params[0])
            frames: list[Frame] = [
                reply
                for reply in zone.actuator_frames()
                if number in (0, int(reply.where.params[0]))
            ]
            return Outcome(replies=frames) if frames else REFUSED
        reply = zone.dimension(frame.dimension)
        if reply is None:
            return REFUSED
        return Outcome(replies=[reply])

    def _end_request(self, frame: DimensionRequest) -> Outcome:
        unit = self._unit()
        values = {END_DATE: unit.end_date, END_TIME: unit.end_time}.get(frame.dimension)
        if not unit.ending or values is None:
            return REFUSED
        return Outcome(
            replies=[DimensionReply(WHO, CENTRAL_UNIT, frame.dimension, values)]
        )

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        if frame.where == CENTRAL_UNIT:
            return self._central_unit_write(frame)
        zone = self.zone_at(frame.where)
        if zone is None:
            return REFUSED
        match frame.dimension:
            case "14":
                zone.set_point = parse_temperature(frame.values[0])
                if len(frame.values) > 1:
                    zone.function = frame.values[1]
                return Outcome(
                    events=[
                        zone.reply(SET_POINT),
                        zone.reply(OPERATING_SET_POINT),
                        *zone.settle(),
                    ]
                )
            case "11" if zone.spec.fan_coil and frame.values[0] in FAN_SPEEDS:
                zone.fan_speed = frame.values[0]
                return Outcome(events=[zone.reply(FAN_COIL_SPEED), *zone.settle()])
        return REFUSED

    def _central_unit_write(self, frame: DimensionWrite) -> Outcome:
        unit = self._unit()
        values = frame.values
        match frame.dimension:
            case "14":
                temperature = format_temperature(parse_temperature(values[0]))
                unit.set_mode(unit.function + "10", (temperature,))
                return Outcome(
                    events=[unit.mode_frame(), *self._follow_central_unit(unit)]
                )
            case "30" if unit.ending and _valid_date(values):
                unit.end_date = values[:3]
            case "31" if unit.ending and _valid_time(values):
                unit.end_time = values[:2]
            case _:
                return REFUSED
        return Outcome(
            events=[DimensionReply(WHO, CENTRAL_UNIT, frame.dimension, values)]
        )


def _valid_date(values: tuple[str, ...]) -> bool:
    if len(values) != 3 or not all(value.isdigit() for value in values):
        return False
    day, month, _ = (int(value) for value in values)
    return 1 <= day <= 31 and 1 <= month <= 12


def _valid_time(values: tuple[str, ...]) -> bool:
    if len(values) != 2 or not all(value.isdigit() for value in values):
        return False
    return int(values[0]) <= 23 and int(values[1]) <= 59
