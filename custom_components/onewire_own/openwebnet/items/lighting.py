"""WHO 1 - lights: on/off relays, 10-level dimmers and 100-level dimmers.

A light does not say what it is: it learns it is a dimmer from the frames it
sees (WHAT 2-10, steps 30/31, or dimension 1) and from then on dims with the
finest command it has seen work.

Points with a presence detector report motion (WHAT 34) and its end (39) on
their own address *(observed)*; a light keeps the last report in ``motion``
(None until the first one: motion cannot be swept or asked for).
"""

from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from ..where import WhereKind
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 1
DIMENSION_LEVEL: Final = "1"
TRANSLATION: Final = "1000"
_STEPS: Final = frozenset({30, 31})
MOTION: Final = 34
END_OF_MOTION: Final = 39
_MOTION_REPORTS: Final = frozenset({MOTION, END_OF_MOTION})


class Light(Item):
    """A light point: ``is_on``, ``brightness`` (percent) for dimmers, ``motion``."""

    who: ClassVar[int] = WHO

    def __init__(self, sender: FrameSender, where: str) -> None:
        """Create a light of unknown state and kind."""
        super().__init__(sender, where)
        self.is_on: bool | None = None
        self.brightness: int | None = None
        self.is_dimmer = False
        self.has_100_levels = False
        #: Motion detected now (True), ended (False), or never reported (None).
        self.motion: bool | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            what = int(frame.what)
            if what in _MOTION_REPORTS:
                # Reported by the point itself; an area or general 34 is no report.
                where = frame.where
                if where is None or where.kind is not WhereKind.POINT_TO_POINT:
                    return []
                return changed(self, motion=what == MOTION)
            return self._handle_what(what)
        if frame.dimension == DIMENSION_LEVEL and frame.values and frame.values[0]:
            level = max(0, min(100, int(frame.values[0]) - 100))
            learned = changed(self, is_dimmer=True, has_100_levels=True)
            if level == 0:
                return changed(self, is_on=False) or learned
            return changed(self, is_on=True, brightness=level) or learned
        return []

    def _handle_what(self, what: int) -> list[ItemEvent]:
        if what == 0:
            return changed(self, is_on=False)
        if 2 <= what <= 10:
            return changed(self, is_on=True, brightness=what * 10, is_dimmer=True)
        if what in _STEPS:
            return changed(self, is_on=True, is_dimmer=True)
        if what == 1 or 11 <= what <= 18:
            return changed(self, is_on=True)
        return []

    async def turn_on(self, speed: int | None = None) -> None:
        """Switch on (a dimmer to its last level); speed fades where supported."""
        await self._command("1", *_speed(speed))

    async def turn_off(self, speed: int | None = None) -> None:
        """Switch off."""
        await self._command("0", *_speed(speed))

    async def set_brightness(self, percent: int, speed: int | None = None) -> None:
        """Dim to percent: exact on 100-level dimmers, to the next 10 % otherwise."""
        if percent <= 0:
            await self.turn_off(speed)
            return
        percent = min(percent, 100)
        if self.has_100_levels:
            await self._request(
                DimensionWrite(
                    WHO,
                    self._where,
                    DIMENSION_LEVEL,
                    (),
                    (str(100 + percent), str(speed or 0)),
                )
            )
            return
        await self._command(str(max(2, min(10, round(percent / 10)))))

    @override
    def refresh_requests(self) -> list[Frame]:
        requests = super().refresh_requests()
        if self.has_100_levels:
            requests.append(DimensionRequest(WHO, self._where, DIMENSION_LEVEL))
        return requests


def _speed(speed: int | None) -> tuple[str, ...]:
    return () if speed is None else (str(speed),)
