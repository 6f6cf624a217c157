"""WHO 5 burglar alarm: a central unit with zones, as gateways report it.

The central unit takes no command from a client; people arm and disarm it at
its keypad (``GatewaySimulator.arm_alarm``/``disarm_alarm``), and the
installer may program it to act on auxiliary commands (WHO 9,
``AlarmAutomationSpec``), which is how a client arms it. Frames
(``docs/openwebnet-systems.md`` §2 and §13):

* arming ``*5*1*W##`` ``*5*8*W##`` and disarming ``*5*2*W##`` ``*5*1*W##``
  ``*5*9*W##`` (MH202 captures); W is the system's WHERE in the style the
  installation picks (``0``, empty, or empty plus an empty field);
* zone alarms ``*5*15*#n##`` intrusion, ``*5*16*#n##`` tamper, ``*5*17*#n##``
  panic, ``*5*12*#x##`` technical (``*5*13*#x##`` its reset), ``*5*31*#x##``
  silent; ``*5*3*W##`` ends a delay;
* the status request ``*#5*0##`` (and ``*#5##``) answers the system state,
  armed or not, battery, mains, every zone's ``*5*11*#n##``/``*5*18*#n##``,
  then the alarms going on; a disengaged unit also lists the intrusions it
  remembers (an F453AV does: ``*5*9*##`` … ``*5*15*#2##``); ``*#5*#n##``
  answers zone n.

A gateway that does not forward alarm frames (MyHOMEServer1, per openHAB's
README; ``GatewayProfile.forwards_alarm``) reports none of them and refuses
the status requests.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
import functools
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import (
    AlarmAction,
    AlarmAutomationSpec,
    AlarmSpec,
    AlarmWhereStyle,
    BatteryLevel,
)

WHO: Final = 5
SYSTEM: Final = Where("0")
#: Gateway seconds between an auxiliary command and the unit's reaction.
REACTION_S: Final = 0.5
ALARM_WHATS: Final = {
    "intrusion": "15",
    "tamper": "16",
    "panic": "17",
    "technical": "12",
    "silent": "31",
}
_BATTERY_WHATS: Final = {
    BatteryLevel.OK: "5",
    BatteryLevel.FAULT: "4",
    BatteryLevel.UNLOADED: "10",
}


@dataclass(eq=False)
class AlarmUnit:
    """The alarm's live state."""

    spec: AlarmSpec
    armed: bool = False
    maintenance: bool = False
    battery: BatteryLevel = BatteryLevel.OK
    mains: bool = True
    #: Zone number -> engaged when the system is armed.
    zones: dict[int, bool] = field(default_factory=dict)
    #: (WHAT, zone or aux number) of every alarm going on.
    alarms: list[tuple[str, int]] = field(default_factory=list)
    #: Zones whose last intrusion the unit remembers until the next arming.
    memory: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        """Start as the installation says."""
        spec = self.spec
        self.armed = spec.armed
        self.maintenance = spec.maintenance
        self.battery = spec.battery
        self.mains = spec.mains
        self.zones = {zone.zone: zone.engaged for zone in spec.zones}
        self.memory = set(spec.memory)

    def system(self, what: str) -> Command:
        """A system frame, its WHERE written in the installation's style."""
        match self.spec.system_where:
            case AlarmWhereStyle.ZERO:
                return Command(WHO, what, (), SYSTEM)
            case AlarmWhereStyle.EMPTY:
                return Command(WHO, what, (), Where(""))
        return Command(WHO, what, (), Where(""), extra_fields=("",))

    @staticmethod
    def zone(what: str, number: int) -> Command:
        """``*5*<what>*#<n>##``."""
        return Command(WHO, what, (), Where("", (str(number),)))

    def zone_frame(self, number: int) -> Command:
        """``*5*11*#n##`` engaged or ``*5*18*#n##`` not."""
        return self.zone("11" if self.zones[number] else "18", number)

    def status(self) -> list[Frame]:
        """The whole state, in the order of the WHO 5 document's status table."""
        frames: list[Frame] = [
            self.system("0" if self.maintenance else "1"),
            self.system("8" if self.armed else "9"),
            self.system(_BATTERY_WHATS[self.battery]),
            self.system("7" if self.mains else "6"),
            *(self.zone_frame(number) for number in sorted(self.zones)),
            *(self.zone(what, number) for what, number in self.alarms),
        ]
        if not self.armed:
            frames += [self.zone("15", number) for number in sorted(self.memory)]
        return frames


