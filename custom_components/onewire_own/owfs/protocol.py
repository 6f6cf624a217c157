"""The owserver wire format: headers, message types, control flags.

Pure functions and constants only (no I/O), so they can be property-tested.
Facts follow the OWFS sources: every message is a 24-byte header of six
big-endian signed int32 followed by a payload.
"""

from dataclasses import dataclass
import enum
import functools
import re
import struct
from typing import Final, Self

from .errors import OwfsProtocolError

HEADER: Final = struct.Struct(">6i")
HEADER_SIZE: Final = HEADER.size

#: Replies longer than this are refused instead of allocated (the cap used
#: by the common clients; owserver never sends more for a sane request).
MAX_PAYLOAD: Final = 65536

#: The largest ``size`` a READ may ask for (owserver refuses more).
MAX_READ_SIZE: Final = 65536

#: ``payload`` value of a keep-alive ping sent while a slow request runs.
PING_PAYLOAD: Final = -1


class MessageType(enum.IntEnum):
    """Request types of the owserver protocol (5 SIZE is obsolete)."""

    ERROR = 0
    NOP = 1
    READ = 2
    WRITE = 3
    DIR = 4
    PRESENCE = 6
    DIRALL = 7
    GET = 8
    DIRALLSLASH = 9
    GETSLASH = 10


class Flag(enum.IntFlag):
    """Control flags of a request; the server echoes those it honoured."""

    BUS_RET = 0x02
    PERSISTENCE = 0x04
    ALIAS = 0x08
    SAFEMODE = 0x10
    UNCACHED = 0x20
    TRIM = 0x40
    OWNET = 0x100


_PERSISTENCE: Final = int(Flag.PERSISTENCE)  # plain int: checked on every reply


class TemperatureScale(enum.IntEnum):
    """Temperature scale, bits 16-17 of the control flags."""

    CELSIUS = 0
    FAHRENHEIT = 1
    KELVIN = 2
    RANKINE = 3


class DeviceFormat(enum.IntEnum):
    """Device-id format, bits 24-31 of the control flags."""

    FDI = 0  # 10.67C6697351FF
    FI = 1  # 1067C6697351FF
    FDIDC = 2  # 10.67C6697351FF.8D
    FDIC = 3  # 10.67C6697351FF8D
    FIDC = 4  # 1067C6697351FF.8D
    FIC = 5  # 1067C6697351FF8D


@functools.cache
def control_flags(
    *,
    persistence: bool = True,
    uncached: bool = False,
    bus_ret: bool = True,
    temperature_scale: TemperatureScale = TemperatureScale.CELSIUS,
    device_format: DeviceFormat = DeviceFormat.FDI,
) -> int:
    """Combine the control-flag word sent with every request.

    Temperature scale and device format are always explicit so that a server
    configured otherwise (``-F``, ``--format``) still answers in Celsius and
    in the canonical id form this package parses. Cached: it is computed
    for every request and enum arithmetic is slow.
    """
    flags = Flag.OWNET
    if persistence:
        flags |= Flag.PERSISTENCE
    if uncached:
        flags |= Flag.UNCACHED
    if bus_ret:
        flags |= Flag.BUS_RET
    return int(flags) | (temperature_scale << 16) | (device_format << 24)


@dataclass(frozen=True, slots=True)
class RequestHeader:
    """The header a client sends."""

    version: int
    payload: int
    type: int
    flags: int
    size: int
    offset: int

    def pack(self) -> bytes:
        """Encode as 24 bytes."""
        return HEADER.pack(
            self.version, self.payload, self.type, self.flags, self.size, self.offset
        )

    @classmethod
    def unpack(cls, data: bytes) -> Self:
        """Decode 24 bytes (used by test servers)."""
        return cls(*HEADER.unpack(data))


