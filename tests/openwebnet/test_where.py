"""The WHERE model: addressing scopes of PROTOCOLS.md §2."""

from hypothesis import given
import pytest

from custom_components.onewire_own.openwebnet.where import Where, WhereKind

from .strategies import wheres


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("0", WhereKind.GENERAL),
        ("00", WhereKind.AREA),
        ("1", WhereKind.AREA),
        ("9", WhereKind.AREA),
        ("100", WhereKind.AREA),
        ("#1", WhereKind.GROUP),
        ("#255", WhereKind.GROUP),
        ("12", WhereKind.POINT_TO_POINT),
        ("0001", WhereKind.POINT_TO_POINT),
        ("1015", WhereKind.POINT_TO_POINT),
        ("0110", WhereKind.POINT_TO_POINT),
        ("12#4#01", WhereKind.POINT_TO_POINT),
        ("#5#4#02", WhereKind.GROUP),
        ("0#4#01", WhereKind.GENERAL),
        ("51", WhereKind.POINT_TO_POINT),
        ("7#0", WhereKind.OTHER),
        ("", WhereKind.OTHER),
        ("312", WhereKind.OTHER),
        # Digits to str.isdigit, but no byte of the protocol (typed by a user).
        ("¹²", WhereKind.OTHER),
        ("#³", WhereKind.OTHER),
        ("١٢", WhereKind.OTHER),
    ],
)
def test_where_text_has_the_addressing_scope_of_the_protocol(
    text: str, kind: WhereKind
) -> None:
    assert Where.parse(text).kind is kind


@pytest.mark.parametrize(
    ("text", "sendable"),
    [
        ("12", True),
        ("#3#4#01", True),
        ("", True),
        ("#3#4#", False),
        ("#3#4#0x", False),
        ("#٣", False),
    ],
)
def test_only_ascii_digits_are_wire_text(text: str, sendable: bool) -> None:
    assert Where.parse(text).is_wire_text is sendable


def test_constructors_write_the_protocol_forms() -> None:
    assert Where.general().format() == "0"
    assert Where.area(0).format() == "00"
    assert Where.area(3).format() == "3"
    assert Where.area(100).format() == "100"
    assert Where.group(7).format() == "#7"
    assert Where.point(1, 2).format() == "12"
    assert Where.point(0, 1).format() == "0001"
    assert Where.point(10, 15).format() == "1015"
    assert Where.point(1, 10).format() == "0110"
    assert str(Where.point(1, 2).on_local_bus(1)) == "12#4#01"


@pytest.mark.parametrize(
    "build",
    [
        lambda: Where.area(10),
        lambda: Where.group(0),
        lambda: Where.group(256),
        lambda: Where.point(11, 1),
        lambda: Where.point(1, 16),
    ],
)
def test_constructors_refuse_addresses_the_protocol_does_not_have(build) -> None:
    with pytest.raises(ValueError, match=r"must be|no point"):
        build()


def test_the_local_bus_interface_is_read_from_the_suffix() -> None:
    assert Where.parse("12#4#01").interface == "01"
    assert Where.parse("12").interface is None


@given(wheres)
def test_parse_of_format_gives_the_same_where(where: Where) -> None:
    assert Where.parse(where.format()) == where
