"""Bus description files and the value timeline."""

import json
from pathlib import Path

import pytest

from simulator.onewire import (
    DS2409,
    BusDescription,
    DescriptionError,
    Event,
    ManualClock,
    OneWireBus,
    OneWireEmulator,
    Timeline,
    TimelineError,
    model_class,
)
from simulator.onewire.timeline import apply_event, parse_event

SAMPLE = (
    Path(__file__).resolve().parents[3] / "simulator" / "onewire_buses" / "sample.yaml"
)


def test_the_sample_description_builds_every_chip_and_both_branches() -> None:
    """One of each chip; the coupler's branches hold their chips."""
    bus = OneWireBus(ManualClock())
    timeline = BusDescription.load(SAMPLE).build(bus)
    models = sorted(chip.model for chip in bus.chips())
    assert models == sorted(
        ["DS18B20"] * 3
        + ["DS18S20", "DS1822", "DS2408", "DS2406", "DS2413", "DS2413", "DS2438"]
        + ["DS2423", "DS2409"]
    )
    coupler = bus.chip("1F.000000000001")
    assert isinstance(coupler, DS2409)
    assert [c.name for c in coupler.main.slaves] == ["28.000000000101"]
    assert [c.name for c in coupler.aux.slaves] == ["3A.000000000101"]
    assert [event.action for event in timeline.events] == ["ramp", "press"]


def test_generated_chips_get_unique_ids_from_the_seed(tmp_path: Path) -> None:
    """generate: counts per model; the same seed gives the same ids (JSON too)."""
    path = tmp_path / "bus.json"
    path.write_text(json.dumps({"seed": 3, "generate": {"28": 20, "DS2408": 2}}))
    first, second = OneWireBus(ManualClock()), OneWireBus(ManualClock())
    BusDescription.load(path).build(first)
    BusDescription.load(path).build(second)
    names = [chip.name for chip in first.chips()]
    assert len(names) == len(set(names)) == 22
    assert names == [chip.name for chip in second.chips()]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "a bus description is a mapping"),
        ({"chips": []}, "unknown keys"),
        ({"devices": {}}, "are lists"),
        ({"generate": [1]}, "maps a model"),
        ({"devices": [{"id": "28.000000000001"}]}, "needs a 'model'"),
        ({"devices": [{"model": "DS9999"}]}, "unknown chip model"),
        ({"devices": [{"model": "DS18B20", "colour": "red"}]}, "no option"),
        ({"devices": [{"model": "DS18B20", "id": "28.1"}]}, "not a 1-Wire id"),
        ({"devices": [{"model": "DS18B20", "id": "10.000000000001"}]}, "not a DS18B20"),
        ({"devices": [{"model": "DS18B20", "resolution": 7}]}, "resolution"),
        ({"devices": [{"model": "DS18B20", "main": []}]}, "only a DS2409"),
        (
            {"devices": [{"model": "28", "id": "28.000000000001"}] * 2},
            "two chips",
        ),
        ({"timeline": [{"device": "x"}]}, "without a time"),
    ],
)
def test_bad_descriptions_are_refused_with_a_reason(data: object, message: str) -> None:
    """Every mistake gets a DescriptionError that says what is wrong."""
    with pytest.raises(DescriptionError, match=message):
        BusDescription.from_dict(data).build(OneWireBus(ManualClock()))  # type: ignore[arg-type]


def test_unreadable_files_are_refused(tmp_path: Path) -> None:
    """Broken YAML or JSON is a DescriptionError; an empty file an empty bus."""
    (tmp_path / "bad.yaml").write_text("devices: [\n")
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "empty.yaml").write_text("")
    for name in ("bad.yaml", "bad.json"):
        with pytest.raises(DescriptionError):
            BusDescription.load(tmp_path / name)
    assert BusDescription.load(tmp_path / "empty.yaml").devices == []
    with pytest.raises(DescriptionError, match="unknown chip model"):
        model_class("DS0000")


