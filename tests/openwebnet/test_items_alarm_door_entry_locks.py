"""The burglar alarm (WHO 5), door entry (WHO 6/7/8) and actuator locks (WHO 14) as items.

Frames are the captured ones of ``docs/openwebnet-systems.md`` §13 where a
capture exists (F453AV and H4890 status answers, the MH200 door-entry
call), the official document's forms otherwise.
"""

from collections.abc import Callable

import pytest

from custom_components.onewire_own.openwebnet import (
    ACK,
    NACK,
    AlarmNotControllableError,
    OpenWebNetCommandError,
)
from custom_components.onewire_own.openwebnet.frames import Frame, parse_frame
from custom_components.onewire_own.openwebnet.items import (
    ActuatorLock,
    AlarmArming,
    AlarmKind,
    AlarmSystem,
    AlarmZone,
    AuxCommand,
    BatteryState,
    CallKind,
    DoorbellPressed,
    DoorEntryCall,
    DoorEntryUnit,
    ItemEvent,
    ItemRegistry,
    StateChanged,
    SystemState,
    door_entry,
    item_address,
)
from custom_components.onewire_own.openwebnet.items.base import Item
from custom_components.onewire_own.openwebnet.where import Where


class RecordingSender:
    """Answers every frame with ACK, or with NACK for the texts in ``refused``."""

    def __init__(self, refused: frozenset[str] = frozenset()) -> None:
        self.sent: list[str] = []
        self.refused = refused

    async def send(self, frame: Frame) -> list[Frame]:
        text = frame.build()
        self.sent.append(text)
        return [NACK if text in self.refused else ACK]


def fed(registry: ItemRegistry, *raw: str) -> list[tuple[Item, ItemEvent]]:
    """Dispatch raw frames; return every (item, event) the registry reported."""
    heard: list[tuple[Item, ItemEvent]] = []
    remove = registry.add_callback(lambda item, event: heard.append((item, event)))
    for text in raw:
        registry.dispatch(parse_frame(text))
    remove()
    return heard


def alarm_registry(*raw: str) -> ItemRegistry:
    registry = ItemRegistry(RecordingSender())
    fed(registry, *raw)
    return registry


def system_of(registry: ItemRegistry) -> AlarmSystem:
    system = registry.items[(5, "0")]
    assert isinstance(system, AlarmSystem)
    return system


def zone_of(registry: ItemRegistry, number: int) -> AlarmZone:
    zone = registry.items[(5, f"#{number}")]
    assert isinstance(zone, AlarmZone)
    return zone


# F453AV fw 3.0.14 answering its status request (MyHOME issue 619 sweep).
F453AV_STATUS = (
    "*5*1*##",
    "*5*9*##",
    "*5*5*##",
    "*5*7*##",
    "*5*18*#1##",
    "*5*11*#2##",
    "*5*18*#3##",
    "*5*18*#4##",
    "*5*18*#5##",
    "*5*18*#6##",
    "*5*18*#7##",
    "*5*18*#8##",
    "*5*15*#2##",
)
# H4890 fw 4.0.15, one burst within 120 ms (MyHOME issue 466 trace).
H4890_BURST = (
    "*5*9*0##",
    "*5*1*0##",
    "*5*11*#5##",
    "*5*11*#6##",
    "*5*18*#7##",
    "*5*18*#8##",
    "*5*11*#1##",
    "*5*11*#2##",
    "*5*11*#3##",
    "*5*11*#4##",
)


def test_an_f453av_status_answer_gives_the_system_and_its_eight_zones() -> None:
    registry = alarm_registry(*F453AV_STATUS)
    system = system_of(registry)
    assert system.armed is False
    assert system.state is SystemState.ACTIVE
    assert system.battery is BatteryState.OK
    assert system.mains is True
    assert [zone_of(registry, n).engaged for n in range(1, 9)] == [
        False,
        True,
        False,
        False,
        False,
        False,
        False,
        False,
    ]


