"""Descriptions generated from ``/structure`` for families no table describes.

Rather than ignoring an unknown device, its numeric read-only attributes
become sensors and its yes/no read-write attributes become switches. Their
meaning is unknown, so they are disabled by default: the user enables what
makes sense.
"""

from collections.abc import Iterable

from homeassistant.components.sensor import SensorDeviceClass, SensorStateClass
from homeassistant.const import UnitOfPressure, UnitOfTemperature

from ...owfs import AttributeInfo
from .sensor import OwSensorDescription
from .switch import OwSwitchDescription

_NUMERIC = (int, float)
# owfs type codes with a known unit.
_TEMPERATURE_CODE = "t"
_PRESSURE_CODE = "p"


def _single_values(structure: Iterable[AttributeInfo]) -> list[AttributeInfo]:
    """Scalars and array members (not the .ALL / .BYTE aggregates), by name."""
    return sorted(
        (info for info in structure if info.index is None or info.is_array_member),
        key=lambda info: info.name,
    )


def structure_sensors(structure: Iterable[AttributeInfo]) -> list[OwSensorDescription]:
    """A disabled sensor for each numeric, read-only attribute."""
    descriptions: list[OwSensorDescription] = []
    for info in _single_values(structure):
        if not info.readable or info.writable or info.kind not in _NUMERIC:
            continue
        device_class: SensorDeviceClass | None = None
        unit: str | None = None
        if info.type_code == _TEMPERATURE_CODE:
            device_class, unit = (
                SensorDeviceClass.TEMPERATURE,
                UnitOfTemperature.CELSIUS,
            )
        elif info.type_code == _PRESSURE_CODE:
            device_class, unit = SensorDeviceClass.PRESSURE, UnitOfPressure.MBAR
        descriptions.append(
            OwSensorDescription(
                key=info.name,
                attribute=info.name,
                device_class=device_class,
                native_unit_of_measurement=unit,
                state_class=SensorStateClass.MEASUREMENT if info.volatile else None,
                entity_registry_enabled_default=False,
                translation_key="structure_value",
                translation_placeholders={"attribute": info.name},
            )
        )
    return descriptions


def structure_switches(structure: Iterable[AttributeInfo]) -> list[OwSwitchDescription]:
    """A disabled switch for each yes/no attribute that can be read and written."""
    return [
        OwSwitchDescription(
            key=info.name,
            attribute=info.name,
            entity_registry_enabled_default=False,
            translation_key="structure_switch",
            translation_placeholders={"attribute": info.name},
        )
        for info in _single_values(structure)
        if info.readable and info.writable and info.kind is bool
    ]
