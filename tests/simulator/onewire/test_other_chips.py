"""DS2438 battery monitor, DS2423 counters and DS2409 coupler on the wire."""

import pytest

from simulator.onewire import (
    DS18B20,
    DS2409,
    DS2413,
    DS2423,
    DS2438,
    ManualClock,
    OneWireBus,
    ResetResult,
    Rom,
)
from simulator.onewire.crc import crc8, crc16_valid
from simulator.onewire.slave import SettingError

from .master import MATCH_ROM, read, search, select, write


def ds2438_page(bus: OneWireBus, chip: DS2438, page: int) -> bytes:
    """Recall Memory + Read Scratchpad of a page, CRC8 checked."""
    select(bus, chip.rom)
    write(bus, 0xB8, page)
    select(bus, chip.rom)
    write(bus, 0xBE, page)
    data = read(bus, 9)
    assert crc8(data) == 0
    return data[:8]


def test_ds2438_converts_temperature_and_both_voltages() -> None:
    """Convert T/V write page 0; AD selects VDD (1) or VAD (0)."""
    clock = ManualClock()
    bus = OneWireBus(clock)
    chip = DS2438(Rom.make(0x26, 1), temperature=22.5, vad=2.9, vdd=4.95)
    bus.attach(chip)
    select(bus, chip.rom)
    write(bus, 0x44)
    assert bus.slot(1) == 0
    assert ds2438_page(bus, chip, 0)[0] & 0x10  # TB: busy
    clock.advance(0.011)
    page = ds2438_page(bus, chip, 0)
    assert int.from_bytes(page[1:3], "little", signed=True) / 256 == 22.5
    select(bus, chip.rom)
    write(bus, 0xB4)  # AD=1 at power-on: VDD
    clock.advance(0.011)
    assert int.from_bytes(ds2438_page(bus, chip, 0)[3:5], "little") == 495
    select(bus, chip.rom)
    write(bus, 0x4E, 0x00, 0x07)  # AD=0 (configuration acts at once)
    select(bus, chip.rom)
    write(bus, 0xB4)
    clock.advance(0.011)
    assert int.from_bytes(ds2438_page(bus, chip, 0)[3:5], "little") == 290
    assert [c.kind for c in bus.conversions(kind="voltage")] == ["voltage"] * 2


def test_ds2438_user_pages_survive_power_loss_once_copied() -> None:
    """Write Scratchpad + Copy Scratchpad store a page; measurements are read-only."""
    clock = ManualClock()
    bus = OneWireBus(clock)
    chip = DS2438(Rom.make(0x26, 2))
    bus.attach(chip)
    select(bus, chip.rom)
    write(bus, 0x4E, 0x03, *b"HUMIDIT3")
    select(bus, chip.rom)
    write(bus, 0x48, 0x03)
    clock.advance(0.011)
    chip.vanish()
    chip.reappear()
    assert ds2438_page(bus, chip, 3) == b"HUMIDIT3"
    select(bus, chip.rom)
    write(bus, 0x4E, 0x00, 0x01, 0x12, 0x34, 0, 0, 0, 0, 0x55)
    select(bus, chip.rom)
    write(bus, 0x48, 0x00)
    page = ds2438_page(bus, chip, 0)
    assert page[0] & 0x0F == 0x01
    assert page[1:3] == b"\x00\x00"  # temperature untouched
    assert page[7] == 0x55
    chip.ramp_value("vad", 4.0, 10, clock.now())
    clock.advance(5)
    assert chip.snapshot()["vad"] == pytest.approx(3.0)
    with pytest.raises(SettingError):
        chip.set_value("humidity", 1, 0)
    with pytest.raises(SettingError):
        chip.ramp_value("humidity", 1, 1, 0)


def test_ds2423_counters_arrive_with_crc16() -> None:
    """0xA5 at the last byte of page 14: data byte, counter A, 4 zeros, CRC16."""
    clock = ManualClock()
    bus = OneWireBus(clock)
    chip = DS2423(Rom.make(0x1D, 1), counter_a=1000, counter_b=7)
    bus.attach(chip)
    chip.ramp_value("counter.A", 1100, 100, clock.now())
    clock.advance(50)
    select(bus, chip.rom)
    write(bus, 0xA5, 0xDF, 0x01)
    data = read(bus, 11)
    assert crc16_valid(bytes((0xA5, 0xDF, 0x01)) + data)
    assert int.from_bytes(data[1:5], "little") == 1050
    assert data[5:9] == bytes(4)
    second = read(bus, 32 + 8 + 2)  # page 15 follows, its own CRC16
    assert crc16_valid(second)
    assert int.from_bytes(second[32:36], "little") == 7
    select(bus, chip.rom)
    write(bus, 0xF0, 0x00, 0x00)
    assert read(bus, 2) == b"\x00\x00"
    chip.set_value("counter.B", 9, clock.now())
    assert chip.snapshot()["B"] == 9
    with pytest.raises(SettingError):
        chip.set_value("counter.C", 1, 0)


