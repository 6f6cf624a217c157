"""WHO 1 lighting: switches, 10-level and 100-level dimmers.

Echo on the event sessions, as real gateways do (PROTOCOLS.md §2): the command
translation ``*1*1000#<what>*<where>##``, then the plain frame, then for a
100-level dimmer addressed point-to-point its dimension 1 frame
``*#1*W*1*<100+level>*<speed>##``. Area, group and general commands are echoed
as translation + plain frame only: actuators do not report each one, so a
client must apply them to every light they address.
"""

import asyncio
from dataclasses import dataclass
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
from .handler import REFUSED, BusContext, Outcome
from .installation import LightKind, LightSpec

WHO: Final = 1
TRANSLATION_WHAT: Final = "1000"
LEVEL_DIMENSION: Final = "1"
# WHAT 11-18: timed on, in gateway seconds.
TIMED_ON: Final = dict(
    zip(
        range(11, 19), (60.0, 120.0, 180.0, 240.0, 300.0, 900.0, 30.0, 0.5), strict=True
    )
)
BLINK: Final = range(20, 30)
STEP_UP: Final = 30
STEP_DOWN: Final = 31
MOTION: Final = (34, 39)
DIMMERS: Final = (LightKind.DIMMER_10, LightKind.DIMMER_100)


@dataclass(eq=False)
class Light(AddressedBySpec):
    """One light actuator's live state; ``level`` is 0 when off."""

    spec: LightSpec
    level: int = 0
    #: Brightness that "on" restores on a dimmer.
    remembered_level: int = 100
    speed: str = "0"

    @property
    def on(self) -> bool:
        """Whether the light is lit."""
        return self.level > 0

    @property
    def what(self) -> str:
        """The WHAT a status request answers: 0/1, or 2-10 for a lit dimmer."""
        if not self.on:
            return "0"
        if self.spec.kind in DIMMERS:
            return str(min(10, max(2, round(self.level / 10))))
        return "1"

    def status_frame(self) -> Command:
        """``*1*<what>*<where>##``."""
        return Command(WHO, self.what, (), self.where)

    def level_frame(self) -> DimensionReply:
        """``*#1*<where>*1*<100+level>*<speed>##`` (100-level dimmers)."""
        return DimensionReply(
            WHO, self.where, LEVEL_DIMENSION, (str(100 + self.level), self.speed)
        )

    def set_level(self, level: int) -> None:
        """Light at ``level`` (0 switches off, keeping the level to restore)."""
        level = max(0, min(100, level))
        if level:
            self.remembered_level = level
        self.level = level if self.spec.kind in DIMMERS or not level else 100


class Lighting(Actuators[Light]):
    """Every WHO 1 actuator of the installation."""

    def __init__(self, context: BusContext, specs: tuple[LightSpec, ...]) -> None:
        """Create each light in its starting state."""
        super().__init__(context, {spec.where: Light(spec) for spec in specs})
        self.lights = self.items
        for light in self.lights.values():
            light.set_level(light.spec.level)
        self._timers: dict[str, asyncio.TimerHandle] = {}

    @override
    def command(self, frame: Command) -> Outcome:
        what = int(frame.what)
        lights = self.addressed(frame.where)
        if not lights or not self._apply(what, frame.what_params, lights):
            return REFUSED
        events: list[Frame] = [
            Command(
                WHO, TRANSLATION_WHAT, (frame.what, *frame.what_params), frame.where
            ),
            frame,
        ]
        if frame.where.kind is WhereKind.POINT_TO_POINT:
            events += self._level_events(lights)
        return Outcome(events=events)

    def _apply(self, what: int, params: tuple[str, ...], lights: list[Light]) -> bool:
        """Change the lights as WHAT says; False for a WHAT nobody obeys."""
        speed = params[0] if params else "0"
        for light in lights:
            light.speed = speed
            self._cancel_timer(light)
            if what == 0:
                light.set_level(0)
            elif what == 1 or what in BLINK or what in MOTION:
                light.set_level(light.remembered_level)
            elif 2 <= what <= 10:
                light.set_level(what * 10)
            elif what in TIMED_ON:
                light.set_level(light.remembered_level)
                self._switch_off_later(light, TIMED_ON[what])
            elif what in (STEP_UP, STEP_DOWN):
                step = 10 if what == STEP_UP else -10
                light.set_level(max(10, light.level + step) if light.on else 0)
            else:
                return False
        return True

    def _level_events(self, lights: list[Light]) -> list[Frame]:
        return [
            light.level_frame()
            for light in lights
            if light.spec.kind is LightKind.DIMMER_100
        ]

    def _switch_off_later(self, light: Light, seconds: float) -> None:
        def switch_off() -> None:
            self._timers.pop(light.spec.where, None)
            light.set_level(0)
            self.context.emit([light.status_frame(), *self._level_events([light])])

        self._timers[light.spec.where] = self.context.clock.call_later(
            seconds, switch_off
        )

    def _cancel_timer(self, light: Light) -> None:
        timer = self._timers.pop(light.spec.where, None)
        if timer is not None:
            timer.cancel()

    @override
    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        light = self.lights.get(frame.where.format())
        if (
            light is None
            or frame.dimension != LEVEL_DIMENSION
            or light.spec.kind is not LightKind.DIMMER_100
        ):
            return REFUSED
        return Outcome(replies=[light.level_frame()])

    @override
    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        dimmers = [
            light
            for light in self.addressed(frame.where)
            if light.spec.kind is LightKind.DIMMER_100
        ]
        value = int(frame.values[0])
        if frame.dimension != LEVEL_DIMENSION or not dimmers or not 100 <= value <= 200:
            return REFUSED
        speed = frame.values[1] if len(frame.values) > 1 else "0"
        for light in dimmers:
            self._cancel_timer(light)
            light.speed = speed
            light.set_level(value - 100)
        return Outcome(
            events=[
                DimensionReply(WHO, frame.where, LEVEL_DIMENSION, (str(value), speed))
            ]
        )

    @override
    def stop(self) -> None:
        for light in self.lights.values():
            self._cancel_timer(light)
