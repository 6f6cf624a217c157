"""WHO 4 - the thermoregulation central unit: its operating mode and its health.

The central unit (WHERE ``#0``; a 4-zone unit ``#0#N``) runs the whole
plant in one operating mode, reported as ``*4*<what>[#<param>]*#0##``. The
mode codes (WHO 4 document, its command sections: the WHAT table of the PDF
is misaligned, ``docs/openwebnet-systems.md`` §5.3) have the function first
(1 heating, 2 conditioning, 3 generic in commands) and the mode after it:

==============  ======================  =================================
report          mode                    command (generic)
==============  ======================  =================================
103 / 203       off                     ``*4*303*#0##``
102             antifreeze              ``*4*102*#0##``
202             thermal protection      ``*4*202*#0##``
110#TTTT        manual at TTTT          ``*#4*#0*#14*TTTT*3##``
112#TTTT        manual, timed (4-zone)  (not sent)
1101-1103       weekly programme 1-3    ``*4*3101*#0##`` ...
1201-1216       scenario 1-16           ``*4*3201*#0##`` ...
115#1102        holiday, then prog. 2   ``*4*315#3102*#0##``
13ddd           vacation, ddd days      ``*4*33ddd#310p*#0##``
==============  ======================  =================================

A holiday runs until midnight, a vacation for its days, unless an end is
written: ``*#4*#0*#30*DD*MM*YYYY##`` and ``*#4*#0*#31*HH*MM##`` (BTicino's
touch screen, libqtdevices ``setHolidayDateTime``), read back with
``*#4*#0*30##`` / ``*#4*#0*31##``.

The unit also reports its health, without ever reporting that it is well:
``*4*31*#0##`` battery KO, ``*4*30*#0##`` failure, ``*4*22|23|24*#0##`` a
probe off, in protection, in manual, and ``*4*20|21*#0##`` remote control
disabled or enabled. Its status answer to ``*#4*#0##`` lists every one that
holds before the mode frame (WHO 4 document 1.7.2), so a status answer that
does not list one clears it (``conclude_status``).
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import ClassVar, Final, override

from ..frames import (
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)
from .base import FrameSender, Item, ItemEvent, changed
from .thermoregulation import (
    CENTRAL_UNIT,
    DIMENSION_SET_POINT,
    WHO,
    ThermoFunction,
    decode_temperature,
    encode_temperature,
)

DIMENSION_END_DATE: Final = "30"
DIMENSION_END_TIME: Final = "31"
GENERIC: Final = "3"
#: Weekly programmes and scenarios a 99-zone central unit has.
PROGRAMMES: Final = range(1, 4)
SCENARIOS: Final = range(1, 17)
#: Days a vacation may last (``33ddd``).
VACATION_DAYS: Final = range(1, 256)
_FUNCTIONS: Final = {"1": ThermoFunction.HEATING, "2": ThermoFunction.COOLING}
#: The bare function reports: ``*4*1*#0##`` heating, ``*4*0*#0##`` conditioning.
_SEASONS: Final = {"1": ThermoFunction.HEATING, "0": ThermoFunction.COOLING}


class CentralUnitMode(StrEnum):
    """The plant's operating mode, as the central unit reports it."""

    OFF = "off"
    ANTIFREEZE = "antifreeze"
    THERMAL_PROTECTION = "thermal_protection"
    MANUAL = "manual"
    MANUAL_TIMED = "manual_timed"
    WEEKLY = "weekly"
    SCENARIO = "scenario"
    HOLIDAY = "holiday"
    VACATION = "vacation"


#: The modes that end on a date (the end is read back and can be written).
ENDING_MODES: Final = frozenset({CentralUnitMode.HOLIDAY, CentralUnitMode.VACATION})


class CentralUnitFlag(StrEnum):
    """Conditions the unit reports while they hold, by their WHAT."""

    PROBE_OFF = "22"
    PROBE_PROTECTION = "23"
    PROBE_MANUAL = "24"
    FAILURE = "30"
    BATTERY_LOW = "31"


_FLAGS: Final = {flag.value: flag for flag in CentralUnitFlag}
_REMOTE_CONTROL: Final = {"20": False, "21": True}


@dataclass(frozen=True, slots=True)
class ModeReport:
    """One decoded mode WHAT: the mode, the function and the mode's value.

    ``number`` is the weekly programme, the scenario, the programme a
    holiday returns to, or a vacation's days; ``temperature`` the manual set
    point.
    """

    mode: CentralUnitMode
    function: ThermoFunction | None = None
    number: int | None = None
    temperature: float | None = None


