"""Light sets: the whole bus, an area or a group, switched with one frame.

A set follows its members; a group's members are the lights told they
belong to it (the bus cannot say).
"""

import pytest

from custom_components.onewire_own.openwebnet.frames import ACK, Frame, parse_frame
from custom_components.onewire_own.openwebnet.items import (
    Item,
    ItemEvent,
    ItemRegistry,
    Light,
    LightSet,
)
from custom_components.onewire_own.openwebnet.items.light_sets import (
    area_where,
    sets_of_point,
)
from custom_components.onewire_own.openwebnet.where import Where, WhereKind


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(self, frame: Frame) -> list[Frame]:
        self.sent.append(frame.build())
        return [ACK]


def dispatch(registry: ItemRegistry, *raw: str) -> None:
    for text in raw:
        registry.dispatch(parse_frame(text))


def light_set(registry: ItemRegistry, where: str) -> LightSet:
    item = registry.get_item(1, where)
    assert isinstance(item, LightSet)
    return item


def light(registry: ItemRegistry, where: str) -> Light:
    item = registry.items[(1, where)]
    assert isinstance(item, Light)
    return item


@pytest.fixture
def registry() -> ItemRegistry:
    """Area 1 (11 on, 12 and 13 off), 21 off, and 21 on local bus 01 on."""
    registry = ItemRegistry(Recorder())
    dispatch(
        registry,
        "*1*1*11##",
        "*1*0*12##",
        "*1*0*13##",
        "*1*0*21##",
        "*1*1*21#4#01##",
    )
    return registry


def test_a_set_shows_its_members(registry: ItemRegistry) -> None:
    area = light_set(registry, "1")
    everything = light_set(registry, "0")
    area_2 = light_set(registry, "2")
    assert (area.kind, area.number, area.bus) == (WhereKind.AREA, 1, None)
    assert (area.is_on, area.members) == (True, 3)
    assert (area_2.is_on, area_2.members) == (False, 1)
    assert (everything.number, everything.members, everything.is_on) == (None, 4, True)

    seen: list[tuple[Item, ItemEvent]] = []
    area.add_callback(lambda item, event: seen.append((item, event)))
    dispatch(registry, "*1*0*11##")
    assert area.is_on is False
    assert len(seen) == 1
    dispatch(registry, "*1*0*21##")  # no change: nothing to tell
    assert len(seen) == 1


def test_an_area_command_switches_its_members_and_its_set(
    registry: ItemRegistry,
) -> None:
    dispatch(registry, "*1*1000#1*1##", "*1*1*1##")
    assert [light(registry, w).is_on for w in ("11", "12", "13", "21")] == [
        True,
        True,
        True,
        False,
    ]
    assert light_set(registry, "1").is_on is True
    assert light_set(registry, "0").is_on is True


def test_a_general_command_reaches_its_own_bus_only(registry: ItemRegistry) -> None:
    dispatch(registry, "*1*0*0##")
    assert not any(light(registry, w).is_on for w in ("11", "12", "13", "21"))
    assert light(registry, "21#4#01").is_on is True
    assert light_set(registry, "0").is_on is False
    local = light_set(registry, "0#4#01")
    assert (local.is_on, local.bus, local.members) == (True, "01", 1)


def test_a_group_reaches_the_lights_told_they_belong_to_it(
    registry: ItemRegistry,
) -> None:
    light(registry, "12").configure_groups([3, 1, 3])
    light(registry, "21").configure_groups([3])
    assert light(registry, "12").groups == (1, 3)
    group = light_set(registry, "#3")
    assert (group.kind, group.number) == (WhereKind.GROUP, 3)
    assert (group.is_on, group.members) == (False, 2)

    dispatch(registry, "*1*1*#3##")
    assert [light(registry, w).is_on for w in ("11", "12", "13", "21")] == [
        True,
        True,
        False,
        True,
    ]
    assert group.is_on is True


def test_a_group_without_known_members_shows_the_last_frame_it_heard(
    registry: ItemRegistry,
) -> None:
    dispatch(registry, "*1*1*#7##")
    group = light_set(registry, "#7")
    assert (group.is_on, group.members) == (True, 0)
    dispatch(registry, "*1*34*#7##")  # motion changes no light
    assert group.is_on is True
    dispatch(registry, "*1*0*#7##")
    assert group.is_on is False
    assert group.handle(parse_frame("*#1*#7*1*150*0##")) == []  # type: ignore[arg-type]


def test_a_set_of_members_not_all_known_yet_is_unknown_until_one_is_on() -> None:
    registry = ItemRegistry(Recorder())
    registry.get_item(1, "31")
    registry.get_item(1, "32")
    area = light_set(registry, "3")
    assert (area.is_on, area.members) == (None, 2)
    dispatch(registry, "*1*0*31##")
    assert area.is_on is None
    dispatch(registry, "*1*1*32##")
    assert area.is_on is True


async def test_a_set_is_switched_with_one_frame() -> None:
    sender = Recorder()
    registry = ItemRegistry(sender)
    await light_set(registry, "3").turn_on()
    await light_set(registry, "#2").turn_off()
    await light_set(registry, "0#4#01").turn_on()
    assert sender.sent == ["*1*1*3##", "*1*0*#2##", "*1*1*0#4#01##"]
    assert light_set(registry, "3").refresh_requests() == []


def test_a_set_where_is_the_bus_an_area_or_a_group() -> None:
    with pytest.raises(ValueError, match="not a general, area or group"):
        LightSet(Recorder(), "12")


@pytest.mark.parametrize(
    ("point", "sets"),
    [
        ("12", ["0", "1"]),
        ("0015", ["0", "00"]),
        ("1015", ["0", "100"]),
        ("0110", ["0", "1"]),
        ("21#4#01", ["0#4#01", "2#4#01"]),
        ("123", ["0"]),
    ],
)
def test_every_point_belongs_to_the_bus_and_its_area(
    point: str, sets: list[str]
) -> None:
    assert [where.format() for where in sets_of_point(Where.parse(point))] == sets


def test_area_ten_is_written_100() -> None:
    assert area_where(10) == Where("100")
    assert area_where(0) == Where("00")
    area = LightSet(Recorder(), "100")
    assert area.number == 10
    shutters = ItemRegistry(Recorder())
    dispatch(shutters, "*2*0*21##", "*2*1*0##")
    assert [item.where for item in shutters.items.values()] == ["21"]
