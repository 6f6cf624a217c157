"""Telnet framing between owserver and the emulated serial server."""

import pytest

from simulator.onewire.telnet import (
    Break,
    Data,
    Setting,
    TelnetDecoder,
    encode,
    encode_for_owserver,
)

#: What owserver sends first (captured from owserver 3.2p4 -d host:port).
OWSERVER_OPENING = bytes.fromhex(
    "fff3fffd03fffd01fffb2cfffd2cfffa2c0100002580fff0fffa2c0208fff0"
    "fffa2c0301fff0fffa2c0401fff0fffa2c0501fff0c1"
)


def test_owserver_s_opening_is_a_break_settings_and_the_timing_byte() -> None:
    """BREAK, option negotiation (ignored), 9600 8N1 no flow, then 0xC1."""
    events = list(TelnetDecoder().feed(OWSERVER_OPENING))
    assert events[0] == Break()
    settings = [event for event in events if isinstance(event, Setting)]
    assert settings[0].baud_rate == 9600
    assert [s.command for s in settings] == [1, 2, 3, 4, 5]
    assert settings[1].baud_rate is None
    assert events[-1] == Data(b"\xc1")


def test_doubled_iac_is_data_and_sequences_may_be_split() -> None:
    """FF FF is one 0xFF; a sequence cut between reads is finished later."""
    decoder = TelnetDecoder()
    assert list(decoder.feed(b"\x01\xff")) == [Data(b"\x01")]
    assert list(decoder.feed(b"\xff\x02\xff\xfa\x2c\x0c")) == [Data(b"\xff\x02")]
    assert list(decoder.feed(b"\x03\xff\xf0\xff\xf1\x04")) == [
        Setting(12, b"\x03"),
        Data(b"\x04"),
    ]
    assert list(decoder.feed(b"\xff\xfd")) == []
    assert list(decoder.feed(b"\x01\x05")) == [Data(b"\x05")]


def test_subnegotiation_values_may_hold_escaped_iac() -> None:
    """A value byte 0xFF travels doubled inside SB ... SE."""
    events = list(TelnetDecoder().feed(b"\xff\xfa\x2c\x01\x00\x00\xff\xff\xff\xf0"))
    assert events == [Setting(1, b"\x00\x00\xff")]
    assert list(TelnetDecoder().feed(b"\xff\xfa\x18\x00\xff\xf0")) == []


def owserver_read(stream: bytes, size: int) -> tuple[bytes, bytes]:
    """ow_read_telnet.c's reads of size bytes; (data, what stays in the socket).

    Raises TimeoutError where owserver would time out (asked for more bytes
    than the stream holds).
    """
    data = bytearray()
    position = 0
    escaped = False
    while len(data) < size:
        request = size - len(data) + (1 if escaped else 0)
        if position + request > len(stream):
            raise TimeoutError
        chunk = stream[position : position + request]
        position += request
        for byte in chunk:
            if len(data) == size:
                break
            if escaped:
                escaped = False
                data.append(byte)
            elif byte == 0xFF:
                escaped = True
            else:
                data.append(byte)
    return bytes(data), stream[position:]


@pytest.mark.parametrize(
    "answer",
    [b"\xff", b"\x12\xff", b"\xff\x12", b"\xff\xff", b"\x01\xff\xff\x02\xff", b"\xcd"],
)
def test_owserver_reads_every_answer_with_nothing_left_over(answer: bytes) -> None:
    """Plain doubling trips owserver's reader; the padded form never does."""
    data, rest = owserver_read(encode_for_owserver(answer), len(answer))
    assert data == answer
    assert rest == b""


def test_plain_doubling_trips_owserver_when_an_answer_ends_in_ff() -> None:
    """Why the padding exists: owserver asks for one byte too many."""
    with pytest.raises(TimeoutError):
        owserver_read(encode(b"\x12\xff"), 2)
    assert encode(b"\x12\xff") == b"\x12\xff\xff"