def coupled_bus() -> tuple[OneWireBus, DS2409, DS18B20, DS18B20, DS2413]:
    """A trunk sensor, a coupler with a sensor on main and a switch on aux."""
    bus = OneWireBus(ManualClock())
    trunk = DS18B20(Rom.make(0x28, 1))
    coupler = DS2409(Rom.make(0x1F, 1))
    behind_main = DS18B20(Rom.make(0x28, 2))
    behind_aux = DS2413(Rom.make(0x3A, 2))
    bus.attach(trunk)
    bus.attach(coupler)
    bus.attach(behind_main, coupler.main)
    bus.attach(behind_aux, coupler.aux)
    return bus, coupler, trunk, behind_main, behind_aux


def smart_on(bus: OneWireBus, coupler: DS2409, command: int) -> bytes:
    """Reset, Match ROM the coupler, Smart-On, stimulus; its two answers."""
    select(bus, coupler.rom)
    write(bus, command, 0xFF)
    return read(bus, 2)


def test_ds2409_hides_its_branches_until_switched_on() -> None:
    """The trunk search sees the coupler, not what is behind it."""
    bus, coupler, trunk, behind_main, behind_aux = coupled_bus()
    assert sorted(search(bus)) == sorted((trunk.rom, coupler.rom))
    assert bus.segment_of(behind_main) is coupler.main
    assert bus.segment_of(behind_aux) is coupler.aux
    assert len(bus.chips()) == 4


def test_ds2409_smart_on_main_connects_the_main_branch() -> None:
    """Smart-On Main: presence byte, echo, then the branch takes ROM commands."""
    bus, coupler, _trunk, behind_main, behind_aux = coupled_bus()
    assert smart_on(bus, coupler, 0xCC) == b"\x00\xcc"
    write(bus, MATCH_ROM, *behind_main.rom.data)
    write(bus, 0xBE)
    assert crc8(read(bus, 9)) == 0
    assert coupler.snapshot()["active"] == "main"
    # A search after Smart-On Aux (without a reset) sees only the aux chip.
    assert smart_on(bus, coupler, 0x33) == b"\x00\x33"
    write(bus, 0xF0)
    found = 0
    for index in range(64):
        bit, complement = bus.slot(1), bus.slot(1)
        assert bit != complement
        bus.slot(bit)
        found |= bit << index
    assert found.to_bytes(8, "little") == behind_aux.rom.data


def test_ds2409_all_lines_off_and_status() -> None:
    """0x66 disconnects and echoes; 0x5A reports which branch is on."""
    bus, coupler, trunk, behind_main, _aux = coupled_bus()
    smart_on(bus, coupler, 0xCC)
    # A master reset reaches the connected branch too.
    assert sorted(search(bus)) == sorted((trunk.rom, coupler.rom, behind_main.rom))
    select(bus, coupler.rom)
    write(bus, 0x5A, 0xFF)
    assert read(bus, 1)[0] & 0x05 == 0x04  # main on (bit 0 = 0), aux off
    assert bus.reset() is ResetResult.PRESENCE
    write(bus, 0xCC, 0x66)  # Skip ROM, All Lines Off (owserver's Turnoff)
    assert read(bus, 1) == b"\x66"
    assert coupler.snapshot()["active"] is None
    select(bus, coupler.rom)
    write(bus, 0x5A, 0xFF)
    assert read(bus, 1)[0] & 0x05 == 0x05
    select(bus, coupler.rom)
    write(bus, 0x5A, 0x20)
    assert read(bus, 1)[0] & 0xC0 == 0x80  # owserver's control mode 0


def test_ds2409_direct_on_and_empty_branches() -> None:
    """Direct-On Main connects without a reset; an empty branch gives no presence."""
    bus = OneWireBus(ManualClock())
    coupler = DS2409(Rom.make(0x1F, 2))
    bus.attach(coupler)
    assert smart_on(bus, coupler, 0x33) == b"\xff\x33"
    select(bus, coupler.rom)
    write(bus, 0xA5)
    assert read(bus, 1) == b"\xa5"
    assert coupler.snapshot()["active"] == "main"
    coupler.vanish()
    assert coupler.snapshot()["active"] is None
