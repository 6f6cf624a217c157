"""CRC8, CRC16 and ROM ids against published values."""

import pytest

from simulator.onewire import Rom, RomError, crc8, crc16, crc16_bytes, crc16_valid


def test_crc8_of_the_application_note_27_rom_is_a2() -> None:
    """Maxim AN27's worked example: 02 1C B8 01 00 00 00 -> A2."""
    assert crc8(bytes.fromhex("021CB801000000")) == 0xA2
    assert crc8(bytes.fromhex("021CB801000000A2")) == 0


def test_crc8_of_a_ds18b20_power_on_scratchpad() -> None:
    """85 °C, TH 75, TL 70, 12 bits: the CRC a real DS18B20 sends (0x1C... )."""
    scratchpad = bytes.fromhex("5005 4B46 7FFF 0C10")
    assert crc8(scratchpad) == 0x1C


def test_crc16_of_a_ds2408_register_read_leaves_the_residue() -> None:
    """A block followed by its complemented CRC16 gives 0xB001."""
    block = bytes((0xF0, 0x88, 0x00)) + bytes.fromhex("FF FF 00 00 00 88 FF FF")
    sent = block + crc16_bytes(block)
    assert crc16(sent) == 0xB001
    assert crc16_valid(sent)
    assert not crc16_valid(sent[:-1] + bytes((sent[-1] ^ 1,)))


def test_crc16_of_123456789_is_the_arc_check_value() -> None:
    """The 1-Wire CRC16 is CRC-16/ARC: check value 0xBB3D."""
    assert crc16(b"123456789") == 0xBB3D


def test_rom_names_follow_owserver() -> None:
    """The serial digits are the wire bytes in order; the CRC is computed."""
    rom = Rom.parse("28.0123456789AB")
    assert rom.data[:7] == bytes.fromhex("280123456789AB")
    assert crc8(rom.data) == 0
    assert rom.name == str(rom) == "28.0123456789AB"
    assert rom.family == 0x28
    assert rom.serial == 0x0123456789AB
    assert Rom.parse(f"280123456789AB{rom.crc:02X}") == rom
    assert Rom.parse(f"28.0123456789AB.{rom.crc:02X}") == rom
    assert [rom.bit(i) for i in range(8)] == [0, 0, 0, 1, 0, 1, 0, 0]


@pytest.mark.parametrize(
    "text", ["", "28", "28.0123456789", "ZZ.0123456789AB", "28.0123456789AB.00"]
)
def test_rom_rejects_what_is_not_an_id(text: str) -> None:
    """Short, non-hex or wrong-CRC ids are refused."""
    with pytest.raises(RomError):
        Rom.parse(text)


def test_rom_checks_length_crc_and_range() -> None:
    """A ROM is 8 bytes ending with their CRC8; family and serial are bounded."""
    with pytest.raises(RomError):
        Rom(b"\x28" * 7)
    with pytest.raises(RomError):
        Rom(bytes(7) + b"\x01")
    with pytest.raises(RomError):
        Rom.make(0x100, 1)
    with pytest.raises(RomError):
        Rom.make(0x28, 1 << 48)
