"""WHO 2 - shutters: up, down, stop, and a position.

Advanced actuators report their position (dimension 10) and go to one
(dimension 11). Centralised controls move them with the advanced commands
``*2*11#<step>#<priority>*0##`` (up), ``*2*12#…##`` (down) and
``*2*10#<priority>*0##`` (stop): an LN4660M2 on a MyHomeServer1 sends only
those, and the actuators report nothing until they stop (MyHOME
``issue_445``), so they count as moving from the command on. Basic actuators only move; given their travel times the
shutter estimates the position from how long it moved, and goes to a position
by moving and sending stop when the estimate gets there.
"""

import asyncio
from collections.abc import Callable
from enum import StrEnum
import time
from typing import ClassVar, Final, override

from ..errors import PositionUnknownError
from ..frames import Command, DimensionReply, DimensionRequest, DimensionWrite, Frame
from .base import FrameSender, Item, ItemEvent, changed

WHO: Final = 2
DIMENSION_STATUS: Final = "10"
DIMENSION_GOTO: Final = "11"
GOTO_PRIORITY: Final = "1"
UNKNOWN_LEVEL: Final = 255
END_STOP_MARGIN: Final = 5.0


class Movement(StrEnum):
    """What a shutter is doing."""

    STOPPED = "stopped"
    OPENING = "opening"
    CLOSING = "closing"


_BY_WHAT: Final = {
    "0": Movement.STOPPED,
    "1": Movement.OPENING,
    "2": Movement.CLOSING,
    # Advanced stop, up and down (WHO 2 document: StopAdvanced, UpAdvanced,
    # DownAdvanced), with step and priority parameters.
    "10": Movement.STOPPED,
    "11": Movement.OPENING,
    "12": Movement.CLOSING,
}
_BY_STATUS: Final = {
    "10": Movement.STOPPED,
    "11": Movement.OPENING,
    "12": Movement.CLOSING,
    "13": Movement.OPENING,  # step-by-step up
    "14": Movement.CLOSING,  # step-by-step down
}


class Shutter(Item):
    """A shutter actuator; ``position`` is 0 (closed) to 100 (open) or None."""

    who: ClassVar[int] = WHO

    def __init__(
        self,
        sender: FrameSender,
        where: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create a shutter of unknown state; basic until it reports dimension 10."""
        super().__init__(sender, where)
        self._clock = clock
        self.movement = Movement.STOPPED
        self.is_advanced = False
        self.travel_time_up: float | None = None
        self.travel_time_down: float | None = None
        self._known_position: float | None = None
        self._moved_since = 0.0
        self._stop_timer: asyncio.TimerHandle | None = None
        self._stop_tasks: set[asyncio.Task[None]] = set()

    def configure_travel_times(self, up: float, down: float) -> None:
        """Seconds a basic actuator takes to open fully and to close fully."""
        self.travel_time_up = up
        self.travel_time_down = down

    @property
    def position(self) -> int | None:
        """Reported (advanced) or estimated (basic, with travel times) position."""
        estimate = self._estimate()
        return None if estimate is None else round(estimate)

    def _estimate(self) -> float | None:
        """Where a basic shutter is now, from where it started and how long it moved.

        A move that gets within ``END_STOP_MARGIN`` % of an end stop is taken
        to reach it: the actuator stops there by itself, and timing jitter
        between it and us must not leave the estimate at 98 %. From an unknown
        position only a move as long as a full travel gives a position: the
        end stop.
        """
        known = self._known_position
        if self.is_advanced or self.movement is Movement.STOPPED:
            return known
        travel = self._travel_time(self.movement)
        if not travel:
            return known
        moved = (self._clock() - self._moved_since) / travel * 100
        if self.movement is Movement.OPENING:
            reached = (0.0 if known is None else known) + moved
            if reached >= 100 - END_STOP_MARGIN:
                return 100.0
        else:
            reached = (100.0 if known is None else known) - moved
            if reached <= END_STOP_MARGIN:
                return 0.0
        return None if known is None else reached

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if isinstance(frame, Command):
            movement = _BY_WHAT.get(frame.what)
            return [] if movement is None else self._move(movement)
        if frame.dimension != DIMENSION_STATUS or len(frame.values) < 2:
            return []
        movement = _BY_STATUS.get(frame.values[0], self.movement)
        level = int(frame.values[1]) if frame.values[1] else UNKNOWN_LEVEL
        position = None if level == UNKNOWN_LEVEL else float(min(level, 100))
        learned = changed(self, is_advanced=True)
        return changed(self, movement=movement, _known_position=position) or learned

    def _move(self, movement: Movement) -> list[ItemEvent]:
        if not self.is_advanced:
            self._known_position = self._estimate()
            self._moved_since = self._clock()
            if movement is Movement.STOPPED:
                self._cancel_stop_timer()
        return changed(self, movement=movement)

    def _travel_time(self, movement: Movement) -> float | None:
        if movement is Movement.OPENING:
            return self.travel_time_up
        return self.travel_time_down

    async def open(self) -> None:
        """Move up."""
        await self._command("1")

    async def close(self) -> None:
        """Move down."""
        await self._command("2")

    async def stop(self) -> None:
        """Stop moving."""
        await self._command("0")

    async def set_position(self, position: int) -> None:
        """Go to position (0 closed - 100 open).

        Raises:
            PositionUnknownError: a basic actuator without travel times or a
                known starting position cannot be positioned.

        """
        position = max(0, min(100, position))
        if self.is_advanced:
            await self._request(
                DimensionWrite(
                    WHO, self._where, DIMENSION_GOTO, (GOTO_PRIORITY,), (str(position),)
                )
            )
            return
        current = self.position
        if current is None or not self.travel_time_up or not self.travel_time_down:
            raise PositionUnknownError(
                f"{self} has no known position or travel times to move to {position}"
            )
        if position == current:
            return
        opening = position > current
        travel = self.travel_time_up if opening else self.travel_time_down
        duration = abs(position - current) / 100 * travel
        await self._command("1" if opening else "2")
        if position in (0, 100):
            return  # the end stop stops it
        self._cancel_stop_timer()
        self._stop_timer = asyncio.get_running_loop().call_later(
            duration, self._stop_soon
        )

    def _stop_soon(self) -> None:
        task = asyncio.get_running_loop().create_task(self.stop())
        self._stop_tasks.add(task)
        task.add_done_callback(self._stop_tasks.discard)

    def _cancel_stop_timer(self) -> None:
        if self._stop_timer is not None:
            self._stop_timer.cancel()
            self._stop_timer = None

    @override
    def refresh_requests(self) -> list[Frame]:
        if self.is_advanced:
            return [DimensionRequest(WHO, self._where, DIMENSION_STATUS)]
        return super().refresh_requests()

    @override
    def dispose(self) -> None:
        self._cancel_stop_timer()
        for task in self._stop_tasks:
            task.cancel()
