"""Sound zones and sources: one item per amplifier, whatever dialect reports it.

Frames are the ones real gateways send (``tests/openwebnet/corpus``: H4890
and MH202 report every change on WHO 16 and WHO 22; the MyHOME
``f500_tuner`` traces for the tuner).
"""

import pytest

from custom_components.onewire_own.openwebnet import OpenWebNetCommandError
from custom_components.onewire_own.openwebnet.frames import (
    ACK,
    NACK,
    Command,
    Frame,
    parse_frame,
)
from custom_components.onewire_own.openwebnet.items import (
    ItemRegistry,
    SoundSource,
    SoundZone,
    StateChanged,
)
from custom_components.onewire_own.openwebnet.items.sound import sound_audience


class Recorder:
    """A sender that keeps what items send and answers ACK (or NACK)."""

    def __init__(self, answer: Frame = ACK) -> None:
        self.sent: list[str] = []
        self.answer = answer

    async def send(self, frame: Frame) -> list[Frame]:
        self.sent.append(frame.build())
        return [self.answer]


def fed(*raw: str, sender: Recorder | None = None) -> ItemRegistry:
    registry = ItemRegistry(sender or Recorder())
    for text in raw:
        registry.dispatch(parse_frame(text))
    return registry


def zone(registry: ItemRegistry, where: str) -> SoundZone:
    item = registry.items[(16, where)]
    assert isinstance(item, SoundZone)
    return item


def source(registry: ItemRegistry, where: str) -> SoundSource:
    item = registry.items[(16, where)]
    assert isinstance(item, SoundSource)
    return item


def test_the_sound_sweep_answers_learn_every_zone_and_source() -> None:
    registry = fed(
        "*16*3*101##",
        "*16*13*102##",
        "*16*3*11##",
        "*#16*11*1*12##",
        "*16*13*21##",
        "*#16*21*1*8##",
    )
    living, kitchen = zone(registry, "11"), zone(registry, "21")
    assert (living.is_on, living.volume, living.source) == (True, 12, None)
    assert (kitchen.is_on, kitchen.volume, kitchen.is_muted) == (False, 8, False)
    assert source(registry, "101").is_on is True
    assert source(registry, "102").is_on is False
    assert (living.environment, living.dialect, living.can_select_source) == (
        1,
        16,
        True,
    )


def test_a_zone_reported_in_both_dialects_is_one_item() -> None:
    # H4890 fw 4.0.15 (MyHOME issue_466): a touch screen switches zone 31 on.
    registry = fed(
        "*22*1#4#3*2#3##",
        "*22*1#4#3*3#3#1##",
        "*16*3*133##",
        "*22*2#4#3*5#2#3##",
        "*16*3*31##",
        "*#22*3#3#1*12*1*4##",
        "*16*13*101##",
        "*#22*2#1*12*0*10##",
        "*16*3*103##",
        "*#22*2#3*12*1*4##",
        "*#16*31*1*2##",
        "*#22*3#3#1*1*2##",
        "*#22*3#3#1*2*30##",
    )
    assert sorted(registry.items) == [(16, "101"), (16, "103"), (16, "31")]
    speaker = zone(registry, "31")
    assert (speaker.is_on, speaker.volume, speaker.source) == (True, 2, 3)
    assert speaker.dialect == 16  # heard on WHO 16 too: WHO 16 commands
    assert source(registry, "101").is_on is False
    assert source(registry, "103").is_on is True

    for text in ("*22*0#4#3*3#3#1##", "*16*13*31##", "*#22*3#3#1*12*0*10##"):
        registry.dispatch(parse_frame(text))
    assert speaker.is_on is False


def test_a_zone_heard_only_on_who_22_speaks_who_22() -> None:
    registry = fed("*#22*3#4#1*1*6##", "*#22*3#4#1*12*0*4##")
    speaker = zone(registry, "41")
    assert (speaker.dialect, speaker.volume, speaker.is_on) == (22, 6, False)
    registry.dispatch(parse_frame("*22*35#4#4#2*3#4#1##"))
    assert (speaker.is_on, speaker.source) == (True, 2)
    registry.dispatch(parse_frame("*22*34#4#4*3#4#1##"))
    registry.dispatch(parse_frame("*22*3#1*3#4#1##"))  # a step: the report follows
    assert speaker.is_on is True


