"""DS2408, DS2413 and DS2406: pins, latches, activity and conditional search."""

import pytest

from simulator.onewire import DS2406, DS2408, DS2413, ManualClock, OneWireBus, Rom
from simulator.onewire.crc import crc16_valid
from simulator.onewire.slave import SettingError

from .master import CONDITIONAL_SEARCH, read, search, select, write


def on_bus(*chips: DS2408 | DS2413 | DS2406) -> OneWireBus:
    """A bus with these chips."""
    bus = OneWireBus(ManualClock())
    for chip in chips:
        bus.attach(chip)
    return bus


def ds2408_registers(bus: OneWireBus, chip: DS2408) -> bytes:
    """Read PIO Registers from 0x88, CRC16 checked; the 8 register bytes."""
    select(bus, chip.rom)
    write(bus, 0xF0, 0x88, 0x00)
    data = read(bus, 10)
    assert crc16_valid(bytes((0xF0, 0x88, 0x00)) + data)
    return data[:8]


def test_ds2408_powers_up_with_outputs_off_and_porl_set() -> None:
    """Pins high, latches clear, PORL and VCCP set: 0x88..0x8F = FF FF 00 00 00 88 FF FF."""
    chip = DS2408(Rom.make(0x29, 1))
    assert ds2408_registers(on_bus(chip), chip) == bytes.fromhex("FFFF00000088FFFF")


def test_ds2408_channel_access_write_switches_and_latches() -> None:
    """0x5A byte, ~byte: AA, then the pins; turning a transistor on latches activity."""
    chip = DS2408(Rom.make(0x29, 2))
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0x5A, 0xF7, 0x08)
    assert read(bus, 2) == bytes((0xAA, 0xF7))
    registers = ds2408_registers(bus, chip)
    assert registers[0] == 0xF7  # pin 3 low
    assert registers[1] == 0xF7  # output latch 3 on
    assert registers[2] == 0x08  # activity on channel 3
    select(bus, chip.rom)
    write(bus, 0x5A, 0x00, 0x00)  # not complements: refused
    assert read(bus, 1) == b"\xff"
    assert chip.outputs == 0xF7


def test_ds2408_inputs_latch_and_reset_activity_latches_clears() -> None:
    """An input pulled low sets its activity latch; 0xC3 answers AA and clears."""
    chip = DS2408(Rom.make(0x29, 3))
    bus = on_bus(chip)
    chip.set_value("input.5", 0, 0)
    assert chip.sensed == 0xDF
    chip.set_value("input.5", 1, 0)
    assert chip.activity == 0x20
    select(bus, chip.rom)
    write(bus, 0xC3)
    assert read(bus, 2) == b"\xaa\xaa"
    assert chip.activity == 0
    chip.press("0")
    assert chip.activity == 0x01
    with pytest.raises(SettingError):
        chip.set_value("input.8", 0, 0)
    with pytest.raises(SettingError):
        chip.set_value("temperature", 0, 0)


def test_ds2408_conditional_search_follows_its_registers() -> None:
    """PORL makes it answer; then mask/polarity/PLS/CT decide."""
    chip = DS2408(Rom.make(0x29, 4))
    other = DS2408(Rom.make(0x29, 5))
    bus = on_bus(chip, other)
    assert sorted(search(bus, CONDITIONAL_SEARCH)) == sorted((chip.rom, other.rom))
    for target in (
        chip,
        other,
    ):  # activity latch source, OR, all channels; PORL cleared
        select(bus, target.rom)
        write(bus, 0xCC, 0x8B, 0x00, 0xFF, 0xFF, 0x01)
    assert ds2408_registers(bus, chip)[3:6] == bytes((0xFF, 0xFF, 0x81))
    assert search(bus, CONDITIONAL_SEARCH) == []
    chip.press("2")
    assert search(bus, CONDITIONAL_SEARCH) == [chip.rom]
    select(bus, chip.rom)
    write(bus, 0xCC, 0x8D, 0x00, 0x03)  # AND of all channels
    assert search(bus, CONDITIONAL_SEARCH) == []
    select(bus, chip.rom)
    write(bus, 0xCC, 0x8B, 0x00, 0x04, 0x00, 0x00)  # pin 2 low (PIO source)
    assert search(bus, CONDITIONAL_SEARCH) == []
    chip.set_value("input.2", 0, 0)
    assert search(bus, CONDITIONAL_SEARCH) == [chip.rom]
    select(bus, chip.rom)
    write(bus, 0xCC, 0x80, 0x00, 0x01)  # outside the registers: ignored
    assert chip.search_mask == 0x04


def test_ds2408_channel_access_read_streams_pins_with_crc16() -> None:
    """0xF5: 32 samples, then a CRC16 that covers the command."""
    chip = DS2408(Rom.make(0x29, 6), inputs={"1": 0})
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0xF5)
    data = read(bus, 34)
    assert data[:32] == bytes((0xFD,)) * 32
    assert crc16_valid(b"\xf5" + data)
    more = read(bus, 34)
    assert crc16_valid(more)


