"""The two 1-Wire CRCs, computed the way the chips do.

CRC8 (polynomial X^8 + X^5 + X^4 + 1, bits in least significant first)
protects ROM ids and scratchpads: run over the data followed by its CRC it
gives 0. CRC16 (X^16 + X^15 + X^2 + 1, LSB first) protects register pages and
memory reads; the chips send its *complement*, least significant byte first,
so that the CRC16 of data plus the two sent bytes is the fixed remainder
0xB001. Both are bit-serial here, as in the chips' shift registers, which is
fast enough for a bus emulator and plainly follows the datasheets.
"""

from collections.abc import Iterable

#: The CRC16 remainder of a block followed by its (complemented) CRC16.
CRC16_RESIDUE = 0xB001


def crc8(data: Iterable[int], crc: int = 0) -> int:
    """The Dallas/Maxim CRC8 of data (0 for data that ends with its CRC)."""
    for byte in data:
        for index in range(8):
            mix = (crc ^ (byte >> index)) & 0x01
            crc >>= 1
            if mix:
                crc ^= 0x8C
    return crc


def crc16(data: Iterable[int], crc: int = 0) -> int:
    """The 1-Wire CRC16 register after data (not complemented)."""
    for byte in data:
        for index in range(8):
            mix = (crc ^ (byte >> index)) & 0x01
            crc >>= 1
            if mix:
                crc ^= 0xA001
    return crc


def crc16_bytes(data: Iterable[int], crc: int = 0) -> bytes:
    """The two CRC16 bytes a chip sends after data: complemented, LSB first."""
    inverted = ~crc16(data, crc) & 0xFFFF
    return bytes((inverted & 0xFF, inverted >> 8))


def crc16_valid(data_with_crc: bytes) -> bool:
    """Whether a block ends with the complemented CRC16 of what precedes it."""
    return crc16(data_with_crc) == CRC16_RESIDUE
