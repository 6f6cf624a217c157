"""WHO 14 - actuator locks: disable and enable the local pushbuttons of a point.

WHO_1.pdf v1.2 (2024), chapters 4-5: ``*14*0*<where>##`` disables (locks)
the actuators at WHERE, ``*14*1*<where>##`` enables them again; WHERE is
``0`` (general), an area or a point (A PL). The event session reports the
general and area commands, but "if the command is addressed to APL there
won't be any answer in the monitor session", and there is no status request.

So a point's lock state is known only from what this program did (a command
the gateway acknowledged) and from general or area commands heard on the bus
(the registry gives them to every known point in their scope, as it does for
lights). Nothing can be asked at start: ``locked`` is None until then.
"""

from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, Frame
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 14
DISABLE: Final = "0"
ENABLE: Final = "1"


class ActuatorLock(Item):
    """The lock of one point's actuator: ``locked`` (its pushbuttons do nothing)."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a lock whose state is unknown (it cannot be asked)."""
        super().__init__(sender, where)
        self.locked: bool | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command) or frame.what not in (DISABLE, ENABLE):
            return []
        return changed(self, locked=frame.what == DISABLE)

    @override
    def refresh_requests(self) -> list[Frame]:
        return []  # WHO 14 has no status request

    async def lock(self) -> None:
        """Disable the point's pushbuttons; locked once the gateway acknowledged."""
        await self._set(locked=True)

    async def unlock(self) -> None:
        """Enable the point's pushbuttons again."""
        await self._set(locked=False)

    async def _set(self, *, locked: bool) -> None:
        await self._command(DISABLE if locked else ENABLE)
        # No event confirms a point-to-point command: the ACK is all there is.
        self.notify(changed(self, locked=locked))