@pytest.mark.parametrize(
    ("frame", "reached"),
    [
        ("*16*13*0##", ["11", "12", "21"]),
        ("*16*3*#1##", ["11", "12"]),
        ("*16*3*#5##", []),
        ("*16*3*123##", ["21"]),
        ("*22*1#4#1*4#1##", ["11", "12"]),
        ("*22*2#4#2*5#2#3##", ["21"]),
        ("*22*0#4#2*5#2#3##", []),
        ("*22*32*6##", []),
    ],
)
def test_sound_commands_for_several_zones_reach_each(
    frame: str, reached: list[str]
) -> None:
    registry = fed("*16*13*11##", "*16*13*12##", "*16*13*21##")
    command = parse_frame(frame)
    assert isinstance(command, Command)
    zones = [z for z in registry.items.values() if isinstance(z, SoundZone)]
    audience = sound_audience(command, zones)
    assert audience is not None
    assert sorted(z.where for z in audience) == reached


@pytest.mark.parametrize("frame", ["*16*3*11##", "*16*3*101##", "*22*1#4#1*2#1##"])
def test_sound_commands_for_one_zone_or_source_are_routed_as_usual(frame: str) -> None:
    command = parse_frame(frame)
    assert isinstance(command, Command)
    assert sound_audience(command, []) is None


def test_a_sound_command_without_where_reaches_nobody() -> None:
    assert sound_audience(Command(16, "3", (), None), []) == []


def test_environment_frames_switch_and_route_their_zones() -> None:
    registry = fed("*16*13*11##", "*16*13*12##", "*16*13*21##")
    registry.dispatch(parse_frame("*16*3*#1##"))
    registry.dispatch(parse_frame("*16*3*112##"))
    registry.dispatch(parse_frame("*16*13*112##"))  # routing off: no source change
    assert [zone(registry, w).is_on for w in ("11", "12", "21")] == [True, True, False]
    assert [zone(registry, w).source for w in ("11", "12", "21")] == [2, 2, None]
    registry.dispatch(parse_frame("*16*13*0##"))
    assert not any(zone(registry, w).is_on for w in ("11", "12", "21"))


def test_a_tuner_reports_frequency_station_and_rds() -> None:
    # MH200N fw 2.0.32 with an F500N (MyHOME f500_tuner README).
    registry = fed(
        "*16*6001*101##",
        "*#16*101*6*0*96200##",
        "*#16*101*7*0*3##",
        "*#16*101*8*75*82*79*78*69*72*73*84##",
    )
    tuner = source(registry, "101")
    assert (tuner.is_tuner, tuner.frequency_khz, tuner.station, tuner.rds) == (
        True,
        96200,
        3,
        "KRONEHIT",
    )
    # An occasional 12-code RDS frame is dropped; blanks after a retune clear it.
    registry.dispatch(parse_frame("*#16*101*8*42*42*79*79*69*42*79*79*69*42*42*32##"))
    assert tuner.rds == "KRONEHIT"
    registry.dispatch(parse_frame("*#16*101*8*32*32*32*32*32*32*32*32##"))
    assert tuner.rds is None
    registry.dispatch(parse_frame("*#16*101*8*7*32*32*32*32*32*32*32##"))
    assert tuner.rds is None  # not printable
    registry.dispatch(parse_frame("*#22*5#2#1*11*1*101500*4##"))
    registry.dispatch(parse_frame("*#22*2#1*10*70*77*52*32*32*32*32*32##"))
    assert (tuner.station, tuner.rds) == (4, "FM4")
    registry.dispatch(parse_frame("*#22*2#1*6*2##"))
    assert tuner.station == 2
    assert tuner.refresh_requests() == [
        parse_frame("*#16*101*5##"),
        parse_frame("*#16*101*6##"),
        parse_frame("*#16*101*7##"),
    ]


def test_sources_follow_their_state_in_both_dialects() -> None:
    registry = fed("*22*1#4#2*2#2##")
    aux = source(registry, "102")
    assert (aux.is_on, aux.number, aux.is_tuner) == (True, 2, False)
    for text, expected in (
        ("*22*0#4#2*2#2##", False),
        ("*#22*2#2*12*1*4##", True),
        ("*16*13*102##", False),
        ("*16*0*102##", True),
        ("*16*10*102##", False),
    ):
        registry.dispatch(parse_frame(text))
        assert aux.is_on is expected
    assert aux.handle(parse_frame("*22*9*2#2##")) == []  # type: ignore[arg-type]
    assert aux.handle(parse_frame("*22*1*5#2#2##")) == []  # type: ignore[arg-type]
    assert aux.handle(parse_frame("*16*5000*102##")) == []  # type: ignore[arg-type]
    assert aux.handle(parse_frame("*#22*2#2*17*10##")) == []  # type: ignore[arg-type]
    assert aux.handle(parse_frame("*#16*102*9*1##")) == []  # type: ignore[arg-type]
    assert aux.refresh_requests() == [parse_frame("*#16*102*5##")]