def decode_central_unit_mode(what: str, params: tuple[str, ...]) -> ModeReport | None:
    """A central unit's mode WHAT (``1101``, ``110#0180``, ``13003``...), or None."""
    if len(what) < 3 or not what.isdigit() or what[0] not in "123":
        return None
    function = _FUNCTIONS.get(what[0])
    rest = what[1:]
    first_param = params[0] if params else ""
    match rest:
        case "03":
            return ModeReport(CentralUnitMode.OFF, function)
        case "02":
            protection = (
                CentralUnitMode.THERMAL_PROTECTION
                if function is ThermoFunction.COOLING
                else CentralUnitMode.ANTIFREEZE
            )
            return ModeReport(protection, function)
        case "10" | "12":
            mode = (
                CentralUnitMode.MANUAL if rest == "10" else CentralUnitMode.MANUAL_TIMED
            )
            return ModeReport(mode, function, None, decode_temperature(first_param))
        case "11":
            return ModeReport(CentralUnitMode.WEEKLY, function)
        case "15":
            # The PDF reports the return programme as ``#p``, BTicino's touch
            # screen expects ``#1102``: the last digit is the programme.
            programme = int(first_param[-1]) if first_param.isdigit() else None
            return ModeReport(CentralUnitMode.HOLIDAY, function, programme or None)
    kind, number = rest[:1], rest[1:]
    if not number.isdigit():
        return None
    match kind, len(number):
        case "1", 2:
            return ModeReport(CentralUnitMode.WEEKLY, function, int(number) or None)
        case "2", 2:
            return ModeReport(CentralUnitMode.SCENARIO, function, int(number) or None)
        case "3", 3:
            return ModeReport(CentralUnitMode.VACATION, function, int(number))
    return None


