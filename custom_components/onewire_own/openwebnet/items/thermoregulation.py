"""WHO 4 - thermoregulation zones (the central unit and probes have their own modules).

Temperatures travel as ``TTTT``: a sign digit (0 +, 1 -) then tenths of a
degree (``0215`` = 21.5 °C, ``1048`` = -4.8 °C).

A zone's *function* (heating or cooling) comes from the first digit of its
mode WHAT (``110``: heating, manual) and from the bare function report
``*4*1*Z##`` (heating) / ``*4*0*Z##`` (cooling) that zones send on their
own: on F455 and F454 plants (MyHOME traces ``issue_674``, ``issue_429``)
that report is the only sign of the function a zone ever gives. A generic
(``3xx``) mode report does not erase a function already learned: generic
means "either", and the zone keeps heating or cooling.
"""

from enum import StrEnum
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionWrite
from ..where import Where
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 4
CENTRAL_UNIT: Final = "#0"
DIMENSION_TEMPERATURE: Final = "0"
DIMENSION_FAN_COIL_SPEED: Final = "11"
DIMENSION_PROBE_STATUS: Final = "12"
DIMENSION_LOCAL_OFFSET: Final = "13"
DIMENSION_SET_POINT: Final = "14"
DIMENSION_VALVES: Final = "19"
DIMENSION_ACTUATOR: Final = "20"
DIMENSION_HUMIDITY: Final = "60"


class ThermoFunction(StrEnum):
    """What a zone is doing to the air (first digit of the mode WHAT)."""

    HEATING = "heating"
    COOLING = "cooling"
    GENERIC = "generic"


class ThermoMode(StrEnum):
    """Operating mode (last two digits of the mode WHAT)."""

    OFF = "off"
    PROTECTION = "protection"
    MANUAL = "manual"
    PROGRAMME = "programme"


_FUNCTIONS: Final = {
    "1": ThermoFunction.HEATING,
    "2": ThermoFunction.COOLING,
    "3": ThermoFunction.GENERIC,
}
_FUNCTION_CODES: Final = {function: code for code, function in _FUNCTIONS.items()}
#: The bare function reports (WHAT 0 and 1, no mode).
_SEASONS: Final = {"0": ThermoFunction.COOLING, "1": ThermoFunction.HEATING}
_MODES: Final = {
    "03": ThermoMode.OFF,
    "02": ThermoMode.PROTECTION,
    "10": ThermoMode.MANUAL,
    "11": ThermoMode.PROGRAMME,
}
_MODE_CODES: Final = {mode: code for code, mode in _MODES.items()}


class LocalOffset(StrEnum):
    """The zone's knob (dimension 13), by its wire code: an offset, off or protection.

    ``00`` is the knob at 0, ``01``-``03`` +1 to +3 °C, ``11``-``13`` -1 to
    -3 °C, ``4`` the zone switched off and ``5`` put in protection at the
    probe (WHO 4 document; an MH200N reports every position, MyHOME
    ``issue_466``).
    """

    MINUS_3 = "13"
    MINUS_2 = "12"
    MINUS_1 = "11"
    ZERO = "00"
    PLUS_1 = "01"
    PLUS_2 = "02"
    PLUS_3 = "03"
    OFF = "4"
    PROTECTION = "5"


class FanCoilSpeed(StrEnum):
    """A fan coil's speed (dimension 11): automatic, 1-3, or off (``15``)."""

    AUTO = "0"
    LOW = "1"
    MEDIUM = "2"
    HIGH = "3"
    OFF = "15"


class ZoneDemand(StrEnum):
    """What a zone's valves and actuators are doing now."""

    HEATING = "heating"
    COOLING = "cooling"
    IDLE = "idle"


#: Valve (dimension 19) and actuator (dimension 20) states that move heat:
#: ON, opened, fan coil at speed 1-3; an actuator also reports 9 (fan coil
#: on). The WHO 4 document's table; 0 OFF, 3 closed, 4 stop, 5 fan coil off
#: and openwebnet4j's 14-16 (off at speed 1-3) are idle.
ACTIVE_VALVE_STATES: Final = frozenset({1, 2, 6, 7, 8})
ACTIVE_ACTUATOR_STATES: Final = frozenset({1, 2, 6, 7, 8, 9})


def decode_temperature(text: str) -> float | None:
    """``TTTT`` to degrees Celsius; None when empty or not four digits."""
    if len(text) != 4 or not text.isdigit():
        return None
    tenths = int(text[1:])
    return -tenths / 10 if text[0] == "1" else tenths / 10


