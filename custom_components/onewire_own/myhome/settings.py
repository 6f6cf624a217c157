"""A gateway entry's options, read once into a typed value with defaults filled in."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Self

from ..openwebnet.where import Where, WhereKind
from .const import (
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
        )

    def point_kind(self, key: str) -> PointKind:
        """Whether a WHO 1 point is shown as a light (default), a dimmer or a switch."""
        return PointKind(self.items.get(key, {}).get(CONF_ITEM_AS, PointKind.LIGHT))

    def travel_time(self, key: str) -> float:
        """Seconds a basic shutter takes from closed to open, for position estimates."""
        return float(
            self.items.get(key, {}).get(CONF_TRAVEL_TIME, DEFAULT_TRAVEL_TIME_S)
        )

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
