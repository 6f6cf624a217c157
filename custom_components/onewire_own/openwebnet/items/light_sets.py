"""WHO 1 light sets: the whole bus, an area or a group, switched with one frame.

``*1*1*3##`` switches every light of area 3, ``*1*0*#2##`` every light of
group 2, ``*1*0*0##`` every light of the bus (``#4#nn`` suffixes narrow
each to one local bus). Gateways echo such a frame once: on some the members
report their own state too, on others they do not (docs/openwebnet-systems.md
§8), so the registry applies it to the members it knows.

An area's members follow from their addresses (``12`` is in area 1, ``1015``
in area 10). A group's members cannot be read from the bus: a light belongs to
the groups it is told about (``Light.configure_groups``, from the user's
options). A set shows its members: on while any known member is on, off once
every one is off; a set with no known member shows the last frame sent to it.
"""

from collections.abc import Sequence
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, Frame
from ..where import Where, WhereKind
from .base import FrameSender, Item, ItemEvent, changed
from .lighting import Light

WHO: Final = 1
AREA_10: Final = "100"
#: WHATs that switch a light off, and those that change no light.
_OFF: Final = "0"
_NOT_SWITCHING: Final = frozenset({34, 39, 1000})
SET_KINDS: Final = frozenset({WhereKind.GENERAL, WhereKind.AREA, WhereKind.GROUP})


def area_of(where: Where) -> int | None:
    """The area of a point-to-point WHERE (``12`` -> 1, ``1015`` -> 10)."""
    address = where.address
    if len(address) == 2:
        return int(address[0])
    if len(address) == 4:
        return int(address[:2])
    return None


def area_number(where: Where) -> int:
    """The area an area WHERE names (``00`` -> 0, ``100`` -> 10)."""
    return 10 if where.address == AREA_10 else int(where.address)


def area_where(area: int) -> Where:
    """The WHERE of area 0-10 (``00``, ``1``-``9``, ``100``)."""
    return Where(AREA_10) if area == 10 else Where.area(area)


def sets_of_point(where: Where) -> list[Where]:
    """The whole bus and the area a point belongs to, on the point's own bus."""
    area = area_of(where)
    wheres = [Where.general()]
    if area is not None:
        wheres.append(area_where(area))
    interface = where.interface
    if interface is None:
        return wheres
    return [set_where.on_local_bus(int(interface)) for set_where in wheres]


class LightSet(Item):
    """The lights one frame addresses: the bus, an area or a group.

    ``kind`` says which (``WhereKind.GENERAL``/``AREA``/``GROUP``) and
    ``number`` the area or group (None for the whole bus); ``is_on`` follows
    the members.
    """

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a set of unknown state."""
        super().__init__(sender, where)
        self.kind = self._where.kind
        if self.kind not in SET_KINDS:
            raise ValueError(f"{where!r} is not a general, area or group WHERE")
        self.number: int | None = None
        if self.kind is WhereKind.AREA:
            self.number = area_number(self._where)
        elif self.kind is WhereKind.GROUP:
            self.number = int(self._where.params[0])
        self.is_on: bool | None = None
        #: How many lights of the set are known (and shown by ``is_on``).
        self.members = 0

    @property
    def bus(self) -> str | None:
        """The local bus (``01``) a ``#4#nn`` suffix names; None on the main bus."""
        return self._where.interface

    def includes(self, light: Light) -> bool:
        """Whether a frame to this set reaches light (as far as it is known)."""
        where = Where.parse(light.where)
        if where.interface != self._where.interface:
            return False
        match self.kind:
            case WhereKind.GENERAL:
                return True
            case WhereKind.AREA:
                return area_of(where) == self.number
        return self.number in light.groups

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        """A frame to the whole set: its state until the members tell theirs."""
        if not isinstance(frame, Command) or self.members or not frame.what.isdigit():
            return []
        if int(frame.what) in _NOT_SWITCHING:
            return []
        return changed(self, is_on=frame.what != _OFF)

    def show_members(self, members: Sequence[Light]) -> list[ItemEvent]:
        """Follow the members: on if any is on, off once all are known off."""
        states = [light.is_on for light in members]
        if any(states):
            state: bool | None = True
        elif None in states:
            state = None
        else:
            state = False if states else self.is_on
        return changed(self, is_on=state, members=len(states))

    async def turn_on(self) -> None:
        """Switch every light of the set on, with one frame."""
        await self._command("1")

    async def turn_off(self) -> None:
        """Switch every light of the set off, with one frame."""
        await self._command(_OFF)

    @override
    def refresh_requests(self) -> list[Frame]:
        return []  # the members are swept or asked themselves
