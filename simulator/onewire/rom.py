"""64-bit ROM ids: family code, 48-bit serial number, CRC8.

On the wire a ROM id travels least significant bit first: family byte, six
serial bytes, CRC. owserver names a device ``FF.SSSSSSSSSSSS`` with the six
serial bytes in wire order, so ``28.0123456789AB`` is the byte sequence
``28 01 23 45 67 89 AB <crc>`` (checked against a real owserver).
"""

from dataclasses import dataclass
import random
import re
from typing import Self, override

from .crc import crc8

_ID = re.compile(r"^([0-9A-Fa-f]{2})\.?([0-9A-Fa-f]{12})(?:\.?([0-9A-Fa-f]{2}))?$")


class RomError(ValueError):
    """A text that is not a 1-Wire id, or an id whose CRC is wrong."""


@dataclass(frozen=True, slots=True, order=True)
class Rom:
    """One 64-bit ROM id (its wire bytes)."""

    data: bytes

    def __post_init__(self) -> None:
        """Check length and CRC8 once, at creation."""
        if len(self.data) != 8:
            raise RomError(f"a ROM id has 8 bytes, not {len(self.data)}")
        if crc8(self.data) != 0:
            raise RomError(f"bad CRC8 in ROM id {self.data.hex()}")

    @classmethod
    def make(cls, family: int, serial: int) -> Self:
        """The ROM of a family code and a 48-bit serial number (CRC added)."""
        if not 0 <= family <= 0xFF or not 0 <= serial < 1 << 48:
            raise RomError(f"family {family:#x} / serial {serial:#x} out of range")
        body = bytes((family,)) + serial.to_bytes(6, "big")
        return cls(body + bytes((crc8(body),)))

    @classmethod
    def parse(cls, text: str) -> Self:
        """``28.0123456789AB`` (owserver's form), with or without dots or CRC."""
        match = _ID.match(text.strip())
        if match is None:
            raise RomError(f"not a 1-Wire id: {text!r}")
        rom = cls.make(int(match[1], 16), int(match[2], 16))
        if match[3] is not None and int(match[3], 16) != rom.crc:
            raise RomError(f"{text!r}: CRC should be {rom.crc:02X}")
        return rom

    @classmethod
    def random(cls, family: int, rng: random.Random) -> Self:
        """A ROM of family with a serial number drawn from rng."""
        return cls.make(family, rng.getrandbits(48))

    @property
    def family(self) -> int:
        """The family code (first byte on the wire)."""
        return self.data[0]

    @property
    def serial(self) -> int:
        """The 48-bit serial number (owserver's hex digits)."""
        return int.from_bytes(self.data[1:7], "big")

    @property
    def crc(self) -> int:
        """The CRC8 byte."""
        return self.data[7]

    @property
    def value(self) -> int:
        """The 64 bits as one integer, bit 0 first on the wire."""
        return int.from_bytes(self.data, "little")

    def bit(self, index: int) -> int:
        """Bit index (0..63) in wire order."""
        return (self.data[index >> 3] >> (index & 7)) & 1

    @property
    def name(self) -> str:
        """Owserver's name: ``28.0123456789AB``."""
        return f"{self.family:02X}.{self.serial:012X}"

    @override
    def __str__(self) -> str:
        """Owserver's name."""
        return self.name
