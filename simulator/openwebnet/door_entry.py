"""WHO 8 door entry (with WHO 6): entrance panels that ring handsets, the door lock.

Frames (``docs/openwebnet-systems.md`` §3, MH200 capture and BTicino's
touch-screen code):

* a visitor presses the call button: ``*8*1#<tone>#<media>*<handset>##``
  (the WHERE is the handset called), and the panel names itself with
  ``*8*9#<tone>#<media>*<panel>##`` at once (``announces: call``) or when
  the handset answers (``answer``, as the MH200 capture shows); hanging up
  ends with ``*6*9##`` (MH200); ``media`` is 2 for audio only, else 4;
* a client opens the door with ``*8*19*<panel>##`` then ``*8*20*<panel>##``
  and switches on the staircase light with 21 then 22: each is acknowledged
  and reported on the event session. Gateways without a door-entry service
  refuse every WHO 8 command (MyHOMEServer1 and MH200N in the firmware
  emulation: ``GatewayProfile.door_entry_commands``).
"""

from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import Command, Frame
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import EntrancePanelSpec, HandsetSpec

WHO: Final = 8
WHO_DOOR_ENTRY: Final = 6
CALL: Final = "1"
CALLER_ADDRESS: Final = "9"
OPEN_LOCK: Final = "19"
RELEASE_LOCK: Final = "20"
STAIRCASE_ON: Final = "21"
STAIRCASE_RELEASE: Final = "22"
PRESSES: Final = {OPEN_LOCK, RELEASE_LOCK, STAIRCASE_ON, STAIRCASE_RELEASE}
AUDIO_ONLY: Final = "2"
AUDIO_VIDEO: Final = "4"


@dataclass(eq=False)
class EntrancePanel:
    """One entrance panel's live state."""

    spec: EntrancePanelSpec
    #: The lock button is held down (19 sent, 20 not yet).
    lock_pressed: bool = False
    #: Times the door was opened (a 19 then 20 press).
    door_openings: int = 0
    staircase_pressed: bool = False
    staircase_switches: int = 0

    def call_params(self) -> tuple[str, str]:
        """``tone#media`` of its calls."""
        return (
            str(self.spec.ring_tone),
            AUDIO_ONLY if self.spec.audio_only else AUDIO_VIDEO,
        )


class DoorEntry(WhoHandler):
    """Every entrance panel and handset of the installation."""

    def __init__(
        self,
        context: BusContext,
        panels: tuple[EntrancePanelSpec, ...],
        handsets: tuple[HandsetSpec, ...],
        *,
        serves_commands: bool = True,
    ) -> None:
        """Install the panels and handsets."""
        super().__init__(context)
        self.panels = {spec.where: EntrancePanel(spec) for spec in panels}
        self.handsets = {spec.where: spec for spec in handsets}
        self.serves_commands = serves_commands
        #: The panel whose call is going on and whether it named itself yet.
        self.calling: EntrancePanel | None = None
        self.announced = False

    @override
    def command(self, frame: Command) -> Outcome:
        if not self.serves_commands or frame.what not in PRESSES:
            return REFUSED
        panel = self.panels.get(frame.where.format()) if frame.where else None
        if panel is None:
            return REFUSED
        match frame.what:
            case "19":
                panel.lock_pressed = True
            case "20":
                panel.door_openings += panel.lock_pressed
                panel.lock_pressed = False
            case "21":
                panel.staircase_pressed = True
            case _:
                panel.staircase_switches += panel.staircase_pressed
                panel.staircase_pressed = False
        return Outcome(events=[frame])

    def ring(self, where: str, handset: str | None = None) -> None:
        """A visitor presses the panel's call button."""
        panel = self.panels[where]
        called = handset or panel.spec.handset or next(iter(self.handsets), "")
        if not called:
            raise LookupError(f"panel {where} has no handset to ring")
        self.calling = panel
        self.announced = False
        frames: list[Frame] = [
            Command(WHO, CALL, panel.call_params(), Where.parse(called))
        ]
        if panel.spec.announces == "call":
            frames.append(self._caller_address(panel))
        self.context.emit(frames)

    def answer(self) -> None:
        """The handset answers: a panel that waited for it names itself now."""
        if self.calling is not None and not self.announced:
            self.context.emit([self._caller_address(self.calling)])

    def hang_up(self) -> None:
        """The call ends (``*6*9##``, the camera goes off)."""
        self.calling = None
        self.context.emit([Command(WHO_DOOR_ENTRY, "9", (), None)])

    def _caller_address(self, panel: EntrancePanel) -> Command:
        self.announced = True
        return Command(
            WHO, CALLER_ADDRESS, panel.call_params(), Where.parse(panel.spec.where)
        )
