"""WHO 1 - lights: on/off relays, 10-level dimmers and 100-level dimmers.

A light does not say what it is: it learns it is a dimmer from the frames it
sees (WHAT 2-10, steps 30/31, or dimension 1 or 4) and from then on dims with
the finest command it has seen work.

A 100-level dimmer reports its level as dimension 1 (``*#1*W*1*<100+L>*<speed>##``)
or, answering some requests, dimension 4 ("status dimmer 100 levels", same
values; an F454 answers a dimension 1 request for an F418U2 that is off with
``*#1*32*4*100*2##``). Asked for its status, or swept, it still answers with
a 10-level step ``*1*<2-10>*W##``, and that step follows the dimmer's own
curve, not ``step x 10 %``: an F418U2 reports step 7 at 50 % and reaches
30 % on step 5; an F414 reports 74 % as step 9 (MyHOME ``issue_466`` dimmer
traces on F454, MH202 and MH200). So a 100-level dimmer learns its curve
from a step and a level reported one right after the other, in either order
(the gateway's echo ``*1*5*32##`` then ``*#1*32*1*130*5##``; a level, then a
status answer ``*1*7*62##``), and reads later steps through it: a sweep
after a group command or a reconnect keeps 50 %, not 70 %. A step it has not
learned yet reads as ``step x 10 %`` until the level follows.

Points with a presence detector report motion (WHAT 34) and its end (39) on
their own address *(observed)*; a light keeps the last report in ``motion``
(None until the first one: motion cannot be swept or asked for).
"""

from collections.abc import Iterable
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from ..where import WhereKind
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 1
DIMENSION_LEVEL: Final = "1"
#: "Status dimmer 100 levels with ON/OFF speed": the level, as dimension 1.
DIMENSION_LEVEL_STATUS: Final = "4"
_LEVEL_DIMENSIONS: Final = frozenset({DIMENSION_LEVEL, DIMENSION_LEVEL_STATUS})
TRANSLATION: Final = "1000"
_STEPS: Final = frozenset({30, 31})
MOTION: Final = 34
END_OF_MOTION: Final = 39
MOTION_REPORTS: Final = frozenset({MOTION, END_OF_MOTION})


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
        #: The groups (1-255) the point is known to belong to; the bus cannot
        #: tell them (see ``configure_groups``).
        self.groups: tuple[int, ...] = ()
        #: A 100-level dimmer's own curve: the level each 10-level step means.
        self._step_levels: dict[int, int] = {}
        #: The report just before this one, when it was a step or a level.
        self._last_step: int | None = None
        self._last_level: int | None = None

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            what = int(frame.what)
            if what in MOTION_REPORTS:
                # Reported by the point itself; an area or general 34 is no report.
                where = frame.where
                if where is None or where.kind is not WhereKind.POINT_TO_POINT:
                    return []
                return changed(self, motion=what == MOTION)
            level_before = self._last_level
            self._last_step = self._last_level = None
            if 2 <= what <= 10:
                self._last_step = what
                return self._handle_step(what, level_before)
            return self._handle_what(what)
        if frame.dimension in _LEVEL_DIMENSIONS and frame.values and frame.values[0]:
            return self._handle_level(int(frame.values[0]) - 100)
        return []

    def _handle_what(self, what: int) -> list[ItemEvent]:
        if what == 0:
            return changed(self, is_on=False)
        if what in _STEPS:
            return changed(self, is_on=True, is_dimmer=True)
        if what == 1 or 11 <= what <= 18:
            return changed(self, is_on=True)
        return []

    def _handle_step(self, step: int, level_before: int | None) -> list[ItemEvent]:
        """A 10-level step: through the dimmer's curve once it has 100 levels."""
        brightness = self._step_levels.get(step)
        if (
            brightness is None
            and level_before
            and self.has_100_levels
            and level_before not in self._step_levels.values()
        ):
            # A status answer right after the level it describes (a level
            # already known as another step's was left by a new command).
            brightness = self._step_levels[step] = level_before
        if brightness is None:
            brightness = step * 10
        return changed(self, is_on=True, brightness=brightness, is_dimmer=True)

    def _handle_level(self, level: int) -> list[ItemEvent]:
        """A dimension 1/4 level (0-100): the dimmer has 100 levels."""
        level = max(0, min(100, level))
        step_before = self._last_step
        self._last_step = None
        self._last_level = level or None
        if step_before is not None and level:
            self._step_levels[step_before] = level  # where a step command went
        learned = changed(self, is_dimmer=True, has_100_levels=True)
        if level == 0:
            return changed(self, is_on=False) or learned
        return changed(self, is_on=True, brightness=level) or learned

    def configure_dimmer(self) -> None:
        """Dim this point from the start: it is known to be a dimmer.

        A dimmer that is off says nothing about its kind; without this it is
        learned at its first level report.
        """
        self.is_dimmer = True

    def configure_groups(self, groups: Iterable[int]) -> None:
        """The groups this point belongs to, as the installer set them.

        A group's members cannot be asked for; with them known, a group
        command heard on the bus switches this point at once.
        """
        self.groups = tuple(sorted(set(groups)))

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
