"""DS18B20, DS1822 and DS18S20 as a master sees them on the wire."""

import pytest

from simulator.onewire import DS18B20, DS18S20, DS1822, ManualClock, OneWireBus, Rom
from simulator.onewire.crc import crc8
from simulator.onewire.slave import SettingError

from .master import read, select, skip, write

CONVERT = 0x44
READ_SCRATCHPAD = 0xBE


def on_bus(chip: DS18B20 | DS1822 | DS18S20) -> tuple[OneWireBus, ManualClock]:
    """A bus with a manual clock holding chip."""
    clock = ManualClock()
    bus = OneWireBus(clock)
    bus.attach(chip)
    return bus, clock


def scratchpad(bus: OneWireBus, chip: DS18B20 | DS1822 | DS18S20) -> bytes:
    """Read the 9-byte scratchpad and check its CRC."""
    select(bus, chip.rom)
    write(bus, READ_SCRATCHPAD)
    data = read(bus, 9)
    assert crc8(data) == 0
    return data


def celsius(data: bytes) -> float:
    """The DS18B20 temperature register in °C."""
    return int.from_bytes(data[:2], "little", signed=True) / 16


def convert(bus: OneWireBus, chip: DS18B20 | DS1822 | DS18S20) -> None:
    """Match ROM + Convert T."""
    select(bus, chip.rom)
    write(bus, CONVERT)


def test_power_on_scratchpad_holds_85_degrees() -> None:
    """Before its first conversion a DS18B20 reads +85 °C (0x0550)."""
    chip = DS18B20(Rom.make(0x28, 1), temperature=21.5)
    bus, _ = on_bus(chip)
    data = scratchpad(bus, chip)
    assert data[:2] == b"\x50\x05"
    assert data[4] == 0x7F  # 12 bits
    assert data[5:8] == b"\xff\x0c\x10"


@pytest.mark.parametrize(
    ("resolution", "seconds", "expected"),
    [
        (9, 0.09375, 21.5),
        (10, 0.1875, 21.75),
        (11, 0.375, 21.625),
        (12, 0.75, 21.6875),
    ],
)
def test_conversion_takes_the_resolution_s_time_and_rounds_to_it(
    resolution: int, seconds: float, expected: float
) -> None:
    """Busy (0) until the conversion time has passed, then the rounded value."""
    chip = DS18B20(Rom.make(0x28, 2), temperature=21.66, resolution=resolution)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    assert bus.slot(1) == 0  # converting
    clock.advance(seconds * 0.99)
    assert bus.slot(1) == 0
    assert celsius(scratchpad(bus, chip)) == 85.0  # not updated mid-conversion
    clock.advance(seconds * 0.02)
    assert celsius(scratchpad(bus, chip)) == expected
    assert bus.conversions()[-1].duration == pytest.approx(seconds)


def test_negative_temperatures_use_twos_complement() -> None:
    """-10.125 °C is 0xFF5E."""
    chip = DS18B20(Rom.make(0x28, 3), temperature=-10.125)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    clock.advance(1)
    assert scratchpad(bus, chip)[:2] == b"\x5e\xff"


def test_write_copy_and_recall_the_configuration() -> None:
    """Write Scratchpad changes TH/TL/resolution; Copy keeps them over power loss."""
    chip = DS18B20(Rom.make(0x28, 4))
    bus, clock = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0x4E, 30, 0xF6, 0x1F)  # TH 30, TL -10, 9 bits
    data = scratchpad(bus, chip)
    assert data[2:5] == bytes((30, 0xF6, 0x1F))
    assert chip.resolution == 9
    chip.vanish()
    chip.reappear()
    assert scratchpad(bus, chip)[2:5] == bytes((125, 0xC9, 0x7F))  # EEPROM unchanged
    select(bus, chip.rom)
    write(bus, 0x4E, 30, 0xF6, 0x3F)
    select(bus, chip.rom)
    write(bus, 0x48)  # Copy Scratchpad
    assert bus.slot(1) == 0  # writing EEPROM
    clock.advance(0.011)
    assert bus.slot(1) == 1
    chip.vanish()
    chip.reappear()
    assert scratchpad(bus, chip)[2:5] == bytes((30, 0xF6, 0x3F))
    select(bus, chip.rom)
    write(bus, 0x4E, 1, 2, 0x7F)
    select(bus, chip.rom)
    write(bus, 0xB8)  # Recall EEPROM
    assert bus.slot(1) == 1
    assert scratchpad(bus, chip)[2:5] == bytes((30, 0xF6, 0x3F))


def test_alarm_flag_after_a_conversion_outside_th_tl() -> None:
    """The integer part >= TH or <= TL sets the alarm flag."""
    chip = DS18B20(Rom.make(0x28, 5), temperature=25.9, temphigh=26, templow=10)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    clock.advance(1)
    assert not chip.alarm()
    chip.set_value("temperature", 26.0, clock.now())
    convert(bus, chip)
    clock.advance(1)
    assert chip.alarm()
    chip.set_value("temperature", 10.5, clock.now())
    convert(bus, chip)
    clock.advance(1)
    assert chip.alarm()