def test_an_intrusion_listed_while_disengaged_is_the_units_memory_not_an_alarm() -> (
    None
):
    registry = alarm_registry(*F453AV_STATUS)
    system = system_of(registry)
    assert not system.triggered
    assert system.intrusion_memory == {"#2"}
    zone = zone_of(registry, 2)
    assert zone.alarm(AlarmKind.INTRUSION) is False
    assert zone.intrusion_memory
    # Engaging the system clears the memory.
    fed(registry, "*5*8*##")
    assert system.intrusion_memory == frozenset()
    assert not zone.intrusion_memory


def test_the_h4890_burst_names_the_system_zero_and_zones() -> None:
    registry = alarm_registry(*H4890_BURST)
    assert set(registry.items) == {(5, "0"), *((5, f"#{n}") for n in range(1, 9))}
    assert system_of(registry).armed is False
    assert zone_of(registry, 7).engaged is False
    assert zone_of(registry, 1).engaged is True


@pytest.mark.parametrize(
    "text", ["*5*8*0##", "*5*8*##", "*5*8**##", "*5*8##"], ids=repr
)
def test_every_system_where_form_is_the_one_system(text: str) -> None:
    registry = alarm_registry(text)
    assert list(registry.items) == [(5, "0")]
    assert system_of(registry).armed is True


@pytest.mark.parametrize("where", ["31", "1", "#16", "#123", "#a1"])
def test_sensors_the_control_panel_and_odd_zones_are_no_items(where: str) -> None:
    assert item_address(5, Where.parse(where)) is None


def test_zones_learn_that_no_alarm_is_on_once_they_are_heard() -> None:
    registry = alarm_registry("*5*11*#3##", "*5*18*#12##")
    zone = zone_of(registry, 3)
    assert zone.alarms == {
        AlarmKind.INTRUSION: False,
        AlarmKind.TAMPER: False,
        AlarmKind.PANIC: None,
        AlarmKind.TECHNICAL: None,
        AlarmKind.SILENT: None,
    }
    special = zone_of(registry, 12)
    assert not special.has_sensors
    assert special.alarms[AlarmKind.TAMPER] is False
    assert special.alarms[AlarmKind.INTRUSION] is None


def test_an_intrusion_while_armed_triggers_zone_and_system_until_disarmed() -> None:
    registry = alarm_registry(*H4890_BURST, "*5*1*0##", "*5*8*0##")
    system = system_of(registry)
    assert system.armed is True
    heard = fed(registry, "*5*15*#3##")
    assert {(item.key, type(event)) for item, event in heard} == {
        ((5, "#3"), StateChanged),
        ((5, "0"), StateChanged),
    }
    assert system.triggered
    assert system.alarms == {(AlarmKind.INTRUSION, "#3")}
    assert zone_of(registry, 3).alarm(AlarmKind.INTRUSION) is True
    fed(registry, "*5*2*0##", "*5*1*0##", "*5*9*0##")
    assert not system.triggered
    assert system.armed is False
    assert zone_of(registry, 3).alarm(AlarmKind.INTRUSION) is False


def test_the_end_of_a_delay_clears_alarms_but_leaves_the_system_armed() -> None:
    registry = alarm_registry("*5*8*0##", "*5*11*#1##", "*5*15*#1##")
    fed(registry, "*5*3*##")
    assert system_of(registry).armed is True
    assert not system_of(registry).triggered
    assert zone_of(registry, 1).alarm(AlarmKind.INTRUSION) is False


def test_tamper_panic_and_silent_alarms_trigger_even_when_disengaged() -> None:
    registry = alarm_registry("*5*9*0##", "*5*16*#12##", "*5*17*#9##", "*5*31*#4##")
    system = system_of(registry)
    assert system.alarms == {
        (AlarmKind.TAMPER, "#12"),
        (AlarmKind.PANIC, "#9"),
        (AlarmKind.SILENT, "#4"),
    }
    assert zone_of(registry, 9).alarm(AlarmKind.PANIC) is True
    assert zone_of(registry, 4).alarm(AlarmKind.SILENT) is True


