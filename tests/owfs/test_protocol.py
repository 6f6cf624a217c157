"""The owserver wire format, checked against PROTOCOLS.md §1."""

from hypothesis import given, strategies as st
import pytest

from custom_components.onewire_own.owfs.errors import OwfsProtocolError
from custom_components.onewire_own.owfs.protocol import (
    HEADER_SIZE,
    MAX_PAYLOAD,
    DeviceFormat,
    Flag,
    MessageType,
    ReplyHeader,
    RequestHeader,
    TemperatureScale,
    canonical_device_id,
    control_flags,
    encode_request,
    entry_name,
    fdidc_id,
    parse_dir_listing,
)

int32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)


def test_a_read_request_is_a_header_then_the_nul_terminated_path() -> None:
    raw = encode_request(
        MessageType.READ, "/28.4AEC29CDBAAB/temperature", 0x104, size=8192
    )
    header = RequestHeader.unpack(raw[:HEADER_SIZE])
    assert header == RequestHeader(0, 29, 2, 0x104, 8192, 0)
    assert raw[HEADER_SIZE:] == b"/28.4AEC29CDBAAB/temperature\x00"


def test_a_write_request_announces_the_data_length_as_size() -> None:
    raw = encode_request(MessageType.WRITE, "/x/PIO.A", 0, data=b"1", size=999)
    header = RequestHeader.unpack(raw[:HEADER_SIZE])
    assert (header.payload, header.size) == (len("/x/PIO.A") + 2, 1)
    assert raw[HEADER_SIZE:] == b"/x/PIO.A\x001"


def test_a_nop_has_no_payload() -> None:
    assert (
        encode_request(MessageType.NOP, "", 0) == RequestHeader(0, 0, 1, 0, 0, 0).pack()
    )


def test_control_flags_ask_for_persistence_celsius_and_the_plain_id_form() -> None:
    flags = control_flags()
    assert flags & Flag.PERSISTENCE
    assert flags & Flag.BUS_RET
    assert not flags & Flag.UNCACHED
    assert (flags >> 16) & 0x3 == TemperatureScale.CELSIUS
    assert flags >> 24 == DeviceFormat.FDI


def test_control_flags_carry_uncached_per_call_and_other_scales() -> None:
    flags = control_flags(
        uncached=True,
        persistence=False,
        bus_ret=False,
        temperature_scale=TemperatureScale.KELVIN,
        device_format=DeviceFormat.FDIDC,
    )
    assert flags & Flag.UNCACHED
    assert not flags & (Flag.PERSISTENCE | Flag.BUS_RET)
    assert (flags >> 16) & 0x3 == 2
    assert flags >> 24 == 2


def test_a_ping_is_recognised_and_not_an_answer() -> None:
    header = ReplyHeader.unpack(ReplyHeader(0, -1, 0, 4, 0, 0).pack())
    assert header.is_ping
    assert header.persistence_granted


@pytest.mark.parametrize("payload", [-2, MAX_PAYLOAD + 1, 2**31 - 1])
def test_absurd_payload_lengths_are_refused(payload: int) -> None:
    with pytest.raises(OwfsProtocolError):
        ReplyHeader.unpack(ReplyHeader(0, payload, 0, 0, 0, 0).pack())


def test_a_short_header_is_refused() -> None:
    with pytest.raises(OwfsProtocolError):
        ReplyHeader.unpack(b"\x00" * 10)


@given(int32, st.integers(0, MAX_PAYLOAD), int32, int32, int32, int32)
def test_reply_headers_round_trip(
    version: int, payload: int, ret: int, flags: int, size: int, offset: int
) -> None:
    header = ReplyHeader(version, payload, ret, flags, size, offset)
    assert ReplyHeader.unpack(header.pack()) == header


@given(int32, int32, int32, int32, int32, int32)
def test_request_headers_round_trip(
    version: int, payload: int, msg_type: int, flags: int, size: int, offset: int
) -> None:
    header = RequestHeader(version, payload, msg_type, flags, size, offset)
    assert RequestHeader.unpack(header.pack()) == header


@given(st.binary(min_size=HEADER_SIZE, max_size=HEADER_SIZE))
def test_any_24_bytes_either_parse_sanely_or_raise_a_protocol_error(raw: bytes) -> None:
    try:
        header = ReplyHeader.unpack(raw)
    except OwfsProtocolError:
        return
    assert header.is_ping or 0 <= header.payload <= MAX_PAYLOAD


entry = st.text(
    alphabet=st.characters(
        min_codepoint=33, max_codepoint=126, exclude_characters=",\x00"
    ),
    min_size=1,
    max_size=40,
)


@given(st.lists(entry, max_size=30))
def test_a_dir_listing_splits_into_its_entries(entries: list[str]) -> None:
    assert parse_dir_listing(",".join(entries).encode() + b"\x00") == entries


@given(st.binary(max_size=300))
def test_any_dir_payload_parses_into_non_empty_entries_without_commas(
    data: bytes,
) -> None:
    for item in parse_dir_listing(data):
        assert item
        assert "," not in item


def test_entry_names_drop_the_path_and_the_directory_slash() -> None:
    assert entry_name("/bus.0/1F.765A2E63339F/main/") == "main"
    assert entry_name("/28.4AEC29CDBAAB") == "28.4AEC29CDBAAB"


@pytest.mark.parametrize(
    "text",
    [
        "28.4AEC29CDBAAB",
        "28.4aec29cdbaab",
        "28.4AEC29CDBAAB.95",
        "284AEC29CDBAAB",
        "284AEC29CDBAAB95",
        "/28.4AEC29CDBAAB/",
    ],
)
def test_every_id_form_maps_to_one_canonical_id(text: str) -> None:
    assert canonical_device_id(text) == "28.4AEC29CDBAAB"


@pytest.mark.parametrize("text", ["bus.0", "settings", "28.4AEC29", "XY.4AEC29CDBAAB"])
def test_names_that_are_not_ids_are_not_devices(text: str) -> None:
    assert canonical_device_id(text) is None


def test_the_fdidc_form_carries_the_dallas_crc() -> None:
    assert fdidc_id("28.4AEC29CDBAAB") == "28.4AEC29CDBAAB.95"


@given(st.binary(min_size=7, max_size=7))
def test_an_id_with_its_own_crc_appended_checks_to_zero(rom: bytes) -> None:
    device_id = f"{rom[:1].hex().upper()}.{rom[1:].hex().upper()}"
    crc = int(fdidc_id(device_id)[-2:], 16)
    from custom_components.onewire_own.owfs.protocol import crc8

    assert crc8(rom + bytes([crc])) == 0
