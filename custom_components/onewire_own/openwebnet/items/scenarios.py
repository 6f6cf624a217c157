"""WHO 0 scenario modules and WHO 17 scenario programmer scenes: events only.

* A scenario module (F420, IR 3456; WHERE ``01``-``99``, perhaps ``#4#nn``)
  reports ``*0*<n>*W##`` when it runs scenario n (1-16 on an F420, 1-20 on an
  IR 3456); an F420 also reports its programming: ``*0*40#X*W##`` recording
  of X started, ``41#X`` ended, ``*0*42*W##`` / ``42#X`` memory (of X)
  erased, 43 locked, 44 unlocked, 45 unavailable, 46 memory full
  (WHO_0.pdf v2.0.0).
* A scene of a scenario programmer (MH200N, MH202; WHERE the scene number)
  reports ``*17*<what>*<scene>##``: 1 started, 2 stopped, 3 enabled, 4
  disabled (WHO_17.pdf v1.0).

Neither can be swept, so they are items once the bus first mentions them.
Their status answers look exactly like their events, so they are never
asked: an item reports only what happened.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final, override

from ..frames import Command, DimensionReply, Frame
from .base import FrameSender, Item, ItemEvent

WHO_SCENARIO: Final = 0
WHO_SCENE: Final = 17
MAX_SCENARIO: Final = 20
#: The scene WHERE that means every scene (not an item).
ALL_SCENES: Final = "0"


class ScenarioAction(StrEnum):
    """What a scenario module reported."""

    ACTIVATED = "activated"
    RECORDING_STARTED = "recording_started"
    RECORDING_ENDED = "recording_ended"
    ERASED = "erased"
    LOCKED = "locked"
    UNLOCKED = "unlocked"
    UNAVAILABLE = "unavailable"
    MEMORY_FULL = "memory_full"


_MODULE_WHATS: Final = {
    "40": ScenarioAction.RECORDING_STARTED,
    "41": ScenarioAction.RECORDING_ENDED,
    "42": ScenarioAction.ERASED,
    "43": ScenarioAction.LOCKED,
    "44": ScenarioAction.UNLOCKED,
    "45": ScenarioAction.UNAVAILABLE,
    "46": ScenarioAction.MEMORY_FULL,
}


@dataclass(frozen=True, slots=True)
class ScenarioReported(ItemEvent):
    """A scenario module ran a scenario, or reported on its programming.

    ``scenario`` is the scenario's number when the frame names one.
    """

    action: ScenarioAction
    scenario: int | None = None


class SceneAction(StrEnum):
    """What a programmed scene did."""

    STARTED = "started"
    STOPPED = "stopped"
    ENABLED = "enabled"
    DISABLED = "disabled"


_SCENE_WHATS: Final = {
    "1": SceneAction.STARTED,
    "2": SceneAction.STOPPED,
    "3": SceneAction.ENABLED,
    "4": SceneAction.DISABLED,
}


@dataclass(frozen=True, slots=True)
class SceneChanged(ItemEvent):
    """A scene of the scenario programmer started, stopped, was enabled or disabled."""

    action: SceneAction


class _Reporter(Item):
    """An item that only reports events; ``last_event`` is the latest."""

    def __init__(self, sender: FrameSender, where: str) -> None:
        super().__init__(sender, where)
        self.last_event: ItemEvent | None = None
        #: Events reported so far (entities added late catch up with it).
        self.events = 0

    def _report(self, event: ItemEvent) -> list[ItemEvent]:
        self.last_event = event
        self.events += 1
        return [event]

    @override
    def refresh_requests(self) -> list[Frame]:
        return []  # a status answer would look like an event


class ScenarioModule(_Reporter):
    """An F420 / IR 3456 scenario module (WHERE its address)."""

    who: ClassVar[int] = WHO_SCENARIO

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command) or not frame.what.isdigit():
            return []
        params = frame.what_params
        action = _MODULE_WHATS.get(frame.what)
        if action is not None:
            scenario = params[0] if params and params[0].isdigit() else None
            return self._report(
                ScenarioReported(action, None if scenario is None else int(scenario))
            )
        scenario_number = int(frame.what)
        if params or not 1 <= scenario_number <= MAX_SCENARIO:
            return []
        return self._report(ScenarioReported(ScenarioAction.ACTIVATED, scenario_number))

    async def activate(self, scenario: int) -> None:
        """Run scenario 1-20 of the module, as its own button would."""
        if not 1 <= scenario <= MAX_SCENARIO:
            raise ValueError(f"no scenario {scenario}")
        await self._command(str(scenario))


class ProgrammedScene(_Reporter):
    """A scene of an MH200N/MH202 scenario programmer (WHERE its number)."""

    who: ClassVar[int] = WHO_SCENE

    @override
    def handle(self, frame: Command | DimensionReply) -> list[ItemEvent]:
        if not isinstance(frame, Command) or frame.what_params:
            return []
        action = _SCENE_WHATS.get(frame.what)
        return [] if action is None else self._report(SceneChanged(action))

    async def start(self) -> None:
        """Start the scene."""
        await self._command("1")

    async def stop(self) -> None:
        """Stop the scene."""
        await self._command("2")

    async def enable(self) -> None:
        """Allow the scene to run."""
        await self._command("3")

    async def disable(self) -> None:
        """Keep the scene from running."""
        await self._command("4")
