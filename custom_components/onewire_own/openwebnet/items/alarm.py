"""WHO 5 - the burglar alarm: the central unit's state and its zones.

The central unit reports on the bus; it does not take orders from an
OpenWebNet client (the WHO 5 document has no such command, and BTicino
support says current firmware rejects them, see
``docs/openwebnet-systems.md`` §2.5). What the installer can do is program
the unit to act on an auxiliary channel (WHO 9): ``*9*1*4##`` arms, say.
``AlarmSystem.configure_arming`` tells the item which channel and value do
what; without it the item has no arm or disarm command.

Frames (WHO_5.pdf, BTicino's touch-screen code, captures of F454, MH202 and
H4890 gateways):

* the system: ``*5*<what>*<where>##`` where the WHERE is ``0`` (MH202,
  H4890), empty (F454: ``*5*1*##``), empty with an empty field after it (the
  document's ``*5*8**##``) or missing (``*5*8##``); all of them are the one
  ``AlarmSystem`` item, at WHERE ``0``. WHAT 8 engaged (armed), 9 disengaged,
  1/2/0 active/deactivated/maintenance (not armed states: a disarm reports
  2, 1, 9), 4/5/10 battery fault/ok/unloaded, 6/7 no mains/mains, 3 end of
  the entry/exit delay;
* a zone or auxiliary input: ``*5*<what>*#<n>##`` - one ``AlarmZone`` per
  ``#n`` (0-15: zones 1-8, zone 0 the inputs and sirens, 12 and 15 the
  special zones C and F, the same numbers naming auxiliaries 1-9 for
  technical and silent alarms). WHAT 11 engaged, 18 not engaged
  (partialised), 15 intrusion, 16 tamper (24 h), 17 panic, 12 technical
  (13 its reset), 31 silent.

No frame says that an alarm is over. The unit's own next state does:
engaging (8), disengaging (9) and the end of a delay (3) clear every alarm
(openHAB clears at 3, MyHOME at 8/9), and the answer to a status request
starts with the system's 8 or 9 and then lists the alarms still active, so
a status answer leaves exactly those on. A zone alarm also triggers the
system; a system frame also reaches every zone (``alarm_links``).

A disengaged unit still lists the intrusion that last set it off (an F453AV
answers ``*5*9*##`` … ``*5*15*#2##``): detectors raise intrusions only while
the system is engaged, so an intrusion reported while it is disengaged is
the unit's *alarm memory* (``intrusion_memory``), not an alarm going on; the
next engagement clears it.

The status request ``*#5*0##`` ("central unit direct answer, used on process
start to align with the burglar alarm system status") answers all of it; a
gateway that refuses it may answer ``*#5##`` (the web server's own copy).
The grammar reads ``*#5##`` as the digits-only shape of the authentication
values, ``AuthValue("5")``; it is sent as such.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final, override

from ..errors import AlarmNotControllableError
from ..frames import (
    AuthValue,
    BusyNack,
    Command,
    DimensionReply,
    Frame,
    Nack,
    StatusRequest,
)
from ..where import Where
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 5
WHO_AUX: Final = 9
SYSTEM_WHERE: Final = "0"
#: ``*#5*0##``: the central unit's full state (system, zones, alarms).
SYSTEM_STATUS: Final = StatusRequest(WHO, Where(SYSTEM_WHERE))
#: ``*#5##``: the same from the gateway's web server, for gateways refusing the first.
WEB_SERVER_STATUS: Final = AuthValue(str(WHO))
MAX_ZONE: Final = 15
#: Zones with sensors that can be engaged and can detect an intrusion.
SENSOR_ZONES: Final = range(1, 9)

ENGAGED: Final = "8"
DISENGAGED: Final = "9"
DELAY_END: Final = "3"
ZONE_ENGAGED: Final = "11"
ZONE_NOT_ENGAGED: Final = "18"
TECHNICAL_RESET: Final = "13"
#: System frames after which no alarm is active any more.
RESETS: Final = frozenset({ENGAGED, DISENGAGED, DELAY_END})


class SystemState(StrEnum):
    """What the central unit says about itself (WHAT 1, 2, 0): not armed or not."""

    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    MAINTENANCE = "maintenance"


class BatteryState(StrEnum):
    """The central unit's battery (WHAT 5, 4, 10)."""

    OK = "ok"
    FAULT = "fault"
    UNLOADED = "unloaded"


class AlarmKind(StrEnum):
    """What an alarm of a zone or an auxiliary input is."""

    INTRUSION = "intrusion"
    TAMPER = "tamper"
    PANIC = "panic"
    TECHNICAL = "technical"
    SILENT = "silent"