def test_a_technical_alarm_ends_with_its_reset() -> None:
    registry = alarm_registry("*5*9*0##", "*5*12*#3##")
    assert system_of(registry).triggered
    assert zone_of(registry, 3).alarm(AlarmKind.TECHNICAL) is True
    fed(registry, "*5*13*#3##")
    assert not system_of(registry).triggered
    assert zone_of(registry, 3).alarm(AlarmKind.TECHNICAL) is False


def test_battery_and_mains_reports() -> None:
    registry = alarm_registry("*5*4*##", "*5*6*##")
    system = system_of(registry)
    assert (system.battery, system.mains) == (BatteryState.FAULT, False)
    fed(registry, "*5*10*0##")
    assert system.battery is BatteryState.UNLOADED
    fed(registry, "*5*5*0##", "*5*7*0##", "*5*0*0##")
    assert (system.battery, system.mains) == (BatteryState.OK, True)
    assert system.state is SystemState.MAINTENANCE


def test_frames_that_say_nothing_new_report_nothing() -> None:
    registry = alarm_registry("*5*9*0##", "*5*11*#1##")
    assert fed(registry, "*5*9*##", "*5*11*#1##", "*5*26*##", "*5*14*11##") == []
    assert fed(registry, "*#5*0*1*2##") == []  # no dimension is known


async def test_without_a_programmed_auxiliary_the_alarm_cannot_be_armed() -> None:
    sender = RecordingSender()
    system = AlarmSystem(sender)
    for action in (system.arm_away, system.arm_home, system.disarm):
        with pytest.raises(AlarmNotControllableError):
            await action()
    assert sender.sent == []


async def test_arming_sends_the_programmed_auxiliary_commands() -> None:
    sender = RecordingSender(refused=frozenset({"*9*0*5##"}))
    system = AlarmSystem(sender)
    system.configure_arming(
        AlarmArming(
            arm_away=AuxCommand(4, on=True),
            arm_home=AuxCommand(5, on=True),
            disarm=AuxCommand(4, on=False),
        )
    )
    await system.arm_away()
    await system.arm_home()
    await system.disarm()
    assert sender.sent == ["*9*1*4##", "*9*1*5##", "*9*0*4##"]
    system.configure_arming(AlarmArming(disarm=AuxCommand(5, on=False)))
    with pytest.raises(OpenWebNetCommandError):
        await system.disarm()
    assert str(AuxCommand(7, on=True)) == "*9*1*7##"


async def test_the_system_asks_the_web_server_when_the_central_unit_is_refused() -> (
    None
):
    sender = RecordingSender(refused=frozenset({"*#5*0##"}))
    await AlarmSystem(sender).refresh()
    assert sender.sent == ["*#5*0##", "*#5##"]
    answered = RecordingSender()
    await AlarmSystem(answered).refresh()
    assert answered.sent == ["*#5*0##"]


def test_zones_with_sensors_ask_for_their_state() -> None:
    sender = RecordingSender()
    assert [f.build() for f in AlarmZone(sender, "#3").refresh_requests()] == [
        "*#5*#3##"
    ]
    assert AlarmZone(sender, "#12").refresh_requests() == []
    assert [f.build() for f in AlarmSystem(sender).refresh_requests()] == ["*#5*0##"]


# -- door entry ---------------------------------------------------------------

# MH200 fw 2.1.0 (MyHOME issue 667): the bell, then 26 s later the answer.
MH200_RING = "*8*1#1#4*74##"
MH200_ANSWER = ("*8*9#1#4*73##", "*6*9##")


def unit(registry: ItemRegistry, where: str) -> DoorEntryUnit:
    found = registry.items[(8, where)]
    assert isinstance(found, DoorEntryUnit)
    return found


def calls(
    heard: list[tuple[Item, ItemEvent]],
) -> list[tuple[str, DoorEntryCall | DoorbellPressed]]:
    """The rings heard: at handsets (calls) and at panels (doorbells)."""
    return [
        (item.where, event)
        for item, event in heard
        if isinstance(event, DoorEntryCall | DoorbellPressed)
    ]