@pytest.mark.parametrize(
    ("entry", "events"),
    [
        (
            {"at": 1, "device": "28.000000000001", "set": "temperature", "value": 5},
            [Event(1, "set", "28.000000000001", "temperature", 5.0)],
        ),
        (
            {"at": 2, "device": "d", "ramp": "temperature", "to": 9, "over": 4},
            [Event(2, "ramp", "d", "temperature", 9.0, 4.0)],
        ),
        ({"at": 3, "device": "d", "press": 5}, [Event(3, "press", "d", "input.5")]),
        (
            {"at": 4, "device": "d", "vanish": 2},
            [Event(4, "vanish", "d"), Event(6, "reappear", "d")],
        ),
        ({"at": 4, "device": "d", "vanish": True}, [Event(4, "vanish", "d")]),
        ({"at": 5, "short": 1}, [Event(5, "short"), Event(6, "unshort")]),
        ({"at": 5, "silent": None}, [Event(5, "silent")]),
        (
            {"at": 7, "device": "d", "crc_error_rate": 0.5},
            [Event(7, "crc_error_rate", "d", value=0.5)],
        ),
    ],
)
def test_timeline_entries(entry: dict[str, object], events: list[Event]) -> None:
    """Each entry form gives its events (a duration adds the end)."""
    assert parse_event(entry) == events


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"at": "soon"}, "without a time"),
        ({"at": 1, "set": "temperature", "value": 1}, "needs a device"),
        ({"at": 1, "device": "d", "set": "temperature"}, "needs a value"),
        ({"at": 1, "crc_error_rate": 0.5}, "needs a device"),
        ({"at": 1, "vanish": 3}, "needs a device"),
        ({"at": 1, "device": "d", "explode": 1}, "no known action"),
    ],
)
def test_bad_timeline_entries(entry: dict[str, object], message: str) -> None:
    """Each mistake says what is missing."""
    with pytest.raises(TimelineError, match=message):
        parse_event(entry)


def test_the_timeline_applies_events_when_their_time_comes() -> None:
    """Lazily, in order, at their scheduled time; the world follows."""
    clock = ManualClock()
    description = BusDescription.from_dict(
        {
            "devices": [
                {"model": "DS18B20", "id": "28.000000000001", "temperature": 20},
                {"model": "DS2408", "id": "29.000000000001"},
                {"model": "DS2413", "id": "3A.000000000001"},
            ],
            "timeline": [
                {
                    "at": 10,
                    "device": "28.000000000001",
                    "ramp": "temperature",
                    "to": 30,
                    "over": 10,
                },
                {"at": 5, "device": "29.000000000001", "press": 4},
                {"at": 6, "device": "3A.000000000001", "vanish": 2},
                {"at": 7, "device": "28.000000000001", "crc_error_rate": 1},
                {"at": 9, "short": 1},
                {"at": 9, "silent": 1},
            ],
        }
    )
    emulator = OneWireEmulator.from_description(description, clock=clock)
    emulator.timeline.start(clock.now())
    assert [event.at for event in emulator.timeline.pending] == [
        5,
        6,
        7,
        8,
        9,
        9,
        10,
        10,
        10,
    ]
    clock.advance(5)
    emulator.snapshot()
    assert emulator.chip("29.000000000001").snapshot()["activity"][4] == 1
    clock.advance(1.5)
    assert emulator.bus.reset().value == "presence"
    assert not emulator.chip("3A.000000000001").present
    clock.advance(3)  # 9.5: reappeared, CRC noise, short and silence on
    emulator.snapshot()
    assert emulator.chip("3A.000000000001").present
    assert emulator.chip("28.000000000001").crc_error_rate == 1
    assert emulator.bus.shorted
    assert emulator.silent
    clock.advance(5.5)  # 15: halfway up the ramp, faults over
    emulator.snapshot()
    assert emulator.chip("28.000000000001").snapshot()["room"] == 25.0
    assert not emulator.bus.shorted
    assert not emulator.silent
    assert len(emulator.timeline.applied) == 9
    assert emulator.elapsed() == 15


def test_events_can_be_scheduled_while_running() -> None:
    """schedule() inserts in time order after what was applied."""
    clock = ManualClock()
    timeline = Timeline([Event(1, "short"), Event(5, "unshort")])
    timeline.start(0)
    calls: list[str] = []

    class Recorder:
        def chip(self, name: str) -> object:
            raise KeyError(name)

        def short(self) -> None:
            calls.append("short")

        def unshort(self) -> None:
            calls.append("unshort")

        def go_silent(self) -> None:
            calls.append("silent")

        def resume(self) -> None:
            calls.append("resume")

    clock.advance(2)
    timeline.apply_due(clock.now(), Recorder())  # type: ignore[arg-type]
    timeline.add(Event(3, "silent"))
    timeline.add(Event(4, "resume"))
    clock.advance(10)
    timeline.apply_due(clock.now(), Recorder())  # type: ignore[arg-type]
    assert calls == ["short", "silent", "resume", "unshort"]
    assert Timeline().pending == []
    Timeline([Event(0, "short")]).apply_due(100, Recorder())  # not started: nothing
    with pytest.raises(TimelineError):
        apply_event(Event(0, "set"), 0, Recorder())  # type: ignore[arg-type]
