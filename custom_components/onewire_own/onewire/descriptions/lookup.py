"""Which descriptions apply to a device, and which devices get /structure entities."""

from collections.abc import Mapping

from ...owfs import Device
from .base import table_key
from .binary_sensor import BINARY_SENSORS
from .select import SELECTS
from .sensor import SENSORS
from .switch import SWITCHES

# Devices that are described on purpose with no entity: the DS2409 coupler is
# only a bridge to its branches (its control bits must not be toggled by hand).
WITHOUT_ENTITIES = frozenset({"1F"})

DESCRIBED = frozenset(
    {*SENSORS, *BINARY_SENSORS, *SWITCHES, *SELECTS, *WITHOUT_ENTITIES}
)


def device_table_key(device: Device) -> str:
    """The device's key in the description tables (family, or family/model)."""
    return table_key(device.family, device.type)


def descriptions_for[D](
    table: Mapping[str, tuple[D, ...]], device: Device
) -> tuple[D, ...]:
    """The descriptions of a platform's table that apply to the device."""
    return table.get(device_table_key(device), ())


def needs_structure_entities(device: Device) -> bool:
    """Whether the device is of a family (or model) no table describes."""
    return device_table_key(device) not in DESCRIBED