RING_74 = DoorEntryCall(CallKind.DOORBELL, 1, audio_only=False)


def test_a_bell_rings_the_called_handset_and_the_panel_names_itself_later() -> None:
    registry = ItemRegistry(RecordingSender())
    heard = fed(registry, MH200_RING)
    assert calls(heard) == [("74", RING_74)]
    assert unit(registry, "74").is_handset
    assert not unit(registry, "74").is_entrance_panel
    heard = fed(registry, *MH200_ANSWER)
    # The panel was not known at the ring: it cannot tell which handset rang.
    assert calls(heard) == [("73", DoorbellPressed(1, None, audio_only=False))]
    panel = unit(registry, "73")
    assert panel.is_entrance_panel
    assert panel.last_ring == calls(heard)[0][1]


def test_a_known_panel_rings_once_per_call_and_names_the_handset() -> None:
    registry = ItemRegistry(RecordingSender())
    fed(registry, MH200_RING, *MH200_ANSWER)
    heard = fed(registry, MH200_RING, "*8*9#1#4*73##", "*8*9#1#4*73##")
    assert calls(heard) == [
        ("74", RING_74),
        ("73", DoorbellPressed(1, "74", audio_only=False)),
    ]
    # A new call, even without an end of the last one, rings again.
    heard = fed(registry, "*8*1#2#2*74##", "*8*9#2#2*73##")
    assert [where for where, _ in calls(heard)] == ["74", "73"]
    assert calls(heard)[1][1].audio_only
    assert calls(heard)[1][1].ring_tone == 2


@pytest.mark.parametrize("end", ["*8*3#1#4*474##", "*6*9**##", "*6*9*##", "*7*9*##"])
def test_every_end_of_call_lets_the_panel_ring_again(end: str) -> None:
    registry = ItemRegistry(RecordingSender())
    fed(registry, MH200_RING, "*8*9#1#4*73##", end)
    assert calls(fed(registry, "*8*9#1#4*73##")) == [
        ("73", DoorbellPressed(1, None, audio_only=False))
    ]
    assert (8, "474") not in registry.items


def test_an_ip_call_names_its_caller_at_once() -> None:
    registry = ItemRegistry(RecordingSender())
    heard = fed(registry, "*8*1#1001#4#73*74##")
    assert calls(heard) == [
        ("74", RING_74),
        ("73", DoorbellPressed(1, "74", audio_only=False)),
    ]


@pytest.mark.parametrize(
    ("call", "kind"),
    [("*8*1#6#2#75*74##", CallKind.INTERCOM), ("*8*1#13#2*74##", CallKind.FLOOR_CALL)],
)
def test_intercom_and_floor_calls_ring_the_handset_only(
    call: str, kind: CallKind
) -> None:
    registry = ItemRegistry(RecordingSender())
    heard = fed(registry, call, "*8*9#6#2*75##")
    assert calls(heard) == [("74", DoorEntryCall(kind, None, audio_only=True))]
    assert not unit(registry, "75").is_entrance_panel


@pytest.mark.parametrize(
    "text",
    ["*8*1#5#4*74##", "*8*1#14#2#11*4##", "*8*1*74##", "*8*1#1*74##", "*8*19*73##"],
)
def test_camera_pager_malformed_and_lock_frames_ring_nothing(text: str) -> None:
    registry = ItemRegistry(RecordingSender())
    assert calls(fed(registry, text)) == []
    assert not any(
        isinstance(item, DoorEntryUnit) and (item.is_handset or item.is_entrance_panel)
        for item in registry.items.values()
    )
    assert (8, "73") not in registry.items  # a lock frame reveals no unit


