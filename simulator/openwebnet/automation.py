"""WHO 2 automation: basic and advanced shutter actuators that take time to move.

A shutter moves at ``100 / travel`` percent per gateway second, so its
position is computed from the clock while it moves and an arrival timer stops
it at the target. Events: the command echo (plain frame), then for advanced
actuators the dimension 10 status ``*#2*W*10*<11 up|12 down>*<level>*<prio>*0##``;
on arrival ``*2*0*W##`` (and the dimension 10 stop frame for advanced ones).
Basic actuators do not know their position on a real bus; the simulator keeps
it anyway so tests can inspect it.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionReply,
    DimensionRequest,
    DimensionWrite,
    Frame,
)
from custom_components.onewire_own.openwebnet.where import WhereKind

from .addressing import Actuators, AddressedBySpec
from .clock import Clock
from .handler import REFUSED, BusContext, Outcome
from .installation import ShutterSpec

WHO: Final = 2
STATUS_DIMENSION: Final = "10"
GOTO_DIMENSION: Final = "11"
OPEN: Final = 100.0
CLOSED: Final = 0.0
INFO: Final = "0"


type ArrivalCallback = Callable[[Shutter], None]


class Motion(IntEnum):
    """A shutter's motion, numbered as WHO 2 WHAT (0 stop, 1 up, 2 down)."""

    STOPPED = 0
    UP = 1
    DOWN = 2

    @property
    def status(self) -> str:
        """The dimension 10 status: 10 stopped, 11 up, 12 down."""
        return str(10 + self)


@dataclass(eq=False)
class Shutter(AddressedBySpec):
    """One actuator's live state; position 0 is closed, 100 open."""

    spec: ShutterSpec
    clock: Clock
    motion: Motion = Motion.STOPPED
    priority: str = "1"
    _start_position: float = 0.0
    _started_at: float = 0.0
    _target: float = 0.0
    _arrival: asyncio.TimerHandle | None = None

    def __post_init__(self) -> None:
        """Start at the installation's position."""
        self._start_position = self._target = float(self.spec.position)

    @property
    def position(self) -> float:
        """Where the shutter is now, 0-100."""
        if self.motion is Motion.STOPPED:
            return self._start_position
        travel = (
            self.spec.travel_up if self.motion is Motion.UP else self.spec.travel_down
        )
        moved = (self.clock.now() - self._started_at) * 100.0 / travel
        if self.motion is Motion.UP:
            return min(self._target, self._start_position + moved)
        return max(self._target, self._start_position - moved)

    @property
    def level(self) -> int:
        """The position as a dimension 10 level."""
        return round(self.position)

    def status_frame(self) -> Frame:
        """The answer to a status request: dimension 10 if advanced, else WHAT."""
        if self.spec.advanced:
            return self.level_frame()
        return Command(WHO, str(int(self.motion)), (), self.where)

    def level_frame(self, position: float | None = None) -> DimensionReply:
        """``*#2*W*10*<status>*<level>*<priority>*<info>##`` (now, or at ``position``)."""
        level = self.level if position is None else round(position)
        return DimensionReply(
            WHO,
            self.where,
            STATUS_DIMENSION,
            (self.motion.status, str(level), self.priority, INFO),
        )

    def start_frame(self) -> DimensionReply:
        """The dimension 10 frame of a motion that just started, at its start."""
        return self.level_frame(self._start_position)

    def halt(self) -> None:
        """Stop where the shutter is now."""
        self._start_position = self.position
        self.motion = Motion.STOPPED
        if self._arrival is not None:
            self._arrival.cancel()
            self._arrival = None

    def travel_to(self, target: float, on_arrival: ArrivalCallback) -> None:
        """Start moving towards ``target``; ``on_arrival`` runs when it stops there.

        Asked for the end stop it already sits at, an actuator still runs its
        motor for the whole travel time (it cannot know it is there), so it
        reports moving and then stopping like any other run. Asked for the
        position it is at (dimension 11), it does nothing.
        """
        self.halt()
        start = self._start_position
        if target == start and target not in (OPEN, CLOSED):
            return
        if target == start:
            self.motion = Motion.UP if target == OPEN else Motion.DOWN
        else:
            self.motion = Motion.UP if target > start else Motion.DOWN
        travel = (
            self.spec.travel_up if self.motion is Motion.UP else self.spec.travel_down
        )
        distance = abs(target - start) or 100.0
        self._target = target
        self._started_at = self.clock.now()

        def arrive() -> None:
            self._arrival = None
            self._start_position = target
            self.motion = Motion.STOPPED
            on_arrival(self)

        self._arrival = self.clock.call_later(distance * travel / 100.0, arrive)


class Automation(Actuators[Shutter]):
    """Every WHO 2 actuator of the installation."""

    def __init__(self, context: BusContext, specs: tuple[ShutterSpec, ...]) -> None:
        """Create each shutter at its starting position."""
        super().__init__(
            context, {spec.where: Shutter(spec, context.clock) for spec in specs}
        )
        self.shutters = self.items

    @override
    def command(self, frame: Command) -> Outcome:
        shutters = self.addressed(frame.where)
        if not shutters or frame.what not in ("0", "1", "2"):
            return REFUSED
        motion = Motion(int(frame.what))
        for shutter in shutters:
            if motion is Motion.STOPPED:
                shutter.halt()
            else:
                target = OPEN if motion is Motion.UP else CLOSED
                shutter.travel_to(target, self._arrived)
        events: list[Frame] = [frame]
        if frame.where.kind is WhereKind.POINT_TO_POINT:
            events += [s.start_frame() for s in shutters if s.spec.advanced]
        return Outcome(events=events)

    def _arrived(self, shutter: Shutter) -> None:
        events: list[Frame] = [Command(WHO, "0", (), shutter.where)]
        if shutter.spec.advanced:
            events.append(shutter.level_frame())
        self.context.emit(events)

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        shutter = self.shutters.get(frame.where.format())
        if (
            shutter is None
            or not shutter.spec.advanced
            or frame.dimension != STATUS_DIMENSION
        ):
            return REFUSED
        return Outcome(replies=[shutter.level_frame()])

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        shutters = [s for s in self.addressed(frame.where) if s.spec.advanced]
        level = int(frame.values[0])
        if frame.dimension != GOTO_DIMENSION or not shutters or not 0 <= level <= 100:
            return REFUSED
        for shutter in shutters:
            if frame.dimension_params:
                shutter.priority = frame.dimension_params[0]
            shutter.travel_to(float(level), self._arrived)
        return Outcome(events=[shutter.start_frame() for shutter in shutters])

    @override
    def stop(self) -> None:
        for shutter in self.shutters.values():
            shutter.halt()