def encode_temperature(celsius: float) -> str:
    """Degrees Celsius to ``TTTT``."""
    tenths = round(abs(celsius) * 10)
    return f"{'1' if celsius < 0 else '0'}{tenths:03d}"


def encode_mode(mode: ThermoMode, function: ThermoFunction) -> str:
    """A mode WHAT (``110``: heating, manual) from function and mode."""
    return _FUNCTION_CODES[function] + _MODE_CODES[mode]


def decode_mode(what: str) -> tuple[ThermoFunction | None, ThermoMode | None]:
    """A mode WHAT (``110``, ``203``…) as function and mode; None when unknown.

    The bare function reports ``1`` (heating) and ``0`` (cooling) give a
    function and no mode.
    """
    if what in _SEASONS:
        return _SEASONS[what], None
    if len(what) != 3:
        return None, None
    return _FUNCTIONS.get(what[0]), _MODES.get(what[1:])


def _learn(item: ThermoZone, frame: Command | DimensionReply) -> list[ItemEvent]:
    """Function and mode of a zone from a mode report."""
    if not isinstance(frame, Command):
        return []
    function, mode = decode_mode(frame.what)
    if function is None and mode is None:
        return []
    if function in (None, ThermoFunction.GENERIC) and item.function is not None:
        # Generic says nothing about heating or cooling: keep what is known.
        function = item.function
    return changed(item, function=function, mode=mode or item.mode)


class ThermoZone(Item):
    """A zone (WHERE 1-99): temperature, set point, mode, function, humidity.

    Writes go where real clients send them on that installation. The WHO 4
    document defines the manual set point and the zone modes only through a
    central unit, ``*#4*#Z*#14*TTTT*F##`` and ``*4*<mode>*#Z##``; zones
    without one (standalone thermostats) are written at their own address,
    ``*#4*Z*#14*TTTT*F##`` (openHAB's ``standAlone`` zones, and Home
    Assistant's MyHOME integration on an F454 plant whose zone then held the
    new set point: MyHOME ``issue_429/xtimmy86x_ha_setpoint_2026-09-24.txt``).
    So ``has_central_unit`` starts False and becomes True for every zone
    once a frame of a central unit is heard on the bus (WHERE ``#0`` or
    ``#Z``, as MH200N and F454 central units report: MyHOME ``issue_466``
    and ``issue_629``); from then on writes go through it. F, the last value
    of a set-point write, is the zone's function (1 heating, 2 cooling, 3
    when unknown), as real clients send it; reports always end ``*3``.
    """

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a zone whose values are unknown until reported."""
        super().__init__(sender, where)
        self.temperature: float | None = None
        self.set_point: float | None = None
        #: The set point in force, local offset and mode included (dimension 12).
        self.operating_set_point: float | None = None
        #: The knob on the zone's probe (an offset, off, protection).
        self.local_offset: LocalOffset | None = None
        self.humidity: int | None = None
        #: Valve states (dimension 19): conditioning and heating.
        self.cooling_valve: int | None = None
        self.heating_valve: int | None = None
        #: Actuator states (dimension 20) by actuator number (``Z#N``).
        self.actuators: dict[int, int] = {}
        #: The fan coil's speed, for zones that report one (dimension 11).
        self.fan_coil_speed: FanCoilSpeed | None = None
        self.function: ThermoFunction | None = None
        self.mode: ThermoMode | None = None
        #: A central unit runs the plant: writes go through it (``#Z``).
        self.has_central_unit = False

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            return _learn(self, frame)
        first = frame.values[0] if frame.values else ""
        match frame.dimension:
            case "0":
                return changed(self, temperature=decode_temperature(first))
            case "12":
                return changed(self, operating_set_point=decode_temperature(first))
            case "14":
                return changed(self, set_point=decode_temperature(first))
            case "13":
                return changed(self, local_offset=_local_offset(first))
            case "60":
                return changed(self, humidity=int(first) if first else None)
            case "11":
                return changed(self, fan_coil_speed=FanCoilSpeed(first))
            case "19" if len(frame.values) >= 2:
                return changed(
                    self,
                    cooling_valve=int(frame.values[0]),
                    heating_valve=int(frame.values[1]),
                )
            case "20" if first:
                return self._actuator_reported(frame.where, int(first))
        return []

    def _actuator_reported(self, where: Where, state: int) -> list[ItemEvent]:
        """``*#4*Z#N*20*V##``: actuator N (0: all of them) is in state V."""
        number = int(where.params[0]) if where.params else 0
        if number == 0:
            updated = dict.fromkeys(self.actuators or (0,), state)
        else:
            updated = {n: v for n, v in self.actuators.items() if n != 0}
            updated[number] = state
        return changed(self, actuators=updated)

    @property
    def demand(self) -> ZoneDemand | None:
        """Heating, cooling or idle, from the valves and actuators; None if unreported.

        A heating valve that moves heat means heating, a conditioning valve
        cooling; an active actuator (which does not say which) means what
        the zone's function is, heating unless it is known to cool.
        """
        valves = (self.cooling_valve, self.heating_valve)
        if valves == (None, None) and not self.actuators:
            return None
        heating = self.heating_valve in ACTIVE_VALVE_STATES
        cooling = self.cooling_valve in ACTIVE_VALVE_STATES
        if not (heating or cooling) and any(
            state in ACTIVE_ACTUATOR_STATES for state in self.actuators.values()
        ):
            cooling = self.function is ThermoFunction.COOLING
            heating = not cooling
        if heating and cooling:
            return (
                ZoneDemand.COOLING
                if self.function is ThermoFunction.COOLING
                else ZoneDemand.HEATING
            )
        if heating:
            return ZoneDemand.HEATING
        return ZoneDemand.COOLING if cooling else ZoneDemand.IDLE

    async def set_fan_coil_speed(self, speed: FanCoilSpeed) -> None:
        """Set the fan coil's speed: ``*#4*Z*#11*S##``, always at the zone itself.

        BTicino's own touch screen writes the speed to the plain zone WHERE
        even when a central unit runs the plant (libqtdevices).
        """
        await self._request(
            DimensionWrite(WHO, self._where, DIMENSION_FAN_COIL_SPEED, (), (speed,))
        )

    @property
    def write_where(self) -> Where:
        """Where this zone's set point and mode are written: ``#Z`` or ``Z``."""
        return Where("", (self.where,)) if self.has_central_unit else self._where

    async def set_set_point(
        self, celsius: float, function: ThermoFunction | None = None
    ) -> None:
        """Set the zone's set point, for function (by default the zone's own).

        ``*#4*#Z*#14*TTTT*F##`` through a central unit, else
        ``*#4*Z*#14*TTTT*F##``; F is 3 (generic) while the function is unknown.
        """
        function = function or self.function or ThermoFunction.GENERIC
        await self._request(
            DimensionWrite(
                WHO,
                self.write_where,
                DIMENSION_SET_POINT,
                (),
                (encode_temperature(celsius), _FUNCTION_CODES[function]),
            )
        )

    async def set_mode(self, mode: ThermoMode, function: ThermoFunction) -> None:
        """Switch this zone's mode: ``*4*<what>*#Z##`` (central unit) or ``*4*<what>*Z##``."""
        await self._request(
            Command(WHO, encode_mode(mode, function), (), self.write_where)
        )


