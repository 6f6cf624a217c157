"""WHO 9 auxiliary channels: ``*9*<0 off|1 on>*<channel>##``."""

from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import Command, StatusRequest
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import AuxSpec

WHO: Final = 9
GENERAL: Final = Where("0")


@dataclass(eq=False)
class AuxChannel:
    """One channel's live state."""

    spec: AuxSpec
    on: bool = False

    def __post_init__(self) -> None:
        """Start as the installation says."""
        self.on = self.spec.on

    def frame(self) -> Command:
        """``*9*<0|1>*<channel>##``."""
        return Command(WHO, "1" if self.on else "0", (), Where.parse(self.spec.channel))


class Auxiliary(WhoHandler):
    """Every WHO 9 channel of the installation."""

    def __init__(self, context: BusContext, specs: tuple[AuxSpec, ...]) -> None:
        """Create each channel in its starting state."""
        super().__init__(context)
        self.channels = {spec.channel: AuxChannel(spec) for spec in specs}

    @override
    def command(self, frame: Command) -> Outcome:
        channel = self.channels.get(frame.where.format())
        if channel is None or frame.what not in ("0", "1"):
            return REFUSED
        channel.on = frame.what == "1"
        return Outcome(events=[channel.frame()])

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        if frame.where == GENERAL:
            return Outcome(replies=[c.frame() for c in self.channels.values()])
        channel = self.channels.get(frame.where.format())
        if channel is None:
            return REFUSED
        return Outcome(replies=[channel.frame()])
