"""WHO 4 - thermoregulation zones and the central unit.

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
DIMENSION_PROBE_STATUS: Final = "12"
DIMENSION_LOCAL_OFFSET: Final = "13"
DIMENSION_SET_POINT: Final = "14"
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


def _learn(
    item: ThermoZone | ThermoCentralUnit, frame: Command | DimensionReply
) -> list[ItemEvent]:
    """Function and mode of a zone or of the central unit from a mode report."""
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
        self.local_offset: str | None = None
        self.humidity: int | None = None
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
                return changed(self, local_offset=first or None)
            case "60":
                return changed(self, humidity=int(first) if first else None)
        return []

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


class ThermoCentralUnit(Item):
    """The central unit (WHERE ``#0``): the installation-wide mode."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str = CENTRAL_UNIT) -> None:
        """Create the central unit; its mode is unknown until reported."""
        super().__init__(sender, where)
        self.function: ThermoFunction | None = None
        self.mode: ThermoMode | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        return _learn(self, frame)

    async def set_mode(self, mode: ThermoMode, function: ThermoFunction) -> None:
        """Switch the whole installation to mode (e.g. programme heating)."""
        await self._command(encode_mode(mode, function))


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

    ``#z`` (a zone through the central unit) is zone z; actuators ``z#a`` and
    probes ``pzz`` are parts of a zone, not items of their own.
    """
    if where.address and not where.params and len(where.address) <= 2:
        zone = int(where.address)
        return str(zone) if 1 <= zone <= 99 else None
    if not where.address and len(where.params) == 1 and where.params[0].isdigit():
        if where.params[0] == "0":
            return CENTRAL_UNIT
        zone = int(where.params[0])
        return str(zone) if 1 <= zone <= 99 else None
    return None
