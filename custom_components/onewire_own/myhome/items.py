"""How Home Assistant names and keys the gateway's items.

An item is addressed on the bus by (WHO, WHERE); ``item_key`` writes that as
``"<who>-<where>"``, the key used in options, device identifiers and unique ids.
"""

from typing import Final

from ..openwebnet.items.base import Item
from ..openwebnet.items.gateway_info import GatewayInfo
from ..openwebnet.items.thermoregulation import ThermoCentralUnit

# WHO -> device translation key (strings.json ``device``), for one-kind WHOs.
_DEVICE_KEYS: Final = {
    1: "light_point",
    2: "automation",
    4: "thermo_zone",
    9: "aux_channel",
    15: "cen_button",
    18: "energy_meter",
}
# WHO 25 carries two kinds of items, told apart by the WHERE's first digit.
_WHO_25_KEYS: Final = {"2": "cen_plus_button", "3": "dry_contact"}
_LABELS: Final = {
    "light_point": "Light",
    "automation": "Shutter",
    "thermo_zone": "Zone",
    "aux_channel": "Auxiliary",
    "cen_button": "Scenario control",
    "cen_plus_button": "CEN+ scenario",
    "dry_contact": "Contact",
    "energy_meter": "Energy meter",
}


def is_device(item: Item) -> bool:
    """Whether the item is a device of its own (the gateway and central unit are not)."""
    return not isinstance(item, GatewayInfo | ThermoCentralUnit)


def item_key(item: Item) -> str:
    """``"<who>-<where>"``: unique per gateway, stable across restarts."""
    return f"{item.who}-{item.where}"


def item_device_translation(item: Item) -> tuple[str, dict[str, str]]:
    """The device's translation key and placeholders (``Light 12``, ``Zone 3``)."""
    if item.who == 25:
        key = _WHO_25_KEYS.get(item.where[:1], "dry_contact")
        return key, {"where": item.where[1:]}
    return _DEVICE_KEYS.get(item.who, "light_point"), {"where": item.where}


def item_label(item: Item) -> str:
    """A short English label for pickers (the options flow): ``Light 12``."""
    key, placeholders = item_device_translation(item)
    return f"{_LABELS[key]} {placeholders['where']}"