class BurglarAlarm(WhoHandler):
    """The central unit: status answers, keypad actions, programmed automations."""

    def __init__(
        self, context: BusContext, spec: AlarmSpec | None, *, forwards: bool = True
    ) -> None:
        """Install the central unit (none when spec is None)."""
        super().__init__(context)
        self.unit = None if spec is None else AlarmUnit(spec)
        self.forwards = forwards
        self._pending: set[asyncio.TimerHandle] = set()

    def _emit(self, frames: Sequence[Frame]) -> None:
        if self.forwards:
            self.context.emit(frames)

    def _serves(self) -> AlarmUnit | None:
        return self.unit if self.forwards else None

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        unit = self._serves()
        if unit is None:
            return REFUSED
        if frame.where in (SYSTEM, Where("")):
            return Outcome(replies=unit.status())
        number = _zone(frame.where)
        if number is None or number not in unit.zones:
            return REFUSED
        return Outcome(replies=[unit.zone_frame(number)])

    # -- what people and the programme do -----------------------------------

    def arm(self, zones: Sequence[int] | None = None) -> None:
        """Engage (the given zones only, when given): ``*5*1*W##`` ``*5*8*W##``."""
        unit = self._require()
        frames: list[Frame] = [unit.system("1"), unit.system("8")]
        if zones is not None:
            for number in unit.zones:
                engaged = number in zones
                if unit.zones[number] != engaged:
                    unit.zones[number] = engaged
                    frames.append(unit.zone_frame(number))
        unit.armed = True
        unit.alarms.clear()
        unit.memory.clear()
        self._emit(frames)

    def disarm(self) -> None:
        """Disengage: ``*5*2*W##`` ``*5*1*W##`` ``*5*9*W##``."""
        unit = self._require()
        unit.armed = False
        unit.alarms.clear()
        self._emit([unit.system("2"), unit.system("1"), unit.system("9")])

    def trigger(self, number: int, kind: str = "intrusion") -> None:
        """An alarm of ``kind`` in zone (or from auxiliary) ``number``."""
        unit = self._require()
        what = ALARM_WHATS[kind]
        if (what, number) not in unit.alarms:
            unit.alarms.append((what, number))
        if kind == "intrusion":
            unit.memory.add(number)
        self._emit([unit.zone(what, number)])

    def reset_technical(self, number: int) -> None:
        """The technical alarm of auxiliary ``number`` is over."""
        unit = self._require()
        unit.alarms = [alarm for alarm in unit.alarms if alarm != ("12", number)]
        self._emit([unit.zone("13", number)])

    def end_delay(self) -> None:
        """The entry/exit delay ended (``*5*3*W##``): the unit's alarms are reset."""
        unit = self._require()
        unit.alarms.clear()
        self._emit([unit.system("3")])

    def set_battery(self, level: BatteryLevel) -> None:
        """The battery became ok, faulty or flat."""
        unit = self._require()
        unit.battery = level
        self._emit([unit.system(_BATTERY_WHATS[level])])

    def set_mains(self, *, present: bool) -> None:
        """Mains power went away or came back."""
        unit = self._require()
        unit.mains = present
        self._emit([unit.system("7" if present else "6")])

    def set_maintenance(self, *, on: bool) -> None:
        """The installer put the unit in maintenance, or ended it."""
        unit = self._require()
        unit.maintenance = on
        self._emit([unit.system("0" if on else "1")])

    def aux_changed(self, channel: str, *, on: bool) -> None:
        """An auxiliary command: run the automation programmed for it, a bit later."""
        for automation in self._require().spec.automations:
            if str(automation.aux) == channel and automation.aux_on == on:
                handle = self.context.clock.call_later(
                    REACTION_S, functools.partial(self._run, automation)
                )
                self._pending.add(handle)

    def _run(self, automation: AlarmAutomationSpec) -> None:
        match automation.action:
            case AlarmAction.ARM:
                self.arm()
            case AlarmAction.ARM_ZONES:
                self.arm(automation.zones)
            case AlarmAction.DISARM:
                self.disarm()

    def _require(self) -> AlarmUnit:
        if self.unit is None:
            raise LookupError("the installation has no burglar alarm")
        return self.unit

    @override
    def stop(self) -> None:
        for handle in self._pending:
            handle.cancel()
        self._pending.clear()


def _zone(where: Where) -> int | None:
    """N of ``#n``, else None."""
    if where.address or len(where.params) != 1 or not where.params[0].isdigit():
        return None
    return int(where.params[0])
