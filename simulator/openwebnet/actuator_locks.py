"""WHO 14 actuator locks: disable (0) and enable (1) the pushbuttons of actuators.

``*14*<0|1>*<where>##`` with WHERE general (``0``), an area or a point
(WHO_1.pdf v1.2, chapters 4-5). Every light and shutter point can be locked;
general and area commands are reported on the event session, a point's is
not ("if the command is addressed to APL there won't be any answer in the
monitor session"), and nothing can be asked: there is no status request.
"""

from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import Command
from custom_components.onewire_own.openwebnet.where import Where, WhereKind

from .addressing import addresses
from .handler import REFUSED, BusContext, Outcome, WhoHandler

WHO: Final = 14
DISABLE: Final = "0"
ENABLE: Final = "1"
_SCOPES: Final = frozenset(
    {WhereKind.GENERAL, WhereKind.AREA, WhereKind.POINT_TO_POINT}
)


class ActuatorLocks(WhoHandler):
    """The lock state of every light and shutter point."""

    def __init__(self, context: BusContext, points: tuple[str, ...]) -> None:
        """Every point starts with its pushbuttons enabled."""
        super().__init__(context)
        self.locked = dict.fromkeys(points, False)

    @override
    def command(self, frame: Command) -> Outcome:
        where = frame.where
        if (
            where is None
            or frame.what not in (DISABLE, ENABLE)
            or where.kind not in _SCOPES
            or where.interface is not None
        ):
            return REFUSED
        points = [
            point for point in self.locked if addresses(where, Where.parse(point), ())
        ]
        if not points and where.kind is WhereKind.POINT_TO_POINT:
            return REFUSED
        for point in points:
            self.locked[point] = frame.what == DISABLE
        if where.kind is WhereKind.POINT_TO_POINT:
            return Outcome()  # acknowledged, never reported
        return Outcome(events=[frame])