def test_zones_ignore_what_changes_nothing() -> None:
    registry = fed("*16*3*11##")
    living = zone(registry, "11")
    for text in ("*16*1005*11##", "*16*9*11##", "*#16*11*2*30##", "*#16*11*1*##"):
        assert living.handle(parse_frame(text)) == []  # type: ignore[arg-type]
    assert living.handle(parse_frame("*#16*11*1*40##")) == [StateChanged()]  # type: ignore[arg-type]
    assert living.volume == 31
    assert living.handle(parse_frame("*22*9#1*3#1#1##")) == []  # type: ignore[arg-type]
    assert living.handle(parse_frame("*22*2#4#1*5#3#0#0##")) == []  # type: ignore[arg-type]


async def test_who_16_zone_commands() -> None:
    sender = Recorder()
    registry = fed("*16*13*21##", "*#16*21*1*8##", sender=sender)
    kitchen = zone(registry, "21")
    await kitchen.turn_on()
    await kitchen.turn_off()
    await kitchen.set_volume(40)
    await kitchen.step_volume(2)
    await kitchen.step_volume(-20)
    await kitchen.select_source(3)
    await kitchen.set_muted(True)
    registry.dispatch(parse_frame("*#16*21*1*0##"))
    await kitchen.set_muted(False)
    assert sender.sent == [
        "*16*3*21##",
        "*16*13*21##",
        "*#16*21*#1*31##",
        "*16*1002*21##",
        "*16*1115*21##",
        "*16*3*123##",
        "*16*3*103##",
        "*#16*21*#1*0##",
        "*#16*21*#1*8##",  # back to the volume before the mute
    ]
    assert kitchen.refresh_requests() == [
        parse_frame("*#16*21*5##"),
        parse_frame("*#16*21*1##"),
    ]


async def test_unmuting_a_zone_that_was_silent_gives_it_a_volume() -> None:
    sender = Recorder()
    registry = fed("*#16*21*1*0##", sender=sender)
    kitchen = zone(registry, "21")
    assert kitchen.is_muted is True
    await kitchen.set_muted(True)
    await kitchen.set_muted(False)
    assert sender.sent == ["*#16*21*#1*0##", "*#16*21*#1*10##"]


async def test_who_22_zone_commands() -> None:
    sender = Recorder()
    registry = fed("*#22*3#4#1*12*0*4##", sender=sender)
    speaker = zone(registry, "41")
    await speaker.turn_on()
    await speaker.turn_off()
    await speaker.set_volume(-3)
    await speaker.step_volume(1)
    await speaker.step_volume(-1)
    await speaker.select_source(2)
    assert sender.sent == [
        "*22*1#4#4*3#4#1##",
        "*22*0#4#4*3#4#1##",
        "*#22*3#4#1*#1*0##",
        "*22*3#1*3#4#1##",
        "*22*4#1*3#4#1##",
        "*22*35#4#4#2*3#4#1##",
    ]
    assert speaker.refresh_requests() == [
        parse_frame("*#22*3#4#1*12##"),
        parse_frame("*#22*3#4#1*1##"),
    ]


async def test_source_selection_needs_a_source_and_a_routable_environment() -> None:
    registry = fed("*16*3*01##", "*16*3*11##")
    with pytest.raises(ValueError, match="cannot be routed"):
        await zone(registry, "01").select_source(1)
    assert zone(registry, "01").can_select_source is False
    with pytest.raises(ValueError, match="no sound source"):
        await zone(registry, "11").select_source(10)


async def test_a_refused_sound_command_is_an_error() -> None:
    registry = fed("*16*3*11##", sender=Recorder(NACK))
    with pytest.raises(OpenWebNetCommandError):
        await zone(registry, "11").turn_on()


async def test_source_commands() -> None:
    sender = Recorder()
    registry = fed("*16*3*101##", sender=sender)
    tuner = source(registry, "101")
    await tuner.turn_off()
    await tuner.turn_on()
    await tuner.next_station()
    await tuner.previous_station()
    assert sender.sent == [
        "*16*13*101##",
        "*16*3*101##",
        "*16*6001*101##",
        "*16*6101*101##",
    ]


def test_sound_wheres_that_name_no_zone_or_source() -> None:
    registry = fed(
        "*16*3*00##",
        "*16*3*100##",
        "*16*3*1000##",
        "*#22*3#12#1*1*5##",
        "*#22*2#10*12*1*4##",
        "*#22*5#3#0#0*12*1*4##",
        "*#22*7*12*1*4##",
    )
    assert registry.items == {}
