"""The contract between the bus router and the per-WHO handlers.

A handler owns the items of one function (lighting, automation...) and turns
each request frame into an ``Outcome``: the frames answered on the command
session before ACK/NACK, and the events every event session hears. Work that
happens later (a shutter reaching its end, a power push) goes through
``BusContext.emit``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    DimensionRequest,
    DimensionWrite,
    Frame,
    StatusRequest,
)

from .clock import Clock

type Emit = Callable[[Sequence[Frame]], None]


@dataclass(slots=True)
class Outcome:
    """What the gateway does with one request."""

    replies: list[Frame] = field(default_factory=list)
    accepted: bool = True
    events: list[Frame] = field(default_factory=list)


REFUSED = Outcome(accepted=False)


@dataclass(frozen=True, slots=True)
class BusContext:
    """What handlers may use besides their own items: time and the event stream."""

    clock: Clock
    emit: Emit


class WhoHandler:
    """Base handler: refuses every request; subclasses override what they serve."""

    def __init__(self, context: BusContext) -> None:
        """Keep the shared context."""
        self.context = context

    def command(self, frame: Command) -> Outcome:
        """``*WHO*WHAT*WHERE##``."""
        del frame
        return REFUSED

    def status(self, frame: StatusRequest) -> Outcome:
        """``*#WHO*WHERE##``."""
        del frame
        return REFUSED

    def dimension_request(self, frame: DimensionRequest) -> Outcome:
        """``*#WHO*WHERE*DIM##``."""
        del frame
        return REFUSED

    def dimension_write(self, frame: DimensionWrite) -> Outcome:
        """``*#WHO*WHERE*#DIM*V...##``."""
        del frame
        return REFUSED

    def stop(self) -> None:
        """Cancel pending timers (the simulator is stopping)."""