_SYSTEM_STATES: Final = {
    "1": SystemState.ACTIVE,
    "2": SystemState.DEACTIVATED,
    "0": SystemState.MAINTENANCE,
}
_BATTERY: Final = {
    "5": BatteryState.OK,
    "4": BatteryState.FAULT,
    "10": BatteryState.UNLOADED,
}
_MAINS: Final = {"7": True, "6": False}
ALARMS: Final = {
    "15": AlarmKind.INTRUSION,
    "16": AlarmKind.TAMPER,
    "17": AlarmKind.PANIC,
    "12": AlarmKind.TECHNICAL,
    "31": AlarmKind.SILENT,
}


@dataclass(frozen=True, slots=True)
class AuxCommand:
    """An auxiliary-channel command the central unit is programmed to act on."""

    channel: int
    on: bool

    def frame(self) -> Command:
        """``*9*<1|0>*<channel>##``."""
        return Command(WHO_AUX, "1" if self.on else "0", (), Where(str(self.channel)))

    @override
    def __str__(self) -> str:
        return self.frame().build()


@dataclass(frozen=True, slots=True)
class AlarmArming:
    """Which auxiliary commands arm and disarm the alarm (None: not programmed)."""

    arm_away: AuxCommand | None = None
    arm_home: AuxCommand | None = None
    disarm: AuxCommand | None = None


def zone_number(where: Where | None) -> int | None:
    """The zone or auxiliary of ``#n`` (0-15), or None for any other WHERE."""
    if where is None or where.address or len(where.params) != 1:
        return None
    text = where.params[0]
    if not text.isdigit() or len(text) > 2:
        return None
    number = int(text)
    return number if number <= MAX_ZONE else None


def is_system_where(where: Where | None) -> bool:
    """The central unit: no WHERE, an empty one, or ``0``."""
    return where is None or (not where.params and where.address in ("", "0"))


def alarm_address(where: Where | None) -> tuple[type[Item], str] | None:
    """The WHO 5 item a frame about ``where`` belongs to."""
    if is_system_where(where):
        return AlarmSystem, SYSTEM_WHERE
    number = zone_number(where)
    if number is None:
        return None  # a sensor (``31``) or the control panel (``1``)
    return AlarmZone, f"#{number}"


def alarm_links(frame: Command) -> tuple[tuple[type[Item], str | None], ...]:
    """The items other than its own a WHO 5 frame concerns.

    A zone's alarm triggers the system (created if the bus had not named it
    yet); a system frame that ends alarms reaches every known zone. ``None``
    as the WHERE stands for every item of the class.
    """
    if (frame.what in ALARMS or frame.what == TECHNICAL_RESET) and zone_number(
        frame.where
    ) is not None:
        return ((AlarmSystem, SYSTEM_WHERE),)
    if frame.what in RESETS and is_system_where(frame.where):
        return ((AlarmZone, None),)
    return ()


