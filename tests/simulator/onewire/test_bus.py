"""The wire: resets, ROM commands and searches, slot by slot."""

import random

import pytest

from simulator.onewire import (
    DS18B20,
    DS2408,
    DS2413,
    ManualClock,
    OneWireBus,
    ResetResult,
    Rom,
    Slave,
)
from simulator.onewire.crc import crc8

from .master import (
    CONDITIONAL_SEARCH,
    MATCH_ROM,
    READ_ROM,
    RESUME,
    read,
    search,
    select,
    skip,
    write,
)


def bus_with(*chips: object) -> OneWireBus:
    """A bus with a manual clock and these chips on its trunk."""
    bus = OneWireBus(ManualClock())
    for chip in chips:
        bus.attach(chip)  # type: ignore[arg-type]
    return bus


def thermometer(serial: int, **options: object) -> DS18B20:
    """A DS18B20 with a given serial number."""
    return DS18B20(Rom.make(0x28, serial), **options)  # type: ignore[arg-type]


def test_an_empty_bus_has_no_presence_and_reads_ones() -> None:
    """Nobody pulls the line: no presence pulse, every slot reads 1."""
    bus = bus_with()
    assert bus.reset() is ResetResult.NO_PRESENCE
    assert read(bus, 2) == b"\xff\xff"


def test_a_short_reports_short_and_reads_zeros_until_removed() -> None:
    """A shorted wire answers every reset with a short and every slot with 0."""
    bus = bus_with(thermometer(1))
    bus.short()
    assert bus.reset() is ResetResult.SHORT
    assert read(bus, 1) == b"\x00"
    bus.unshort()
    assert bus.reset() is ResetResult.PRESENCE
    assert [fault.kind for fault in bus.faults()] == ["short", "short_end"]


def test_read_rom_returns_the_only_chip_and_collides_with_two() -> None:
    """Read ROM is a wired-AND: one chip reads clean, two give a bad CRC."""
    one = thermometer(0x0123456789AB)
    bus = bus_with(one)
    bus.reset()
    write(bus, READ_ROM)
    assert read(bus, 8) == one.rom.data
    bus.attach(thermometer(0xFEDCBA987654))
    bus.reset()
    write(bus, READ_ROM)
    collided = read(bus, 8)
    assert collided != one.rom.data
    assert crc8(collided) != 0


def test_match_rom_selects_exactly_one_chip() -> None:
    """After Match ROM only the addressed chip answers its function command."""
    chips = [thermometer(serial, temperature=serial) for serial in (1, 2, 3)]
    bus = bus_with(*chips)
    select(bus, chips[1].rom)
    write(bus, 0xBE)
    scratchpad = read(bus, 9)
    assert crc8(scratchpad) == 0
    transaction = bus.transactions()[-1]
    assert transaction.rom_command == MATCH_ROM
    assert transaction.rom_command_name == "match_rom"
    assert transaction.selected == [chips[1].rom]
    assert transaction.function == 0xBE


def test_skip_rom_selects_every_chip() -> None:
    """Skip ROM reaches every chip on the wire; its transaction lists them all."""
    chips = [thermometer(serial) for serial in range(1, 6)]
    bus = bus_with(*chips)
    skip(bus)
    write(bus, 0x44)
    transaction = bus.transactions(function=0x44)[-1]
    assert transaction.rom_command_name == "skip_rom"
    assert sorted(transaction.selected) == sorted(chip.rom for chip in chips)
    assert len(bus.conversions()) == 5


def test_search_finds_every_chip_of_a_large_random_bus() -> None:
    """AN187's search over 150 random ids finds each exactly once."""
    rng = random.Random(42)
    chips: list[Slave] = [DS18B20(Rom.random(0x28, rng)) for _ in range(100)]
    chips += [DS2413(Rom.random(0x3A, rng)) for _ in range(50)]
    bus = bus_with(*chips)
    found = search(bus)
    assert sorted(found) == sorted(chip.rom for chip in chips)
    assert len(found) == len(set(found)) == 150


def test_search_tells_apart_ids_that_differ_in_one_bit() -> None:
    """Ids sharing 63 bits (the hardest branch points) are all found."""
    base = 0x0F0F0F0F0F0F
    serials = [base ^ (1 << bit) for bit in range(0, 48, 5)] + [base]
    chips = [thermometer(serial) for serial in serials]
    found = search(bus_with(*chips))
    assert sorted(found) == sorted(chip.rom for chip in chips)


def test_a_search_selects_the_chip_it_found() -> None:
    """After a search pass the found chip takes function commands, as after Match ROM."""
    chip = thermometer(7, temperature=30.0)
    bus = bus_with(chip, thermometer(8))
    found = search(bus)
    assert chip.rom in found
    assert all(t.selected for t in bus.transactions() if t.rom_command == 0xF0)


def test_conditional_search_finds_only_chips_in_alarm() -> None:
    """Only chips whose alarm condition holds take part."""
    clock = ManualClock()
    hot = thermometer(1, temperature=40.0, temphigh=30, templow=0)
    mild = thermometer(2, temperature=20.0, temphigh=30, templow=0)
    bus = OneWireBus(clock)
    bus.attach(hot)
    bus.attach(mild)
    assert search(bus, CONDITIONAL_SEARCH) == []  # nothing converted yet
    skip(bus)
    write(bus, 0x44)
    clock.advance(0.75)
    assert search(bus, CONDITIONAL_SEARCH) == [hot.rom]


def test_resume_reaches_the_last_matched_chip_of_chips_that_support_it() -> None:
    """Resume (0xA5) addresses the chip matched last; DS18B20s ignore it."""
    switch = DS2408(Rom.make(0x29, 1))
    sensor = thermometer(1)
    bus = bus_with(switch, sensor)
    select(bus, switch.rom)
    write(bus, 0xC3)
    bus.reset()
    write(bus, RESUME, 0xF0, 0x88, 0x00)
    assert len(read(bus, 10)) == 10
    assert bus.transactions()[-1].selected == [switch.rom]
    bus.reset()
    write(bus, 0x55, *sensor.rom.data)
    bus.reset()
    write(bus, RESUME)
    assert bus.transactions()[-1].selected == []


def test_vanished_chips_do_not_answer_and_power_up_on_return() -> None:
    """A chip that left gives no presence; back, it holds its power-on state."""
    chip = thermometer(1, temperature=20.0)
    clock = ManualClock()
    bus = OneWireBus(clock)
    bus.attach(chip)
    skip(bus)
    write(bus, 0x44)
    clock.advance(1)
    assert chip.snapshot()["temperature"] == 20.0
    chip.vanish()
    assert bus.reset() is ResetResult.NO_PRESENCE
    chip.reappear()
    assert chip.snapshot()["temperature"] == 85.0
    assert [fault.kind for fault in bus.faults()] == ["vanish", "reappear"]


def test_the_bus_refuses_a_chip_twice_and_finds_chips_by_name() -> None:
    """Ids are unique on a bus; find() takes owserver's names."""
    chip = thermometer(0xA)
    bus = bus_with(chip)
    with pytest.raises(ValueError, match="already on a bus"):
        bus.attach(chip)
    with pytest.raises(ValueError, match="two chips"):
        bus.attach(thermometer(0xA))
    assert bus.chip("28.00000000000A") is chip
    assert bus.find("28.00000000000B", missing_ok=True) is None
    assert bus.find("nonsense", missing_ok=True) is None
    with pytest.raises(KeyError):
        bus.find("28.00000000000B")
