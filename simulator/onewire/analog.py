"""Analog inputs of the emulated world: a value now, or a ramp over time.

A thermometer does not hold "a temperature": it samples the room's
temperature when it converts. ``Signal`` is that room: a constant, a step at
time t, or a linear ramp from one value to another, evaluated at whatever
bus time the chip samples it.
"""

from dataclasses import dataclass
from typing import Self


@dataclass(slots=True)
class Signal:
    """A piecewise-linear value of bus time: flat, then one ramp, then flat."""

    start_time: float
    start_value: float
    end_time: float
    end_value: float

    @classmethod
    def constant(cls, value: float) -> Self:
        """A value that never changes (until set)."""
        return cls(0.0, value, 0.0, value)

    def at(self, time: float) -> float:
        """The value at bus time."""
        if time <= self.start_time:
            return self.start_value
        if time >= self.end_time:
            return self.end_value
        fraction = (time - self.start_time) / (self.end_time - self.start_time)
        return self.start_value + fraction * (self.end_value - self.start_value)

    def set(self, value: float, at: float) -> None:
        """Step to value at time at (and stay there)."""
        self.start_time = self.end_time = at
        self.start_value = self.end_value = value

    def ramp(self, target: float, duration: float, at: float) -> None:
        """From its value at time at, move linearly to target over duration."""
        if duration <= 0:
            self.set(target, at)
            return
        self.start_value = self.at(at)
        self.start_time = at
        self.end_time = at + duration
        self.end_value = target
