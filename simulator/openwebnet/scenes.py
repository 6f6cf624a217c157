"""WHO 0 scenario modules and WHO 17 scenes of a scenario programmer.

* A scenario module (F420, IR 3456) runs scenario n when its button is
  pressed, or when a client sends ``*0*<n>*W##``, and reports it as that
  same frame (WHO_0.pdf). Programming frames (``*0*40#X*W##``...) come from
  the module itself; tests send them with ``emit``.
* A scene of an MH200N/MH202 (WHO_17.pdf): ``*17*1*N##`` start, ``2`` stop,
  ``3`` enable, ``4`` disable, each echoed; ``*#17*N##`` answers
  ``*17*<1|2>*N##`` then ``*17*<3|4>*N##``. A disabled scene does not start.
"""

from dataclasses import dataclass
from typing import Final, override

from custom_components.onewire_own.openwebnet.frames import (
    Command,
    Frame,
    StatusRequest,
)
from custom_components.onewire_own.openwebnet.where import Where

from .handler import REFUSED, BusContext, Outcome, WhoHandler
from .installation import ScenarioModuleSpec, SceneSpec

WHO_SCENARIO: Final = 0
WHO_SCENE: Final = 17
START: Final = "1"
STOP: Final = "2"
ENABLE: Final = "3"
DISABLE: Final = "4"
SCENE_WHATS: Final = frozenset({START, STOP, ENABLE, DISABLE})


@dataclass(eq=False)
class Scene:
    """One scene's live state."""

    spec: SceneSpec
    running: bool = False
    enabled: bool = True

    def __post_init__(self) -> None:
        """Start as the installation says."""
        self.running, self.enabled = self.spec.running, self.spec.enabled

    def frames(self) -> list[Frame]:
        """``*17*<1|2>*N##`` and ``*17*<3|4>*N##``: what a status request answers."""
        where = Where(str(self.spec.scene))
        return [
            Command(WHO_SCENE, START if self.running else STOP, (), where),
            Command(WHO_SCENE, ENABLE if self.enabled else DISABLE, (), where),
        ]


class ScenarioModules(WhoHandler):
    """WHO 0: each module runs its scenarios; a client may run one too."""

    def __init__(
        self, context: BusContext, specs: tuple[ScenarioModuleSpec, ...]
    ) -> None:
        """Know the installation's modules."""
        super().__init__(context)
        self.modules = {spec.where: spec for spec in specs}

    def activation(self, where: str, scenario: int) -> Command:
        """``*0*<n>*W##``; KeyError/ValueError for no such module or scenario."""
        spec = self.modules[where]
        if not 1 <= scenario <= spec.scenarios:
            raise ValueError(f"module {where} has no scenario {scenario}")
        return Command(WHO_SCENARIO, str(scenario), (), Where.parse(where))

    @override
    def command(self, frame: Command) -> Outcome:
        assert frame.where is not None
        if frame.what_params or not frame.what.isdigit():
            return REFUSED
        return Outcome(events=[self.activation(frame.where.format(), int(frame.what))])


class Scenes(WhoHandler):
    """WHO 17: scenes start, stop, are enabled and disabled; each is echoed."""

    def __init__(self, context: BusContext, specs: tuple[SceneSpec, ...]) -> None:
        """Create each scene in its starting state."""
        super().__init__(context)
        self.scenes = {spec.scene: Scene(spec) for spec in specs}

    def change(self, scene: Scene, what: str) -> list[Frame]:
        """Apply WHAT 1-4; the frames the bus reports (none if nothing happens)."""
        match what:
            case "1" if scene.enabled:
                scene.running = True
            case "2":
                scene.running = False
            case "3":
                scene.enabled = True
            case "4":
                scene.enabled = False
            case _:
                return []
        return [Command(WHO_SCENE, what, (), Where(str(scene.spec.scene)))]

    @override
    def command(self, frame: Command) -> Outcome:
        assert frame.where is not None
        scene = self._scene(frame.where)
        if scene is None or frame.what_params or frame.what not in SCENE_WHATS:
            return REFUSED
        return Outcome(events=self.change(scene, frame.what))

    @override
    def status(self, frame: StatusRequest) -> Outcome:
        scene = self._scene(frame.where)
        return REFUSED if scene is None else Outcome(replies=scene.frames())

    def _scene(self, where: Where) -> Scene | None:
        address = where.format()
        return self.scenes.get(int(address)) if address.isdigit() else None