def test_read_power_supply_tells_parasite_chips() -> None:
    """Parasite-powered chips pull the Read Power Supply slot low."""
    powered = DS18B20(Rom.make(0x28, 6))
    parasite = DS18B20(Rom.make(0x28, 7), parasite=True)
    clock = ManualClock()
    bus = OneWireBus(clock)
    bus.attach(powered)
    bus.attach(parasite)
    select(bus, powered.rom)
    write(bus, 0xB4)
    assert bus.slot(1) == 1
    select(bus, parasite.rom)
    write(bus, 0xB4)
    assert bus.slot(1) == 0


def test_parasite_conversion_needs_the_strong_pull_up() -> None:
    """Without strong pull-up right after Convert T a parasite chip browns out."""
    chip = DS18B20(Rom.make(0x28, 8), temperature=20.0, parasite=True)
    bus, clock = on_bus(chip)
    skip(bus)
    write(bus, CONVERT)
    assert bus.slot(1) == 1  # parasite chips cannot signal busy
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 85.0
    assert [fault.kind for fault in bus.faults()] == ["brownout"]
    skip(bus)
    write(bus, CONVERT)
    bus.begin_strong_pullup()
    clock.advance(1)
    bus.end_strong_pullup()
    assert celsius(scratchpad(bus, chip)) == 20.0


def test_a_slow_chip_converts_slower() -> None:
    """conversion_factor stretches the conversion."""
    chip = DS18B20(Rom.make(0x28, 9), conversion_factor=2.0)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    clock.advance(1.0)
    assert bus.slot(1) == 0
    clock.advance(0.6)
    assert bus.slot(1) == 1


def test_crc_error_rate_corrupts_protected_blocks() -> None:
    """Rate 1: every scratchpad arrives with a bad CRC, and the bus says so."""
    chip = DS18B20(Rom.make(0x28, 10), crc_error_rate=1.0)
    bus, _ = on_bus(chip)
    select(bus, chip.rom)
    write(bus, READ_SCRATCHPAD)
    assert crc8(read(bus, 9)) != 0
    assert [fault.kind for fault in bus.faults()] == ["crc"]


def test_temperature_ramps_are_sampled_when_converting() -> None:
    """A ramp from 20 to 30 over 100 s reads 25 halfway."""
    chip = DS18B20(Rom.make(0x28, 11), temperature=20.0)
    bus, clock = on_bus(chip)
    chip.ramp_value("temperature", 30.0, 100.0, clock.now())
    clock.advance(50)
    convert(bus, chip)
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 25.0
    clock.advance(100)
    convert(bus, chip)
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 30.0
    assert chip.snapshot()["conversions"] == 2


def test_ds1822_is_a_ds18b20_with_its_own_family() -> None:
    """Same registers, family 22."""
    chip = DS1822(Rom.make(0x22, 1), temperature=4.5)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 4.5


@pytest.mark.parametrize("room", [18.75, 22.0, 21.5, -0.5, 0.3, 24.9])
def test_ds18s20_reports_half_degrees_and_count_remain(room: float) -> None:
    """owserver's formula T = (raw >> 1) - 0.25 + (16 - COUNT_REMAIN) / 16."""
    chip = DS18S20(Rom.make(0x10, 1), temperature=room, resolution=12)
    bus, clock = on_bus(chip)
    assert scratchpad(bus, chip)[:2] == b"\xaa\x00"  # +85 °C at power-on
    convert(bus, chip)
    clock.advance(0.7)
    assert bus.slot(1) == 0  # always 750 ms
    clock.advance(0.1)
    data = scratchpad(bus, chip)
    raw = int.from_bytes(data[:2], "little", signed=True)
    assert data[7] == 0x10
    assert (raw >> 1) - 0.25 + (16 - data[6]) / 16 == pytest.approx(room, abs=1 / 32)
    assert raw / 2 == pytest.approx(room, abs=0.5)


def test_ds18s20_write_scratchpad_takes_two_bytes() -> None:
    """TH and TL only; no configuration register."""
    chip = DS18S20(Rom.make(0x10, 2))
    bus, _ = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0x4E, 40, 5)
    assert scratchpad(bus, chip)[2:6] == bytes((40, 5, 0xFF, 0xFF))
    assert chip.resolution == 9


def test_thermometers_refuse_what_they_cannot_do() -> None:
    """Bad resolution, wrong family, unknown attributes."""
    with pytest.raises(SettingError):
        DS18B20(Rom.make(0x28, 1), resolution=8)
    with pytest.raises(SettingError):
        DS18B20(Rom.make(0x10, 1))
    chip = DS18B20(Rom.make(0x28, 1))
    with pytest.raises(SettingError):
        chip.set_value("humidity", 1, 0)
    with pytest.raises(SettingError):
        chip.ramp_value("humidity", 1, 1, 0)


def test_brownouts_make_conversions_end_at_85_degrees() -> None:
    """A sagging supply: the next n conversions reset the chip, then it is fine."""
    chip = DS18B20(Rom.make(0x28, 12), temperature=20.0, brownouts=1)
    bus, clock = on_bus(chip)
    convert(bus, chip)
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 85.0
    convert(bus, chip)
    clock.advance(1)
    assert celsius(scratchpad(bus, chip)) == 20.0
    assert [fault.kind for fault in bus.faults()] == ["brownout"]