def test_ds2408_read_pio_registers_from_a_later_address() -> None:
    """Reading from 0x8D returns 8D..8F and a CRC16; below 0x88 nothing."""
    chip = DS2408(Rom.make(0x29, 7), vcc=False)
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0xF0, 0x8D, 0x00)
    data = read(bus, 5)
    assert data[:3] == bytes((0x08, 0xFF, 0xFF))
    assert crc16_valid(bytes((0xF0, 0x8D, 0x00)) + data)
    select(bus, chip.rom)
    write(bus, 0xF0, 0x00, 0x00)
    assert read(bus, 2) == b"\xff\xff"


def test_ds2413_status_byte_and_pio_write() -> None:
    """Pins and latches in the low nibble, complemented in the high one."""
    chip = DS2413(Rom.make(0x3A, 1))
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0xF5)
    assert read(bus, 2) == b"\x0f\x0f"
    select(bus, chip.rom)
    write(bus, 0x5A, 0xFE, 0x01)  # transistor A on
    assert read(bus, 2) == bytes((0xAA, 0x3C))  # A: pin 0 latch 0; B: 1, 1
    assert chip.snapshot()["sensed"] == [0, 1]
    select(bus, chip.rom)
    write(bus, 0x5A, 0xFE, 0xFE)
    assert read(bus, 1) == b"\xff"
    assert not chip.alarm()


def ds2406_status(bus: OneWireBus, chip: DS2406) -> int:
    """Read Status at address 7, CRC16 checked."""
    select(bus, chip.rom)
    write(bus, 0xAA, 0x07, 0x00)
    data = read(bus, 3)
    assert crc16_valid(bytes((0xAA, 0x07, 0x00)) + data)
    return data[0]


def ds2406_info(bus: OneWireBus, chip: DS2406, control: int = 0x4D) -> int:
    """Channel Access with CRC after every byte; the channel info byte."""
    select(bus, chip.rom)
    write(bus, 0xF5, control, 0xFF)
    data = read(bus, 4)
    assert crc16_valid(bytes((0xF5, control, 0xFF)) + data)
    return data[0]


def test_ds2406_status_and_channel_info_after_power_on() -> None:
    """CSS bits all 1, flip-flops off, Vcc; info: pins high, two channels."""
    chip = DS2406(Rom.make(0x12, 1))
    bus = on_bus(chip)
    assert ds2406_status(bus, chip) == 0xFF
    assert ds2406_info(bus, chip) == 0xCF
    assert chip.alarm()  # power-on condition: PIO high, A or B


def test_ds2406_write_status_drives_flip_flops_and_search_condition() -> None:
    """Write Status 7: flip-flop A on pulls A low and latches; CSS picks the alarm."""
    chip = DS2406(Rom.make(0x12, 2), vcc=False)
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0x55, 0x07, 0x00, 0x5B)  # latch=1 on A or B; flip-flop A on, B off
    crc = read(bus, 2)
    assert crc16_valid(bytes((0x55, 0x07, 0x00, 0x5B)) + crc)
    info = ds2406_info(bus, chip)
    assert info & 0x03 == 0x02  # flip-flop A on (0), B off (1)
    assert info & 0x0C == 0x08  # pin A low
    assert info & 0x30 == 0x10  # activity on A
    assert info & 0x80 == 0  # no Vcc
    assert search(bus, CONDITIONAL_SEARCH) == [chip.rom]
    ds2406_info(bus, chip, control=0xDD)  # ALR: reset the activity latches
    assert search(bus, CONDITIONAL_SEARCH) == []


@pytest.mark.parametrize(
    ("css", "alarm"),
    [
        (0x00, False),  # reserved: never
        (0x02, True),  # no channel, a source: unconditional
        (0x0F, True),  # pin A high
        (0x0E, False),  # pin A low
        (0x15, True),  # flip-flop B off
        (0x1B, False),  # activity latch on A or B
    ],
)
def test_ds2406_conditional_search_select_codes(css: int, alarm: bool) -> None:
    """Table 2 of the datasheet, with both transistors off and pins high."""
    chip = DS2406(Rom.make(0x12, 3))
    chip.css = css
    assert chip.alarm() is alarm


def test_ds2406_channel_access_sample_modes() -> None:
    """Single-channel reads sample one pin; memory reads give a blank EPROM."""
    chip = DS2406(Rom.make(0x12, 4), inputs={"B": 0})
    bus = on_bus(chip)
    select(bus, chip.rom)
    write(bus, 0xF5, 0x44, 0xFF)  # channel A, no CRC
    assert read(bus, 3)[1:] == b"\xff\xff"
    select(bus, chip.rom)
    write(bus, 0xF5, 0x4A, 0xFF)  # channel B, CRC every 8 bytes
    data = read(bus, 11)
    assert data[1:9] == bytes(8)
    assert crc16_valid(bytes((0xF5, 0x4A, 0xFF)) + data)
    select(bus, chip.rom)
    write(bus, 0xF0, 0x00, 0x00)
    assert read(bus, 4) == b"\xff" * 4
    select(bus, chip.rom)
    write(bus, 0xAA, 0x08, 0x00)  # beyond the status memory
    assert read(bus, 1) == b"\xff"
