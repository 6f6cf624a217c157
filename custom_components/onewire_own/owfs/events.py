"""Events: typed records of what happened on servers, buses and devices.

Names follow the seed design (``ServerConnected``, ``DeviceLocated``...), plus
``DeviceValue`` and ``DeviceAlarm`` for the pollers. Events are immutable
snapshots of *which* object changed; read the object for its current state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, override

if TYPE_CHECKING:
    from .bus import Bus
    from .device import Device
    from .server import Server


@dataclass(frozen=True, slots=True)
class Event:
    """Base class for all events."""


@dataclass(frozen=True, slots=True)
class ServerEvent(Event):
    """Base class for all server-related events."""

    server: Server


@dataclass(frozen=True, slots=True)
class ServerRegistered(ServerEvent):
    """A new known server appears. The server is not yet connected!"""


@dataclass(frozen=True, slots=True)
class ServerConnected(ServerEvent):
    """We have connected (or reconnected) to a server."""


@dataclass(frozen=True, slots=True)
class ServerDisconnected(ServerEvent):
    """We have lost the connection to a server; reconnection is under way."""


@dataclass(frozen=True, slots=True)
class ServerDeregistered(ServerEvent):
    """This server is no longer known."""


@dataclass(frozen=True, slots=True)
class BusEvent(Event):
    """Base class for all bus-related events."""

    bus: Bus


@dataclass(frozen=True, slots=True)
class BusAdded(BusEvent):
    """The bus has been created."""


@dataclass(frozen=True, slots=True)
class BusDeleted(BusEvent):
    """The bus has vanished from its server and was freed."""


class BusAdded_Path:  # noqa: N801 - the seed's name
    """Not an event: compares equal to a BusAdded for the bus at this path.

    Used for storing the bus path for comparisons in tests.
    """

    def __init__(self, *path: str) -> None:
        """Remember the path."""
        self.path = tuple(path)

    @override
    def __eq__(self, other: object) -> bool:
        """Equal to a BusAdded of a bus with the same path."""
        if isinstance(other, BusAdded):
            return other.bus.path == self.path
        if isinstance(other, BusAdded_Path):
            return other.path == self.path
        return NotImplemented

    @override
    def __hash__(self) -> int:
        """Hash by path."""
        return hash(self.path)

    @override
    def __repr__(self) -> str:
        """Show the path."""
        return f"BusAdded_Path{self.path!r}"


@dataclass(frozen=True, slots=True)
class DeviceEvent(Event):
    """Base class for all device-related events."""

    device: Device


@dataclass(frozen=True, slots=True)
class DeviceAdded(DeviceEvent):
    """The device has been created. Its location is not yet known!"""


@dataclass(frozen=True, slots=True)
class DeviceDeleted(DeviceEvent):
    """The device has been deleted."""


@dataclass(frozen=True, slots=True)
class DeviceLocated(DeviceEvent):
    """The device has been found on a bus (also after it moved)."""


@dataclass(frozen=True, slots=True)
class DeviceNotFound(DeviceEvent):
    """The device's location is no longer known (missing from 2 scans)."""


@dataclass(frozen=True, slots=True)
class DeviceAlarm(DeviceEvent):
    """The device is listed in its bus's alarm directory."""


@dataclass(frozen=True, slots=True)
class DeviceValue(DeviceEvent):
    """A value read in the background (alarm polling) for a device attribute."""

    attribute: str
    value: Any


@dataclass(frozen=True, slots=True)
class EventsDropped(Event):
    """Not from the bus: a slow reader's queue overflowed and lost events.

    Delivered to that reader before the next event it does get, so it knows
    to re-read the state (``ow.devices``, ``server.buses``) it cares about.
    """

    count: int


#: Where the object model and the operations send what happened (the OWFS
#: instance hands its event hub's emit to each server and operation).
type EventSink = Callable[[Event], None]
