"""The emulated DS2480B: its command/data protocol as owserver speaks it."""

import pytest

from simulator.onewire import DS18B20, DS2480B, ManualClock, OneWireBus, Rom
from simulator.onewire.crc import crc8
from simulator.onewire.ds2480 import Mode


def adapter_with(*chips: DS18B20) -> tuple[DS2480B, OneWireBus, ManualClock]:
    """A DS2480B past its calibration byte, on a bus with chips."""
    clock = ManualClock()
    bus = OneWireBus(clock)
    for chip in chips:
        bus.attach(chip)
    adapter = DS2480B(bus)
    assert adapter.feed(b"\xc1") == b""  # timing byte after power-up/BREAK
    return adapter, bus, clock


def test_the_first_command_after_a_break_is_not_answered() -> None:
    """owserver's big reset: BREAK, C1 (calibration), then real commands."""
    adapter, _, _ = adapter_with(DS18B20(Rom.make(0x28, 1)))
    assert adapter.feed(b"\xc1") == b"\xcd"  # reset: chip id 3, presence
    adapter.break_signal()
    assert adapter.feed(b"\xc1\xc1") == b"\xcd"


def test_reset_answers_presence_no_presence_and_short() -> None:
    """Answer 110 cid pp: 01 presence, 11 none, 00 short."""
    adapter, bus, _ = adapter_with()
    assert adapter.feed(b"\xc1") == b"\xcf"
    bus.attach(DS18B20(Rom.make(0x28, 2)))
    assert adapter.feed(b"\xc5") == b"\xcd"
    bus.short()
    assert adapter.feed(b"\xc1") == b"\xcc"


def test_configuration_writes_echo_and_reads_return_the_value() -> None:
    """owserver's set-up: W1LT 10 µs, DSO 8 µs, SPU infinite, 12 V 512 µs; then reads."""
    adapter, _, _ = adapter_with()
    assert adapter.feed(b"\x45\x5b\x3f\x29") == b"\x44\x5a\x3e\x28"
    assert adapter.feed(b"\x71") == b""  # baud rate: answered at the new speed, lost
    assert adapter.baud_rate == 9600
    assert adapter.feed(b"\x0f") == b"\x00"
    assert adapter.feed(b"\x77\x0f") == b"\x06"
    assert adapter.baud_rate == 115200
    assert adapter.feed(b"\x07") == b"\x0e"  # 5 V pulse duration: infinite (7)
    assert adapter.feed(b"\x0b") == b"\x0a"  # sample offset: 8 µs (5)
    assert adapter.feed(b"\x02") == b""  # not a command at all: ignored


def test_data_mode_touches_bytes_and_doubles_e3() -> None:
    """E1 enters data mode; E3 E3 is a data byte E3; E3 + command leaves it."""
    chip = DS18B20(Rom.make(0x28, 3))
    adapter, bus, _ = adapter_with(chip)
    adapter.feed(b"\xc1")
    answer = adapter.feed(b"\xe1\x55" + chip.rom.data + b"\xbe" + b"\xff" * 9)
    assert answer[:10] == b"\x55" + chip.rom.data + b"\xbe"
    assert crc8(answer[10:]) == 0
    assert adapter.mode is Mode.DATA
    assert bus.transactions()[-1].function == 0xBE
    assert adapter.feed(b"\xe3\xe3") == b"\xe3"  # data E3 on the wire, reads E3
    assert adapter.feed(b"\xe3\xc1") == b"\xcd"  # command mode, reset
    assert adapter.mode is Mode.COMMAND
    assert adapter.feed(b"\xe3") == b""  # already in command mode


def test_single_bits_and_the_strong_pull_up() -> None:
    """owserver's PowerByte: 8 bit commands, the last arming the pull-up; F1 ends it."""
    chip = DS18B20(Rom.make(0x28, 4), parasite=True, temperature=19.0)
    adapter, bus, clock = adapter_with(chip)
    adapter.feed(b"\xc1\xe1\xcc\xe3")  # reset, Skip ROM, back to command mode
    convert_t = [0x81 | (0x10 if (0x44 >> i) & 1 else 0) for i in range(8)]
    convert_t[7] |= 0x02
    answer = adapter.feed(bytes(convert_t))
    assert [a & 1 for a in answer] == [(0x44 >> i) & 1 for i in range(8)]
    assert bus.strong_pullup
    clock.advance(0.75)
    assert adapter.feed(b"\xf1") == b"\xf0"
    assert not bus.strong_pullup
    assert chip.snapshot()["temperature"] == 19.0  # no brown-out
    assert adapter.feed(b"\x91") == b"\x93"  # write-1/read slot: reads 1


def test_pulse_commands_are_answered() -> None:
    """The 12 V programming pulse (owserver's ProgramPulse) and the 5 V pulse."""
    adapter, bus, _ = adapter_with()
    assert adapter.feed(b"\xfd") == b"\xfc"
    assert adapter.feed(b"\xed") == b"\xec"
    assert bus.strong_pullup


def search_with_accelerator(adapter: DS2480B, last: int, previous: int) -> bytes:
    """One owserver search pass; returns the 16 accelerator answer bytes."""
    pairs = bytearray(16)
    for index in range(64):
        if index < last:
            direction = (previous >> index) & 1
        elif index == last:
            direction = 1
        else:
            direction = 0
        pairs[index // 4] |= direction << (2 * (index % 4) + 1)
    adapter.feed(b"\xc1")
    adapter.feed(b"\xe1\xf0\xe3\xb1\xe1")
    answer = adapter.feed(bytes(pairs))
    adapter.feed(b"\xe3\xa1")
    return answer


def test_the_search_accelerator_finds_every_chip() -> None:
    """Discrepancy flags and chosen bits drive owserver's search to every id."""
    chips = [DS18B20(Rom.make(0x28, serial)) for serial in (1, 2, 3, 0x800000000000)]
    adapter, _, _ = adapter_with(*chips)
    found: list[Rom] = []
    last, previous = -1, 0
    while True:
        answer = search_with_accelerator(adapter, last, previous)
        value = 0
        mismatched = -1
        for index in range(64):
            pair = (answer[index // 4] >> (2 * (index % 4))) & 0x03
            value |= (pair >> 1) << index
            if pair == 0x01:
                mismatched = index
        found.append(Rom(value.to_bytes(8, "little")))
        if mismatched in (-1, last):
            break
        last, previous = mismatched, value
    assert sorted(found) == sorted(chip.rom for chip in chips)


def test_a_conditional_search_with_nobody_in_alarm_reads_all_ones() -> None:
    """owserver treats an all-FF id as 'no alarm'."""
    adapter, _, _ = adapter_with(DS18B20(Rom.make(0x28, 5)))
    adapter.feed(b"\xc1\xe1\xec\xe3\xb1\xe1")
    assert adapter.feed(bytes(16)) == b"\xff" * 16


def test_answers_cost_bus_time() -> None:
    """10 bit times per byte each way at the baud rate, plus slots and resets."""
    adapter, _, _ = adapter_with(DS18B20(Rom.make(0x28, 6)))
    adapter.take_time()
    adapter.feed(b"\xc1")
    assert adapter.take_time() == pytest.approx(2 * 10 / 9600 + 1e-3)
    adapter.feed(b"\xe1\xff")
    assert adapter.take_time() == pytest.approx(3 * 10 / 9600 + 8 * 65e-6)
    assert adapter.take_time() == 0.0
