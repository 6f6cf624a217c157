"""Attribute descriptions from /structure and the values they type."""

import pytest

from custom_components.onewire_own.owfs.errors import OwfsProtocolError
from custom_components.onewire_own.owfs.structure import (
    format_value,
    parse_structure_line,
)


def test_a_temperature_is_a_read_only_volatile_float() -> None:
    (info,) = parse_structure_line("temperature", b"t,000000,000001,ro,000012,v,")
    assert (info.name, info.kind, info.readable, info.writable, info.volatile) == (
        "temperature",
        float,
        True,
        False,
        True,
    )
    assert info.index is None
    assert info.parse(b"     21.5") == 21.5


def test_an_array_expands_into_all_its_members() -> None:
    members = parse_structure_line("PIO.0", b"y,000000,000008,rw,000001,s,")
    assert [m.name for m in members] == [f"PIO.{n}" for n in range(8)]
    assert all(m.base == "PIO" and m.is_array_member and m.writable for m in members)
    assert not members[0].volatile
    lettered = parse_structure_line("sensed.A", b"y,000000,000002,ro,000001,v,")
    assert [m.index for m in lettered] == ["A", "B"]


def test_aggregates_parse_to_a_list_or_a_bit_field() -> None:
    (every,) = parse_structure_line("PIO.ALL", b"y,-000001,000008,rw,000015,s,")
    (byte,) = parse_structure_line("PIO.BYTE", b"y,-000002,000008,rw,000012,s,")
    assert every.parse(b"1,0,1,0,0,0,0,1") == [
        True,
        False,
        True,
        False,
        False,
        False,
        False,
        True,
    ]
    assert byte.parse(b"         133") == 133
    assert not every.is_array_member


@pytest.mark.parametrize(
    ("line", "data", "value"),
    [
        (b"u,000000,000001,ro,000012,v,", b"  42", 42),
        (b"a,000000,000001,ro,000032,f,", b"DS18B20", "DS18B20"),
        (b"b,000000,000001,rw,000008,v,", b"\x00\x01", b"\x00\x01"),
        (b"y,000000,000001,rw,000001,s,", b"1", True),
    ],
)
def test_values_are_typed_by_the_structure(
    line: bytes, data: bytes, value: object
) -> None:
    (info,) = parse_structure_line("x", line)
    assert info.parse(data) == value


def test_directories_and_unknown_types_describe_nothing() -> None:
    assert parse_structure_line("aux", b"D,000000,000001,oo,000008,v,") == []
    assert parse_structure_line("odd", b"?,000000,000001,ro,000001,v,") == []


@pytest.mark.parametrize("line", [b"t,000000", b"t,x,000001,ro,000012,v,"])
def test_a_malformed_structure_line_is_a_protocol_error(line: bytes) -> None:
    with pytest.raises(OwfsProtocolError):
        parse_structure_line("temperature", line)


def test_a_value_that_does_not_match_its_type_is_a_protocol_error() -> None:
    (info,) = parse_structure_line("temperature", b"t,000000,000001,ro,000012,v,")
    with pytest.raises(OwfsProtocolError):
        info.parse(b"warm")


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        (True, b"1"),
        (False, b"0"),
        (99, b"99"),
        (21.5, b"21.5"),
        ([1, 0], b"1,0"),
        (b"ab", b"ab"),
    ],
)
def test_written_values_are_encoded_as_owserver_expects(
    value: object, wire: bytes
) -> None:
    assert format_value(value) == wire