def _local_offset(text: str) -> LocalOffset | None:
    try:
        return LocalOffset(text)
    except ValueError:
        return None


def through_central_unit(where: Where | None) -> bool:
    """Whether a WHO 4 WHERE names the central unit or a zone through it.

    ``#0`` (99-zone central unit), ``#0#N`` (4-zone central unit) and ``#Z``
    (zone Z as the central unit holds it): hearing one proves a central unit.
    """
    return (
        where is not None
        and not where.address
        and bool(where.params)
        and where.params[0].isdigit()
    )


def zone_where(where: Where) -> str | None:
    """The item WHERE a WHO 4 frame is about: a zone, the central unit, or None.

    ``#z`` (a zone through the central unit) and actuator ``z#n`` (its
    actuator n, ``z#0`` all of them) are zone z; ``#0`` is the 99-zone
    central unit and ``#0#n`` a 4-zone one (which keeps its WHERE, as its
    commands need it). Probes ``pzz`` are items of their own (``probe_where``).
    """
    address, params = where.address, where.params
    if address.isdigit() and len(address) <= 2:
        if params and not (len(params) == 1 and params[0].isdigit()):
            return None
        zone = int(address)
        return str(zone) if 1 <= zone <= 99 else None
    if address or not params or not all(param.isdigit() for param in params):
        return None
    if params[0] == "0":
        return where.format() if len(params) <= 2 else None
    if len(params) != 1:
        return None
    zone = int(params[0])
    return str(zone) if 1 <= zone <= 99 else None