@dataclass(frozen=True, slots=True)
class ReplyHeader:
    """The header the server sends before each reply payload."""

    version: int
    payload: int
    ret: int
    flags: int
    size: int
    offset: int

    @classmethod
    def unpack(cls, data: bytes | bytearray) -> Self:
        """Decode the first 24 bytes, refusing what no owserver would send.

        Raises:
            OwfsProtocolError: fewer than 24 bytes; the payload length is
                negative (other than a ping) or larger than MAX_PAYLOAD.
        """
        if len(data) < HEADER_SIZE:
            raise OwfsProtocolError(f"reply header of {len(data)} bytes")
        header = cls(*HEADER.unpack_from(data))
        if header.is_ping:
            return header
        if header.payload < 0 or header.payload > MAX_PAYLOAD:
            raise OwfsProtocolError(f"reply announces {header.payload} bytes")
        return header

    def pack(self) -> bytes:
        """Encode as 24 bytes (used by test servers)."""
        return HEADER.pack(
            self.version, self.payload, self.ret, self.flags, self.size, self.offset
        )

    @property
    def is_ping(self) -> bool:
        """Whether this is a keep-alive ping rather than an answer."""
        return self.payload == PING_PAYLOAD

    @property
    def persistence_granted(self) -> bool:
        """Whether the server keeps the connection open after this reply."""
        return bool(self.flags & _PERSISTENCE)


def encode_request(
    msg_type: MessageType,
    path: str,
    flags: int,
    *,
    data: bytes = b"",
    size: int = 0,
    offset: int = 0,
) -> bytes:
    """Build one request: header plus NUL-terminated path plus data.

    For WRITE the server derives the path length as ``payload - size``, so
    ``size`` must be ``len(data)``.
    """
    body = path.encode() + b"\x00" + data if path or data else b""
    if msg_type is MessageType.WRITE:
        size = len(data)
    return HEADER.pack(0, len(body), msg_type, flags, size, offset) + body


def decode_text(data: bytes) -> str:
    """Decode a reply payload as text, dropping NUL padding."""
    return data.split(b"\x00", 1)[0].decode("utf-8", errors="replace")


def parse_dir_listing(data: bytes) -> list[str]:
    """Split a DIRALL/DIRALLSLASH payload into its comma-separated entries.

    Entries keep their trailing ``/`` (DIRALLSLASH marks directories so).
    """
    text = decode_text(data)
    return [entry for entry in text.split(",") if entry]


def entry_name(entry: str) -> str:
    """The last path element of a directory entry, without trailing slash."""
    return entry.rstrip("/").rsplit("/", 1)[-1]


_ID_PATTERN: Final = re.compile(
    r"^(?P<family>[0-9A-Fa-f]{2})\.?(?P<serial>[0-9A-Fa-f]{12})(?:\.?(?P<crc>[0-9A-Fa-f]{2}))?$"
)


def canonical_device_id(text: str) -> str | None:
    """Return the canonical ``FF.SSSSSSSSSSSS`` form of a device id, or None.

    Accepts every owserver id format (FDI, FDIDC ``28.4AEC29CDBAAB.95``, FIC,
    ...) so ids from configurations and from the seed's examples map to the
    same device. Names that are not device ids (``bus.0``, ``settings``) give
    None.
    """
    match = _ID_PATTERN.match(text.strip().strip("/"))
    if match is None:
        return None
    return f"{match['family'].upper()}.{match['serial'].upper()}"


def crc8(data: bytes) -> int:
    """The Dallas/Maxim CRC-8 of 1-Wire ROM ids."""
    crc = 0
    for byte in data:
        value = byte
        for _ in range(8):
            mix = (crc ^ value) & 0x01
            crc >>= 1
            if mix:
                crc ^= 0x8C
            value >>= 1
    return crc


def fdidc_id(device_id: str) -> str:
    """The FDIDC form (with CRC) of a canonical id, as the seed prints ids."""
    rom = bytes.fromhex(device_id.replace(".", ""))
    return f"{device_id}.{crc8(rom):02X}"