async def test_the_door_and_the_staircase_light_are_pressed_then_released(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(door_entry, "PRESS_S", 0)
    sender = RecordingSender()
    panel = DoorEntryUnit(sender, "73")
    await panel.open_door()
    await panel.switch_on_staircase_light()
    assert sender.sent == ["*8*19*73##", "*8*20*73##", "*8*21*73##", "*8*22*73##"]
    assert panel.refresh_requests() == []


async def test_a_refused_door_release_is_an_error_and_nothing_is_left_pressed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(door_entry, "PRESS_S", 0)
    sender = RecordingSender(refused=frozenset({"*8*19*73##"}))
    with pytest.raises(OpenWebNetCommandError):
        await DoorEntryUnit(sender, "73").open_door()
    assert sender.sent == ["*8*19*73##"]


def test_an_earlier_run_tells_what_a_unit_is() -> None:
    panel = DoorEntryUnit(RecordingSender(), "73")
    panel.configure_roles(entrance_panel=True, handset=False)
    assert panel.is_entrance_panel
    assert not panel.is_handset


# -- actuator locks -----------------------------------------------------------


async def test_a_point_lock_is_known_from_the_acknowledged_command() -> None:
    sender = RecordingSender()
    lock = ActuatorLock(sender, "12")
    events: list[ItemEvent] = []
    lock.add_callback(lambda item, event: events.append(event))
    assert lock.locked is None
    assert lock.refresh_requests() == []
    await lock.lock()
    assert lock.locked is True
    await lock.unlock()
    assert lock.locked is False
    assert sender.sent == ["*14*0*12##", "*14*1*12##"]
    assert len(events) == 2


async def test_a_refused_lock_changes_nothing() -> None:
    lock = ActuatorLock(RecordingSender(refused=frozenset({"*14*0*12##"})), "12")
    with pytest.raises(OpenWebNetCommandError):
        await lock.lock()
    assert lock.locked is None


def test_area_and_general_lock_frames_reach_the_points_they_cover() -> None:
    registry = ItemRegistry(RecordingSender())
    fed(registry, "*14*1*12##", "*14*1*21##")
    lock_12 = registry.items[(14, "12")]
    lock_21 = registry.items[(14, "21")]
    assert isinstance(lock_12, ActuatorLock)
    assert isinstance(lock_21, ActuatorLock)
    fed(registry, "*14*0*1##")
    assert (lock_12.locked, lock_21.locked) == (True, False)
    fed(registry, "*14*0*0##")
    assert lock_21.locked is True
    assert set(registry.items) == {(14, "12"), (14, "21")}
    fed(registry, "*14*5*12##")
    assert lock_12.locked is True


@pytest.mark.parametrize(
    ("who", "where", "expected"),
    [
        (5, None, (AlarmSystem, "0")),
        (5, "", (AlarmSystem, "0")),
        (5, "#03", (AlarmZone, "#3")),
        (8, "73", (DoorEntryUnit, "73")),
        (8, None, None),
        (8, "73#1", None),
        (14, "12", (ActuatorLock, "12")),
        (14, "1", None),
        (6, None, None),
    ],
)
def test_who_and_where_name_the_item(
    who: int, where: str | None, expected: tuple[Callable[..., Item], str] | None
) -> None:
    assert item_address(who, None if where is None else Where.parse(where)) == expected


def test_alarm_items_ignore_what_is_not_theirs() -> None:
    sender = RecordingSender()
    system = AlarmSystem(sender)
    zone = AlarmZone(sender, "#3")
    for text in ("*5*15*##", "*5*11*#3##", "*#5*0*1*2##", "*5*26*#3##"):
        assert system.handle(parse_frame(text)) == []  # type: ignore[arg-type]
    assert zone.handle(parse_frame("*#5*#3*1*2##")) == []  # type: ignore[arg-type]
    assert zone.handle(parse_frame("*5*1*0##")) == []  # type: ignore[arg-type]
    # A zone alone (no system heard yet) takes an intrusion for an alarm.
    zone.handle(parse_frame("*5*15*#3##"))  # type: ignore[arg-type]
    assert zone.alarm(AlarmKind.INTRUSION) is True


def test_door_entry_units_ignore_what_is_not_a_call() -> None:
    panel = DoorEntryUnit(RecordingSender(), "73")
    for text in ("*#8*73*1*2##", "*6*6*73##", "*8*40#1#4*73##"):
        assert panel.handle(parse_frame(text)) == []  # type: ignore[arg-type]
