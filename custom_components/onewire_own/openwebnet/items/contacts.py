"""WHO 25 dry contacts and WHO 9 auxiliary channels: on/off inputs and outputs."""

from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply
from .base import FrameSender, Item, ItemEvent, changed

WHO_DRY_CONTACT: Final = 25
WHO_AUX: Final = 9
CONTACT_CLOSED: Final = "31"
CONTACT_OPEN: Final = "32"


class DryContact(Item):
    """A dry contact (WHERE ``3<nn>``): ``is_closed``."""

    who: ClassVar[int] = WHO_DRY_CONTACT

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a contact whose state is unknown until reported."""
        super().__init__(sender, where)
        self.is_closed: bool | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command):
            return []
        if frame.what == CONTACT_CLOSED:
            return changed(self, is_closed=True)
        if frame.what == CONTACT_OPEN:
            return changed(self, is_closed=False)
        return []


class Aux(Item):
    """An auxiliary channel (``*9*<0|1>*<channel>##``): ``is_on``."""

    who: ClassVar[int] = WHO_AUX

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a channel whose state is unknown until reported."""
        super().__init__(sender, where)
        self.is_on: bool | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command) or frame.what not in ("0", "1"):
            return []
        return changed(self, is_on=frame.what == "1")

    async def turn_on(self) -> None:
        """Switch the channel on."""
        await self._command("1")

    async def turn_off(self) -> None:
        """Switch the channel off."""
        await self._command("0")
