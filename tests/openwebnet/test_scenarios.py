"""Scenario modules (WHO 0), programmed scenes (WHO 17) and virtual button presses."""

import pytest

from custom_components.onewire_own.openwebnet import OpenWebNetCommandError
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    NACK,
    Frame,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.items import (
    CenButton,
    CenPlusButton,
    ItemRegistry,
    ProgrammedScene,
    ScenarioAction,
    ScenarioModule,
    ScenarioReported,
    SceneAction,
    SceneChanged,
    buttons,
)


class Recorder:
    def __init__(self, refuse_after: int | None = None) -> None:
        self.sent: list[str] = []
        self.refuse_after = refuse_after

    async def send(self, frame: Frame) -> list[Frame]:
        self.sent.append(frame.build())
        if self.refuse_after is not None and len(self.sent) > self.refuse_after:
            return [NACK]
        return [ACK]


@pytest.mark.parametrize(
    ("frame", "event"),
    [
        # WHO_0.pdf and openwebnet4j's tests.
        ("*0*14*95##", ScenarioReported(ScenarioAction.ACTIVATED, 14)),
        ("*0*2*05##", ScenarioReported(ScenarioAction.ACTIVATED, 2)),
        ("*0*20*05#4#01##", ScenarioReported(ScenarioAction.ACTIVATED, 20)),
        ("*0*40#5*06##", ScenarioReported(ScenarioAction.RECORDING_STARTED, 5)),
        ("*0*41#5*06##", ScenarioReported(ScenarioAction.RECORDING_ENDED, 5)),
        ("*0*42*06##", ScenarioReported(ScenarioAction.ERASED)),
        ("*0*42#3*06##", ScenarioReported(ScenarioAction.ERASED, 3)),
        ("*0*43*06##", ScenarioReported(ScenarioAction.LOCKED)),
        ("*0*44*06##", ScenarioReported(ScenarioAction.UNLOCKED)),
        ("*0*45*06##", ScenarioReported(ScenarioAction.UNAVAILABLE)),
        ("*0*46*06##", ScenarioReported(ScenarioAction.MEMORY_FULL)),
        ("*0*21*06##", None),
        ("*0*0*06##", None),
        ("*0*3#1*06##", None),
    ],
)
def test_scenario_modules_report_what_they_ran(
    frame: str, event: ScenarioReported | None
) -> None:
    registry = ItemRegistry(Recorder())
    heard: list[object] = []
    registry.add_callback(lambda item, reported: heard.append(reported))
    registry.dispatch(parse_frame(frame))
    assert heard == ([] if event is None else [event])
    (module,) = registry.items.values()
    assert isinstance(module, ScenarioModule)
    assert module.last_event == event
    assert module.events == (0 if event is None else 1)
    assert module.refresh_requests() == []


@pytest.mark.parametrize(
    ("frame", "action"),
    [
        ("*17*1*3##", SceneAction.STARTED),
        ("*17*2*3##", SceneAction.STOPPED),
        ("*17*3*3##", SceneAction.ENABLED),
        ("*17*4*3##", SceneAction.DISABLED),
        ("*17*5*3##", None),
        ("*17*1#2*3##", None),
        ("*#17*3*1*0##", None),
    ],
)
def test_programmed_scenes_report_what_happened(
    frame: str, action: SceneAction | None
) -> None:
    registry = ItemRegistry(Recorder())
    registry.dispatch(parse_frame(frame))
    scene = registry.get_item(17, "3")
    assert isinstance(scene, ProgrammedScene)
    assert scene.last_event == (None if action is None else SceneChanged(action))


def test_a_module_reports_only_commands() -> None:
    registry = ItemRegistry(Recorder())
    module = registry.get_item(0, "05")
    assert module.handle(parse_frame("*#0*05*1*3##")) == []  # type: ignore[arg-type]


def test_every_scene_is_not_a_scene() -> None:
    registry = ItemRegistry(Recorder())
    registry.dispatch(parse_frame("*17*4*0##"))
    assert registry.items == {}


async def test_scenario_and_scene_commands() -> None:
    sender = Recorder()
    registry = ItemRegistry(sender)
    module = registry.get_item(0, "05")
    scene = registry.get_item(17, "12")
    assert isinstance(module, ScenarioModule)
    assert isinstance(scene, ProgrammedScene)
    await module.activate(7)
    with pytest.raises(ValueError, match="no scenario 21"):
        await module.activate(21)
    await scene.start()
    await scene.stop()
    await scene.enable()
    await scene.disable()
    assert sender.sent == [
        "*0*7*05##",
        "*17*1*12##",
        "*17*2*12##",
        "*17*3*12##",
        "*17*4*12##",
    ]


@pytest.fixture
def no_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buttons, "HOLD_REPEAT_S", 0)


@pytest.mark.usefixtures("no_hold")
@pytest.mark.parametrize(
    ("who", "where", "long", "frames"),
    [
        # A real short CEN press: pressure, then release (MyHOME issue_434).
        (15, "73", False, ["*15*01*73##", "*15*01#1*73##"]),
        (15, "73", True, ["*15*01*73##", "*15*01#3*73##", "*15*01#2*73##"]),
        (15, "33#4#02", False, ["*15*01*33#4#02##", "*15*01#1*33#4#02##"]),
        (25, "2123", False, ["*25*21#1*2123##"]),
        (25, "2123", True, ["*25*22#1*2123##", "*25*23#1*2123##", "*25*24#1*2123##"]),
    ],
)
async def test_a_virtual_press_sends_what_a_real_one_puts_on_the_bus(
    who: int, where: str, long: bool, frames: list[str]
) -> None:
    sender = Recorder()
    control = ItemRegistry(sender).get_item(who, where)
    assert isinstance(control, CenButton | CenPlusButton)
    await control.virtual_press(1, long=long)
    assert sender.sent == frames


@pytest.mark.usefixtures("no_hold")
async def test_a_refused_press_stops_at_the_refused_frame() -> None:
    sender = Recorder(refuse_after=1)
    control = ItemRegistry(sender).get_item(15, "21")
    assert isinstance(control, CenButton)
    with pytest.raises(OpenWebNetCommandError):
        await control.virtual_press(3, long=True)
    assert sender.sent == ["*15*03*21##", "*15*03#3*21##"]
    with pytest.raises(ValueError, match="no button 32"):
        await control.virtual_press(32)
