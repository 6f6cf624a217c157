"""Which lighting/automation actuators a WHERE addresses (PROTOCOLS.md §2 WHERE).

A point-to-point WHERE names one actuator; general (``0``), area and group
WHEREs fan out. A ``#4#nn`` suffix restricts any of them to one local bus.
"""

from typing import Protocol, override

from custom_components.onewire_own.openwebnet.frames import Frame, StatusRequest
from custom_components.onewire_own.openwebnet.where import Where, WhereKind

from .handler import REFUSED, BusContext, Outcome, WhoHandler

# A four-digit point ``AAPP`` names area AA; area 10 is written ``100``.
_FOUR_DIGIT_AREAS = {f"{area:02d}": str(area) for area in range(1, 10)} | {
    "00": "00",
    "10": "100",
}


def area_of(where: Where) -> str:
    """The area (as written in an area WHERE) of a point-to-point address."""
    address = where.address
    if len(address) == 2:
        return address[0]
    return _FOUR_DIGIT_AREAS.get(address[:2], "")


def addresses(target: Where, item: Where, groups: tuple[int, ...]) -> bool:
    """Whether a frame for ``target`` reaches the actuator at ``item``."""
    if target.interface is not None and target.interface != item.interface:
        return False
    match target.kind:
        case WhereKind.POINT_TO_POINT:
            return target == item
        case WhereKind.GENERAL:
            return True
        case WhereKind.AREA:
            return area_of(item) == target.address
        case WhereKind.GROUP:
            return int(target.params[0]) in groups
        case _:
            return False


class _AddressedSpec(Protocol):
    @property
    def where(self) -> str: ...

    @property
    def groups(self) -> tuple[int, ...]: ...


class AddressedBySpec:
    """Mixin: an actuator whose WHERE and groups come from its installation spec."""

    spec: _AddressedSpec

    @property
    def where(self) -> Where:
        """The actuator's point-to-point address."""
        return Where.parse(self.spec.where)

    @property
    def groups(self) -> tuple[int, ...]:
        """The groups the actuator belongs to."""
        return self.spec.groups


class Actuator(Protocol):
    """What the fan-out needs from a lighting or automation actuator."""

    @property
    def where(self) -> Where:
        """The actuator's point-to-point address."""
        ...

    @property
    def groups(self) -> tuple[int, ...]:
        """The groups the actuator belongs to."""
        ...

    def status_frame(self) -> Frame:
        """The actuator's answer to a status request."""
        ...


class Actuators[A: Actuator](WhoHandler):
    """Handlers whose items are addressed point-to-point, by area or by group."""

    def __init__(self, context: BusContext, items: dict[str, A]) -> None:
        """Serve ``items`` keyed by their WHERE text."""
        super().__init__(context)
        self.items = items

    def addressed(self, where: Where) -> list[A]:
        """The actuators a frame for ``where`` reaches."""
        if where.kind is WhereKind.POINT_TO_POINT:
            item = self.items.get(where.format())
            return [item] if item is not None else []
        return [
            item
            for item in self.items.values()
            if addresses(where, item.where, item.groups)
        ]

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        """One status frame per actuator addressed; NACK for an unknown point."""
        items = self.addressed(frame.where)
        if not items and frame.where.kind is WhereKind.POINT_TO_POINT:
            return REFUSED
        return Outcome(replies=[item.status_frame() for item in items])
