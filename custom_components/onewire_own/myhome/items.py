"""How Home Assistant keys and names the gateway's items.

An item is addressed on the bus by (WHO, WHERE); ``item_key`` writes that as
``"<who>-<where>"``, the key used in options, device identifiers and unique
ids. These identifiers are stable (diagnostics and tests use them too):

* the gateway's device: ``(DOMAIN, gateway_unique_id)``, where the unique id
  is the gateway's MAC address (``00:03:50:…``), or ``host:port`` without one;
* an item's device: ``(DOMAIN, f"{gateway_unique_id}-{who}-{where}")``, below
  the gateway (``via_device``);
* an entity of an item: ``f"{item's device identifier}-{key}"``, where the key
  names what the entity shows (``light``, ``power``, ``button-3``); an entity
  of the gateway itself: ``f"{gateway_unique_id}-{key}"``.

``item_entity_unique_id`` builds an item entity's unique id and
``parse_item_entity_unique_id`` reads one back: the only place that does, for
the coordinator's memory of earlier runs (``known.py``).
"""

from typing import Final, NamedTuple

from ..openwebnet.items.base import Item
from ..openwebnet.items.door_entry import DoorEntryUnit
from ..openwebnet.items.light_sets import LightSet
from ..openwebnet.items.sound import SoundSource
from ..openwebnet.where import WhereKind

# WHO -> device translation key (strings.json ``device``), for one-kind WHOs.
_DEVICE_KEYS: Final = {
    1: "light_point",
    2: "automation",
    4: "thermo_zone",
    9: "aux_channel",
    14: "actuator_lock",
    15: "cen_button",
    16: "sound_zone",
    17: "programmed_scene",
    18: "energy_meter",
    0: "scenario_module",
}
# WHO 1 sets of lights: the whole bus, an area, a group.
_LIGHT_SET_KEYS: Final = {
    WhereKind.GENERAL: "light_general",
    WhereKind.AREA: "light_area",
    WhereKind.GROUP: "light_group",
}
# WHO 25 carries two kinds of items, told apart by the WHERE's first digit.
_WHO_25_KEYS: Final = {"2": "cen_plus_button", "3": "dry_contact"}


class ItemEntityId(NamedTuple):
    """An item entity's unique id, read back: the item's address and the key."""

    who: int
    where: str
    key: str


def item_key(item: Item) -> str:
    """``"<who>-<where>"``: unique per gateway, stable across restarts."""
    return address_key(item.who, item.where)


def address_key(who: int, where: str) -> str:
    """The item key of the item at (who, where)."""
    return f"{who}-{where}"


def item_device_identifier(gateway_unique_id: str, item: Item) -> str:
    """The identifier of an item's device (see the module docstring)."""
    return key_device_identifier(gateway_unique_id, item_key(item))


def key_device_identifier(gateway_unique_id: str, key: str) -> str:
    """The identifier of the device of the item with this item key."""
    return f"{gateway_unique_id}-{key}"


def item_entity_unique_id(gateway_unique_id: str, item: Item, key: str) -> str:
    """The unique id of the entity that shows ``key`` of item."""
    return f"{item_device_identifier(gateway_unique_id, item)}-{key}"


def parse_item_entity_unique_id(
    gateway_unique_id: str, unique_id: str
) -> ItemEntityId | None:
    """Read back ``item_entity_unique_id``; None for any other unique id.

    A WHERE never holds ``-`` (only digits and ``#``), so the first two
    dashes after the gateway's part end the WHO and the WHERE.
    """
    prefix = f"{gateway_unique_id}-"
    if not unique_id.startswith(prefix):
        return None
    who, _, rest = unique_id.removeprefix(prefix).partition("-")
    where, dash, key = rest.partition("-")
    if not who.isdigit() or not dash or not key:
        return None
    return ItemEntityId(int(who), where, key)


def light_set_translation(light_set: LightSet) -> tuple[str, dict[str, str]]:
    """``All lights``, ``Area 3``, ``Light group 2`` (``… of local bus 01``)."""
    key = _LIGHT_SET_KEYS[light_set.kind]
    placeholders = {} if light_set.number is None else {"number": str(light_set.number)}
    if (bus := light_set.bus) is not None:
        return f"{key}_local", {**placeholders, "bus": bus}
    return key, placeholders


def item_device_translation(item: Item) -> tuple[str, dict[str, str]]:
    """The device's translation key and placeholders (``Light 12``, ``Zone 3``)."""
    if item.who == 25:
        key = _WHO_25_KEYS.get(item.where[:1], "dry_contact")
        return key, {"where": item.where[1:]}
    if item.who == 5:
        if item.where.startswith("#"):
            return "alarm_zone", {"where": item.where[1:]}
        return "alarm_system", {"where": item.where}
    if isinstance(item, DoorEntryUnit):
        if item.is_entrance_panel:
            return "entrance_panel", {"where": item.where}
        if item.is_handset:
            return "door_entry_handset", {"where": item.where}
        return "door_entry_unit", {"where": item.where}
    if isinstance(item, LightSet):
        return light_set_translation(item)
    if isinstance(item, SoundSource):
        return "sound_source", {"where": str(item.number)}
    if item.who == 4:
        return _thermo_device_translation(item.where)
    if item.who == 18 and item.where.endswith("#0"):
        # An actuator that measures its load (``7N#0``).
        return "energy_actuator", {"where": item.where.removesuffix("#0")}
    return _DEVICE_KEYS.get(item.who, "light_point"), {"where": item.where}


def _thermo_device_translation(where: str) -> tuple[str, dict[str, str]]:
    """WHO 4: the central unit (``#0``), a probe (``pZZ``) or a zone."""
    if where.startswith("#"):
        return "thermo_central_unit", {}
    if len(where) == 3:
        probe, zone = where[0], int(where[1:])
        if zone == 0:
            return "thermo_external_probe", {"probe": probe}
        return "thermo_probe", {"probe": probe, "zone": str(zone)}
    return "thermo_zone", {"where": where}
