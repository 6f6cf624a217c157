"""WHO 15 CEN and WHO 25 CEN+ buttons: press, long press, release.

Buttons have no state worth keeping; they report ``ButtonPressed`` events.
"""

from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, Frame
from .base import ButtonAction, ButtonPressed, FrameSender, Item, ItemEvent

WHO_CEN: Final = 15
WHO_CEN_PLUS: Final = 25

_CEN_ACTIONS: Final = {
    (): ButtonAction.PRESSED,
    ("1",): ButtonAction.SHORT_PRESS,
    ("2",): ButtonAction.LONG_RELEASE,
    ("3",): ButtonAction.LONG_PRESS,
}
_CEN_PLUS_ACTIONS: Final = {
    "21": ButtonAction.SHORT_PRESS,
    "22": ButtonAction.LONG_PRESS_START,
    "23": ButtonAction.LONG_PRESS,
    "24": ButtonAction.LONG_RELEASE,
}


class _Buttons(Item):
    def __init__(self, sender: FrameSender, where: str) -> None:
        super().__init__(sender, where)
        self.last_event: ButtonPressed | None = None

    def _pressed(self, button: int, action: ButtonAction) -> list[ItemEvent]:
        self.last_event = ButtonPressed(button, action)
        return [self.last_event]

    @override
    def refresh_requests(self) -> list[Frame]:
        return []  # buttons have nothing to ask for


class CenButton(_Buttons):
    """A CEN scenario control (WHERE = its address): buttons 0-31."""

    who: ClassVar[int] = WHO_CEN

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command):
            return []
        action = _CEN_ACTIONS.get(frame.what_params)
        if action is None or not frame.what.isdigit():
            return []
        return self._pressed(int(frame.what), action)


class CenPlusButton(_Buttons):
    """A CEN+ scenario object (WHERE ``2<object>``): buttons 0-31."""

    who: ClassVar[int] = WHO_CEN_PLUS

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command) or len(frame.what_params) != 1:
            return []
        action = _CEN_PLUS_ACTIONS.get(frame.what)
        if action is None:
            return []
        return self._pressed(int(frame.what_params[0]), action)

    async def press(
        self, button: int, action: ButtonAction = ButtonAction.SHORT_PRESS
    ) -> None:
        """Send a virtual CEN+ press (how scenarios are triggered from software)."""
        what = {value: key for key, value in _CEN_PLUS_ACTIONS.items()}[action]
        await self._command(what, str(button))
