"""A gateway entry's options, read once into a typed value with defaults filled in."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Self

from ..openwebnet.items.alarm import AlarmArming, AuxCommand
from ..openwebnet.where import Where, WhereKind
from .const import (
    ALARM_ACTIONS,
    CONF_ACTUATOR_LOCKS,
    CONF_ALARM_CODE,
    CONF_BUS_EVENTS,
    CONF_COMMAND_SESSIONS,
    CONF_DISCOVERY,
    CONF_ITEM_AS,
    CONF_ITEMS,
    CONF_KEEPALIVE,
    CONF_MEMBERS,
    CONF_PACING,
    CONF_TRAVEL_TIME,
    DEFAULT_BUS_EVENTS,
    DEFAULT_COMMAND_SESSIONS,
    DEFAULT_DISCOVERY,
    DEFAULT_KEEPALIVE_S,
    DEFAULT_TRAVEL_TIME_S,
    AuxCommandValue,
    PointKind,
)

#: The item key prefix of a WHO 1 WHERE (points, sets).
_LIGHT_KEY: Final = "1-"


@dataclass(frozen=True, slots=True)
class GatewaySettings:
    """How to talk to one gateway, and what the user chose for its items."""

    command_sessions: int = DEFAULT_COMMAND_SESSIONS
    #: None: the gateway model's pause (``openwebnet.models``).
    pacing_ms: int | None = None
    keepalive_s: float = DEFAULT_KEEPALIVE_S
    discovery_sweeps: bool = DEFAULT_DISCOVERY
    bus_events: bool = DEFAULT_BUS_EVENTS
    items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Points whose pushbuttons may be locked (WHO 14), by WHERE.
    actuator_locks: tuple[str, ...] = ()

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Self:
        """Read an entry's options; anything missing takes its default."""
        return cls(
            command_sessions=int(
                options.get(CONF_COMMAND_SESSIONS, DEFAULT_COMMAND_SESSIONS)
            ),
            pacing_ms=(
                None if options.get(CONF_PACING) is None else int(options[CONF_PACING])
            ),
            keepalive_s=float(options.get(CONF_KEEPALIVE, DEFAULT_KEEPALIVE_S)),
            discovery_sweeps=bool(options.get(CONF_DISCOVERY, DEFAULT_DISCOVERY)),
            bus_events=bool(options.get(CONF_BUS_EVENTS, DEFAULT_BUS_EVENTS)),
            items=dict(options.get(CONF_ITEMS, {})),
            actuator_locks=tuple(options.get(CONF_ACTUATOR_LOCKS, ())),
        )

    def point_kind(self, key: str) -> PointKind:
        """Whether a WHO 1 point is shown as a light (default), a dimmer or a switch."""
        return PointKind(self.items.get(key, {}).get(CONF_ITEM_AS, PointKind.LIGHT))

    def travel_time(self, key: str) -> float:
        """Seconds a basic shutter takes from closed to open, for position estimates."""
        return float(
            self.items.get(key, {}).get(CONF_TRAVEL_TIME, DEFAULT_TRAVEL_TIME_S)
        )

    def alarm_arming(self, key: str) -> AlarmArming:
        """The aux commands the burglar alarm is programmed to arm and disarm on."""
        choices = self.items.get(key, {})

        def command(action: str) -> AuxCommand | None:
            channel_option, command_option = ALARM_ACTIONS[action]
            channel = choices.get(channel_option)
            if channel is None:
                return None
            value = choices.get(command_option, AuxCommandValue.ON)
            return AuxCommand(int(channel), on=value == AuxCommandValue.ON)

        return AlarmArming(
            arm_away=command("arm_away"),
            arm_home=command("arm_home"),
            disarm=command("disarm"),
        )

    def alarm_code(self, key: str) -> str | None:
        """The code asked to disarm (and arm) the burglar alarm, if one is set."""
        code = self.items.get(key, {}).get(CONF_ALARM_CODE)
        return str(code) if code else None

    def light_groups(self) -> dict[str, tuple[str, ...]]:
        """The groups whose members the user set: group WHERE -> member WHEREs."""
        groups: dict[str, tuple[str, ...]] = {}
        for key, choices in self.items.items():
            where = key.removeprefix(_LIGHT_KEY)
            if (
                key.startswith(_LIGHT_KEY)
                and CONF_MEMBERS in choices
                and Where.parse(where).kind is WhereKind.GROUP
            ):
                groups[where] = tuple(choices[CONF_MEMBERS])
        return groups

    def groups_of(self, where: str) -> list[int]:
        """The groups (1-255) the light at ``where`` belongs to, on its own bus."""
        interface = Where.parse(where).interface
        return [
            int(group.params[0])
            for group_where, members in self.light_groups().items()
            if where in members
            and (group := Where.parse(group_where)).interface == interface
        ]