class ThermoCentralUnit(Item):
    """The central unit: operating mode, function, health, holiday end."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str = CENTRAL_UNIT) -> None:
        """Create the central unit; everything is unknown until reported."""
        super().__init__(sender, where)
        self.function: ThermoFunction | None = None
        self.mode: CentralUnitMode | None = None
        #: The weekly programme running, or the one a holiday or vacation returns to.
        self.programme: int | None = None
        self.scenario: int | None = None
        #: The set point of the manual mode (the last one reported).
        self.manual_temperature: float | None = None
        #: The days a vacation lasts, today included (as the unit counts).
        self.vacation_days: int | None = None
        self.end_date: date | None = None
        self.end_time: time | None = None
        self.remote_control: bool | None = None
        self.battery_low: bool | None = None
        self.failure: bool | None = None
        self.probe_off: bool | None = None
        self.probe_protection: bool | None = None
        self.probe_manual: bool | None = None
        self._end_asked = False

    @property
    def is_four_zone(self) -> bool:
        """A 4-zone central unit (WHERE ``#0#N``): no scenarios."""
        return len(self._where.params) > 1

    @property
    def holiday_end(self) -> datetime | None:
        """When the holiday or vacation ends, in the unit's local time (naive).

        Known once the unit told both the date and the time.
        """
        if self.mode not in ENDING_MODES or None in (self.end_date, self.end_time):
            return None
        assert self.end_date is not None
        assert self.end_time is not None
        return datetime.combine(self.end_date, self.end_time)

    @property
    def wants_holiday_end(self) -> bool:
        """In holiday or vacation, with an end not asked for since it began."""
        return self.mode in ENDING_MODES and not self._end_asked

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, DimensionReply):
            return self._dimension(frame)
        what = frame.what
        if what in _SEASONS:
            return changed(self, function=_SEASONS[what])
        if what in _REMOTE_CONTROL:
            return changed(self, remote_control=_REMOTE_CONTROL[what])
        if (flag := _FLAGS.get(what)) is not None:
            return changed(self, **{_flag_attribute(flag): True})
        report = decode_central_unit_mode(what, frame.what_params)
        if report is None:
            return []
        return self._mode_reported(report)

    def _mode_reported(self, report: ModeReport) -> list[ItemEvent]:
        values: dict[str, object] = {
            "mode": report.mode,
            "function": report.function or self.function,
        }
        if report.mode in ENDING_MODES and self.mode not in ENDING_MODES:
            # A new holiday or vacation: the end of an earlier one is stale.
            self._end_asked = False
            values |= {"end_date": None, "end_time": None}
        match report.mode:
            case CentralUnitMode.WEEKLY | CentralUnitMode.HOLIDAY if report.number:
                values["programme"] = report.number
            case CentralUnitMode.SCENARIO if report.number:
                values["scenario"] = report.number
            case CentralUnitMode.MANUAL | CentralUnitMode.MANUAL_TIMED:
                if report.temperature is not None:
                    values["manual_temperature"] = report.temperature
            case CentralUnitMode.VACATION:
                values["vacation_days"] = report.number
        return changed(self, **values)

    def _dimension(self, frame: DimensionReply) -> list[ItemEvent]:
        values = frame.values
        match frame.dimension:
            case "30" if len(values) >= 3:
                day, month, year = (int(value) for value in values[:3])
                return changed(self, end_date=date(year, month, day))
            case "31" if len(values) >= 2:
                hour, minute = (int(value) for value in values[:2])
                return changed(self, end_time=time(hour, minute))
        return []

    @override
    def conclude_status(self, answers: list[Frame]) -> list[ItemEvent]:
        """A complete status answer: the conditions it does not list are over.

        Only an answer that carried the mode frame is complete (a NACK, or
        an answer cut short, clears nothing).
        """
        listed: set[str] = set()
        complete = False
        for frame in answers:
            if not isinstance(frame, Command) or frame.where != self._where:
                continue
            listed.add(frame.what)
            complete = complete or (
                decode_central_unit_mode(frame.what, frame.what_params) is not None
            )
        if not complete:
            return []
        return changed(
            self,
            **{_flag_attribute(flag): flag.value in listed for flag in CentralUnitFlag},
        )

    @override
    def refresh_requests(self) -> list[Frame]:
        """The status, and the end of a holiday or vacation."""
        requests: list[Frame] = [StatusRequest(WHO, self._where)]
        if self.mode in ENDING_MODES:
            requests += self._end_requests()
        return requests

    @override
    async def follow_up(self) -> None:
        """After the sweeps: the status (they do not clear conditions), the end if due.

        A unit that refuses either is left as it is (the sweep told the rest).
        """
        await self._sender.send(StatusRequest(WHO, self._where))
        if self.wants_holiday_end:
            for request in self._end_requests():
                await self._sender.send(request)

    def _end_requests(self) -> list[Frame]:
        self._end_asked = True
        return [
            DimensionRequest(WHO, self._where, DIMENSION_END_DATE),
            DimensionRequest(WHO, self._where, DIMENSION_END_TIME),
        ]

    async def read_holiday_end(self) -> None:
        """Ask the unit when its holiday or vacation ends."""
        for request in self._end_requests():
            await self._request(request)

    # ------------------------------------------------------------ commands

    async def turn_off(self) -> None:
        """Switch the whole plant off: ``*4*303*#0##``."""
        await self._command(GENERIC + "03")

    async def set_antifreeze(self) -> None:
        """Antifreeze protection (heating): ``*4*102*#0##``."""
        await self._command("102")

    async def set_thermal_protection(self) -> None:
        """Thermal protection (conditioning): ``*4*202*#0##``."""
        await self._command("202")

    async def set_manual(self, celsius: float) -> None:
        """Every zone at one set point: ``*#4*#0*#14*TTTT*3##``."""
        await self._request(
            DimensionWrite(
                WHO,
                self._where,
                DIMENSION_SET_POINT,
                (),
                (encode_temperature(celsius), GENERIC),
            )
        )

    async def set_weekly_programme(self, programme: int) -> None:
        """Run weekly programme 1-3: ``*4*310p*#0##``."""
        _check(programme, PROGRAMMES, "weekly programme")
        await self._command(f"310{programme}")

    async def set_scenario(self, scenario: int) -> None:
        """Run scenario 1-16 (99-zone units): ``*4*32ss*#0##``."""
        _check(scenario, SCENARIOS, "scenario")
        await self._command(f"32{scenario:02d}")

    async def set_holiday(self, programme: int) -> None:
        """A holiday until midnight, then weekly programme p: ``*4*315#310p*#0##``."""
        _check(programme, PROGRAMMES, "weekly programme")
        await self._command("315", f"310{programme}")

    async def set_vacation(self, days: int, programme: int) -> None:
        """A vacation of days, then programme p: ``*4*33ddd#310p*#0##``."""
        _check(days, VACATION_DAYS, "vacation days")
        _check(programme, PROGRAMMES, "weekly programme")
        await self._command(f"33{days:03d}", f"310{programme}")

    async def set_holiday_end(self, moment: datetime) -> None:
        """End the running holiday or vacation at moment (the unit's local time).

        ``*#4*#0*#30*DD*MM*YYYY##`` then ``*#4*#0*#31*HH*MM##``; the unit's
        answer is read back, so the end shown is the one it keeps.
        """
        await self._request(
            DimensionWrite(
                WHO,
                self._where,
                DIMENSION_END_DATE,
                (),
                (f"{moment.day:02d}", f"{moment.month:02d}", f"{moment.year:04d}"),
            )
        )
        await self._request(
            DimensionWrite(
                WHO,
                self._where,
                DIMENSION_END_TIME,
                (),
                (f"{moment.hour:02d}", f"{moment.minute:02d}"),
            )
        )
        await self.read_holiday_end()


def _flag_attribute(flag: CentralUnitFlag) -> str:
    return flag.name.lower()


def _check(value: int, allowed: range, what: str) -> None:
    if value not in allowed:
        raise ValueError(
            f"{what} must be {allowed.start}-{allowed.stop - 1}, not {value}"
        )