class AlarmSystem(Item):
    """The central unit: armed, its own state, battery, mains, active alarms."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str = SYSTEM_WHERE) -> None:
        """Create the system; everything is unknown until reported."""
        super().__init__(sender, where)
        #: Engaged (8) or disengaged (9); None before the first report.
        self.armed: bool | None = None
        self.state: SystemState | None = None
        self.battery: BatteryState | None = None
        #: Mains present (7) or missing (6).
        self.mains: bool | None = None
        #: The alarms going on now: (kind, zone or auxiliary WHERE).
        self.alarms: frozenset[tuple[AlarmKind, str]] = frozenset()
        #: Zones whose intrusion the unit still reports while disengaged.
        self.intrusion_memory: frozenset[str] = frozenset()
        self.arming = AlarmArming()

    @property
    def triggered(self) -> bool:
        """Whether any alarm is going on."""
        return bool(self.alarms)

    def configure_arming(self, arming: AlarmArming) -> None:
        """The auxiliary commands the central unit is programmed to act on."""
        self.arming = arming

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command):
            return []
        what = frame.what
        if (kind := ALARMS.get(what)) is not None:
            number = zone_number(frame.where)
            if number is None:
                return []
            zone = f"#{number}"
            if kind is AlarmKind.INTRUSION and self.armed is False:
                return changed(self, intrusion_memory=self.intrusion_memory | {zone})
            return changed(self, alarms=self.alarms | {(kind, zone)})
        if what == TECHNICAL_RESET:
            zone = "" if frame.where is None else frame.where.format()
            return changed(self, alarms=self.alarms - {(AlarmKind.TECHNICAL, zone)})
        if not is_system_where(frame.where):
            return []
        if what == ENGAGED:
            return changed(
                self, armed=True, alarms=frozenset(), intrusion_memory=frozenset()
            )
        if what in RESETS:
            armed = False if what == DISENGAGED else self.armed
            return changed(self, armed=armed, alarms=frozenset())
        if (state := _SYSTEM_STATES.get(what)) is not None:
            return changed(self, state=state)
        if (battery := _BATTERY.get(what)) is not None:
            return changed(self, battery=battery)
        if (mains := _MAINS.get(what)) is not None:
            return changed(self, mains=mains)
        return []

    @override
    def refresh_requests(self) -> list[Frame]:
        return [SYSTEM_STATUS]

    @override
    async def refresh(self) -> None:
        """Ask for the whole alarm's state; the web server's copy if refused."""
        for request in (SYSTEM_STATUS, WEB_SERVER_STATUS):
            answers = await self._sender.send(request)
            if answers and not is_refusal(answers[-1]):
                return

    async def arm_away(self) -> None:
        """Send the auxiliary command programmed to arm every zone."""
        await self._aux(self.arming.arm_away, "arm_away")

    async def arm_home(self) -> None:
        """Send the auxiliary command programmed to arm some of the zones."""
        await self._aux(self.arming.arm_home, "arm_home")

    async def disarm(self) -> None:
        """Send the auxiliary command programmed to disarm."""
        await self._aux(self.arming.disarm, "disarm")

    async def _aux(self, command: AuxCommand | None, action: str) -> None:
        if command is None:
            raise AlarmNotControllableError(
                f"no auxiliary command is set to {action} {self}", action=action
            )
        await self._request(command.frame())


class AlarmZone(Item):
    """A zone (``#1``-``#8``), a special zone or an auxiliary input (``#n``)."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a zone; unknown until the bus or a status answer tells."""
        super().__init__(sender, where)
        self.number = int(where.removeprefix("#"))
        #: Engaged (11) or left out of the armed zones (18).
        self.engaged: bool | None = None
        #: Each alarm kind: on, off, or never reported (None).
        self.alarms: dict[AlarmKind, bool | None] = dict.fromkeys(AlarmKind)
        #: The unit reports this zone's last intrusion while disengaged.
        self.intrusion_memory = False
        self._items: Mapping[tuple[int, str], Item] = {}

    @override
    def join(self, items: Mapping[tuple[int, str], Item]) -> None:
        self._items = items  # to read whether the system is armed

    @property
    def has_sensors(self) -> bool:
        """Zones 1-8 hold detectors: they are engaged and report intrusions."""
        return self.number in SENSOR_ZONES

    def alarm(self, kind: AlarmKind) -> bool | None:
        """Whether an alarm of this kind is on (None: never reported)."""
        return self.alarms[kind]

    def _system_disengaged(self) -> bool:
        system = self._items.get((WHO, SYSTEM_WHERE))
        return isinstance(system, AlarmSystem) and system.armed is False

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command):
            return []
        what = frame.what
        if is_system_where(frame.where):
            if what not in RESETS:
                return []
            quiet = {kind: False for kind, on in self.alarms.items() if on is not None}
            events = self._alarms_now(quiet | self._known_quiet())
            if what == ENGAGED:
                events = changed(self, intrusion_memory=False) or events
            return events
        if what in (ZONE_ENGAGED, ZONE_NOT_ENGAGED):
            events = changed(self, engaged=what == ZONE_ENGAGED)
            quiet = {
                kind: False for kind in self._known_quiet() if self.alarms[kind] is None
            }
            return self._alarms_now(quiet) or events
        if (kind := ALARMS.get(what)) is not None:
            if kind is AlarmKind.INTRUSION and self._system_disengaged():
                events = self._alarms_now(
                    {k: False for k in self._known_quiet() if self.alarms[k] is None}
                )
                return changed(self, intrusion_memory=True) or events
            return self._alarms_now({kind: True})
        if what == TECHNICAL_RESET:
            return self._alarms_now({AlarmKind.TECHNICAL: False})
        return []

    def _known_quiet(self) -> dict[AlarmKind, bool]:
        """Alarms a zone with sensors always has: known off once the zone is heard."""
        if not self.has_sensors:
            return {AlarmKind.TAMPER: False}
        return {AlarmKind.INTRUSION: False, AlarmKind.TAMPER: False}

    def _alarms_now(self, updates: dict[AlarmKind, bool]) -> list[ItemEvent]:
        alarms = self.alarms | updates
        return [] if alarms == self.alarms else changed(self, alarms=alarms)

    @override
    def refresh_requests(self) -> list[Frame]:
        """``*#5*#n##`` answers whether the zone is engaged (zones 1-8)."""
        return [StatusRequest(WHO, self._where)] if self.has_sensors else []


def is_refusal(frame: Frame) -> bool:
    """NACK or busy NACK."""
    return isinstance(frame, Nack | BusyNack)
