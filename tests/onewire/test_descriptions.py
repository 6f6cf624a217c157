"""The value conversions and /structure rules behind every 1-Wire entity."""

from custom_components.onewire_own.onewire.descriptions.base import (
    as_bool,
    as_number,
    as_option,
    table_key,
)
from custom_components.onewire_own.onewire.descriptions.structure import (
    structure_sensors,
    structure_switches,
)
from custom_components.onewire_own.owfs import AttributeInfo


def test_numbers_come_from_typed_values_or_padded_text() -> None:
    assert as_number(21.5) == 21.5
    assert as_number(7) == 7
    assert as_number(True) == 1
    assert as_number("      21.5") == 21.5
    assert as_number(b"  236") == 236
    assert as_number("1e3") == 1000.0
    assert as_number("not a number") is None
    assert as_number(None) is None


def test_yes_no_and_options() -> None:
    assert as_bool(True) is True
    assert as_bool("0") is False
    assert as_bool(None) is None
    assert as_option("          12") == "12"
    assert as_option(9.0) == "9"
    assert as_option("") is None


def test_model_families_are_described_by_model_and_a6_as_26() -> None:
    assert table_key("28", "DS18B20") == "28"
    assert table_key("A6", "DS2438") == "26"
    assert table_key("7E", "EDS0068") == "7E/EDS0068"
    assert table_key("EF", "HB_HUB") == "EF/HB_HUB"


def _info(
    name: str, kind: type, code: str, access: str, index: str | None = None
) -> AttributeInfo:
    return AttributeInfo(
        name=name,
        base=name.rpartition(".")[0] or name,
        index=index,
        elements=1 if index is None else 8,
        kind=kind,
        type_code=code,
        readable="r" in access,
        writable="w" in access,
        volatile=True,
        size=12,
    )


def test_unknown_families_get_numeric_sensors_and_yes_no_switches() -> None:
    structure = [
        _info("temperature", float, "t", "r"),
        _info("pressure", float, "p", "r"),
        _info("counter.A", int, "u", "r", "A"),
        _info("counter.ALL", int, "u", "r", "ALL"),
        _info("wiper", int, "u", "rw"),
        _info("id", str, "a", "r"),
        _info("chargepump", bool, "y", "rw"),
        _info("sensed", bool, "y", "r"),
    ]
    sensors = {
        description.key: description for description in structure_sensors(structure)
    }
    assert list(sensors) == ["counter.A", "pressure", "temperature"]
    assert sensors["temperature"].native_unit_of_measurement == "°C"
    assert sensors["pressure"].native_unit_of_measurement == "mbar"
    assert sensors["counter.A"].device_class is None
    assert not any(d.entity_registry_enabled_default for d in sensors.values())
    switches = [description.key for description in structure_switches(structure)]
    assert switches == ["chargepump"]
