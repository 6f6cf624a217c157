"""Motion detectors: WHO 1 points that report motion (WHAT 34) and its end (39).

The protocol package's ``Light`` item keeps on/off and brightness and drops
34/39, so this adapter watches the event frames for them (via ``Gateway``,
the subclass Home Assistant builds) and keeps, per point, whether motion is
detected right now.
"""

from collections.abc import Callable
from functools import cached_property
from typing import Final, override

from ..openwebnet import Command, Frame, WhereKind
from ..openwebnet.gateway import Gateway

WHO_LIGHTING: Final = 1
MOTION: Final = "34"
END_OF_MOTION: Final = "39"

type MotionListener = Callable[[str, bool], None]


class MotionTracker:
    """Whether each point that ever reported motion detects it now."""

    def __init__(self) -> None:
        """No point has reported anything yet."""
        self.detected: dict[str, bool] = {}
        self._listeners: list[MotionListener] = []

    def add_listener(self, listener: MotionListener) -> Callable[[], None]:
        """Call listener(where, first_report) on every report; returns its remover."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def handle(self, frames: list[Frame]) -> None:
        """Record the motion reports among frames and tell the listeners."""
        for frame in frames:
            if (
                isinstance(frame, Command)
                and frame.who == WHO_LIGHTING
                and frame.what in (MOTION, END_OF_MOTION)
                and frame.where.kind is WhereKind.POINT_TO_POINT
            ):
                where = frame.where.format()
                first_report = where not in self.detected
                self.detected[where] = frame.what == MOTION
                for listener in list(self._listeners):
                    listener(where, first_report)


class MotionAwareGateway(Gateway):
    """A ``Gateway`` whose event frames also feed a ``MotionTracker``."""

    @cached_property
    def motion(self) -> MotionTracker:
        """The motion reports heard so far."""
        return MotionTracker()

    @override
    def _handle_events(self, frames: list[Frame]) -> None:
        super()._handle_events(frames)
        self.motion.handle(frames)
