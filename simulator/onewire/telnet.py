"""The telnet side of a serial-port server (RFC 854 + RFC 2217), adapter end.

owserver reaches a serial bus master through a network serial server (a
ser2net, an Xport) with telnet framing: data bytes 0xFF are doubled, a BREAK
is ``IAC BRK``, and line settings travel as COM-PORT-OPTION subnegotiations
(``IAC SB 44 <command> <value> IAC SE``: baud rate, data size, parity, stop
bits, flow control, purge). The decoder turns the stream into data, breaks
and settings; the encoder doubles 0xFF in what the adapter answers.
"""

from collections.abc import Iterator
from dataclasses import dataclass

IAC = 0xFF
DONT = 0xFE
DO = 0xFD
WONT = 0xFC
WILL = 0xFB
SB = 0xFA
SE = 0xF0
BREAK = 0xF3
COM_PORT_OPTION = 44
SET_BAUDRATE = 1
PURGE_DATA = 12


@dataclass(frozen=True, slots=True)
class Data:
    """Bytes for the serial line."""

    data: bytes


@dataclass(frozen=True, slots=True)
class Break:
    """A serial BREAK (resets a DS2480B)."""


@dataclass(frozen=True, slots=True)
class Setting:
    """A COM-PORT-OPTION command with its value bytes."""

    command: int
    value: bytes

    @property
    def baud_rate(self) -> int | None:
        """The baud rate of a SET-BAUDRATE command, else None."""
        if self.command == SET_BAUDRATE and len(self.value) == 4:
            return int.from_bytes(self.value, "big")
        return None


type TelnetEvent = Data | Break | Setting


class TelnetDecoder:
    """Incremental decoder: feed bytes, get events (partial sequences kept)."""

    def __init__(self) -> None:
        """Start in plain data."""
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> Iterator[TelnetEvent]:
        """Decode what can be decoded; keep an unfinished sequence for later."""
        self._buffer += chunk
        data = bytearray()
        position = 0
        buffer = self._buffer
        while position < len(buffer):
            byte = buffer[position]
            if byte != IAC:
                data.append(byte)
                position += 1
                continue
            if position + 1 >= len(buffer):
                break
            command = buffer[position + 1]
            if command == IAC:
                data.append(IAC)
                position += 2
            elif command in (DO, DONT, WILL, WONT):
                if position + 2 >= len(buffer):
                    break
                position += 3
            elif command == SB:
                end = self._subnegotiation_end(buffer, position + 2)
                if end is None:
                    break
                if data:
                    yield Data(bytes(data))
                    data.clear()
                yield from self._subnegotiation(bytes(buffer[position + 2 : end]))
                position = end + 2
            elif command == BREAK:
                if data:
                    yield Data(bytes(data))
                    data.clear()
                yield Break()
                position += 2
            else:
                position += 2  # NOP, AYT...: nothing for a serial line
        del buffer[:position]
        if data:
            yield Data(bytes(data))

    @staticmethod
    def _subnegotiation_end(buffer: bytearray, start: int) -> int | None:
        position = start
        while position + 1 < len(buffer):
            if buffer[position] == IAC:
                if buffer[position + 1] == SE:
                    return position
                position += 2
                continue
            position += 1
        return None

    @staticmethod
    def _subnegotiation(body: bytes) -> Iterator[TelnetEvent]:
        body = body.replace(bytes((IAC, IAC)), bytes((IAC,)))
        if len(body) >= 2 and body[0] == COM_PORT_OPTION:
            yield Setting(body[1], body[2:])


def encode(data: bytes) -> bytes:
    """Adapter output on a telnet connection: 0xFF doubled."""
    return data.replace(bytes((IAC,)), bytes((IAC, IAC)))


def encode_for_owserver(data: bytes) -> bytes:
    """``encode``, plus one padding byte where owserver's reader needs it.

    owserver 3.2p4 reads an answer of n bytes with its telnet reader
    (``ow_read_telnet.c``): it asks the socket for the bytes it still needs,
    plus one while it is inside an escape sequence. When an answer's last
    escaped 0xFF is split so that its second byte is all that is left, it
    asks for two bytes, gets one and fails on its timeout (a real serial
    server doubling 0xFF would trip it as well). This replays its reads and
    appends one padding byte (0x00) exactly when such a read would come up
    short; owserver reads it and discards it with the rest of that chunk.
    """
    encoded = bytearray(encode(data))
    needed = len(data)
    position = 0
    escaped = False
    while needed > 0:
        end = position + needed + (1 if escaped else 0)
        if end > len(encoded):
            encoded += bytes(end - len(encoded))
        for byte in encoded[position:end]:
            if needed == 0:
                break
            if escaped:
                escaped = False
                needed -= 1
            elif byte == IAC:
                escaped = True
            else:
                needed -= 1
        position = end
    return bytes(encoded)
