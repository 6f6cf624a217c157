"""WHO 15 CEN and WHO 25 CEN+ buttons: press, long press, release.

Buttons have no state worth keeping; they report ``ButtonPressed`` events.

A client can also press a button virtually (how software triggers what the
installer attached to it: a scenario programmer's scene, an alarm automation).
``virtual_press`` sends the frames a person pressing the button puts on the
bus (WHO_15-25.pdf; captures MH200N/MyHOMEServer1, MyHOME ``issue_434``):

=====  ==================================  ===================================
kind   short press                         long press
=====  ==================================  ===================================
CEN    ``*15*BB*W##``, ``*15*BB#1*W##``    ``*15*BB*W##``, ``*15*BB#3*W##``,
                                           ``*15*BB#2*W##``
CEN+   ``*25*21#B*2O##``                   ``*25*22#B*2O##``, ``*25*23#B*2O##``,
                                           ``*25*24#B*2O##``
=====  ==================================  ===================================

The frames of a long press are half a second apart, as a held button's.
"""

import asyncio
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
_CEN_PLUS_WHATS: Final = {action: what for what, action in _CEN_PLUS_ACTIONS.items()}
_CEN_PARAMS: Final = {action: params for params, action in _CEN_ACTIONS.items()}
#: Seconds between the frames of a held button (a wall control repeats
#: ``#3`` / 23 about every half second while it is held).
HOLD_REPEAT_S: Final = 0.5
MAX_BUTTON: Final = 31
_SHORT: Final = (ButtonAction.PRESSED, ButtonAction.SHORT_PRESS)
_LONG: Final = (
    ButtonAction.PRESSED,
    ButtonAction.LONG_PRESS,
    ButtonAction.LONG_RELEASE,
)
_PLUS_SHORT: Final = (ButtonAction.SHORT_PRESS,)
_PLUS_LONG: Final = (
    ButtonAction.LONG_PRESS_START,
    ButtonAction.LONG_PRESS,
    ButtonAction.LONG_RELEASE,
)


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

    def _frame(self, button: int, action: ButtonAction) -> Command:
        raise NotImplementedError

    def _press(self, long: bool) -> tuple[ButtonAction, ...]:
        raise NotImplementedError

    async def virtual_press(self, button: int, *, long: bool = False) -> None:
        """Press button 0-31 as a person would: a short or a long press.

        The frames of a long press are half a second apart, as a held
        button's; the gateway echoes each on the event session.

        Raises:
            ValueError: no such button.
            OpenWebNetCommandError: the gateway refused a frame (the press
                stops there).

        """
        if not 0 <= button <= MAX_BUTTON:
            raise ValueError(f"no button {button} (0-{MAX_BUTTON})")
        for index, action in enumerate(self._press(long)):
            if long and index:
                await asyncio.sleep(HOLD_REPEAT_S)
            await self._request(self._frame(button, action))


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

    @override
    def _frame(self, button: int, action: ButtonAction) -> Command:
        return Command(self.who, f"{button:02d}", _CEN_PARAMS[action], self._where)

    @override
    def _press(self, long: bool) -> tuple[ButtonAction, ...]:
        return _LONG if long else _SHORT


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
        """Send one CEN+ frame (``virtual_press`` sends a whole press)."""
        await self._request(self._frame(button, action))

    @override
    def _frame(self, button: int, action: ButtonAction) -> Command:
        return Command(self.who, _CEN_PLUS_WHATS[action], (str(button),), self._where)

    @override
    def _press(self, long: bool) -> tuple[ButtonAction, ...]:
        return _PLUS_LONG if long else _PLUS_SHORT
