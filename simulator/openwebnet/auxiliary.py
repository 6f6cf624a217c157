"""WHO 9 auxiliary channels: ``*9*<0 off|1 on>*<channel>##``."""

from collections.abc import Callable
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

    def __init__(
        self,
        context: BusContext,
        specs: tuple[AuxSpec, ...],
        on_command: Callable[[str, bool], None] | None = None,
    ) -> None:
        """Create each channel in its starting state.

        ``on_command(channel, on)`` hears every command (the burglar alarm's
        central unit acts on the channels it is programmed for, including
        channels no aux item of the installation shows).
        """
        super().__init__(context)
        self.channels = {spec.channel: AuxChannel(spec) for spec in specs}
        self._on_command = on_command

    @override
    def command(self, frame: Command) -> Outcome:
        if frame.what not in ("0", "1") or frame.where is None:
            return REFUSED
        address = frame.where.format()
        channel = self.channels.get(address)
        listened = self._on_command is not None and address.isdigit()
        if channel is None and not listened:
            return REFUSED
        if self._on_command is not None:
            self._on_command(address, frame.what == "1")
        if channel is None:
            return Outcome(events=[frame])
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
