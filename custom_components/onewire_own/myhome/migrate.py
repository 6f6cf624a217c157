"""What a gateway entry written by an older version needs to be up to date.

Version 1.2: items are no longer named in the options; renaming belongs to
the device registry, where every other integration's devices are renamed. A
name given in the options of version 1.1 moves, once, to the item's device
as the user's name (``name_by_user``), unless the user has renamed that
device since; the names then leave the options. Entity ids stay as they
are. A name whose device is gone (deleted by the user) is dropped.
"""

from collections.abc import Mapping
from typing import Any, Final

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from .const import CONF_ITEMS
from .coordinator import gateway_unique_id
from .items import key_device_identifier

# Version 1.1's per-item option: the item's name.
LEGACY_ITEM_NAME: Final = "name"


@callback
def async_move_item_names_to_devices(
    hass: HomeAssistant, entry: ConfigEntry
) -> dict[str, Any]:
    """Give the devices the names of the options; return the options without them."""
    registry = dr.async_get(hass)
    hub = gateway_unique_id(entry)
    items: dict[str, Mapping[str, Any]] = {}
    for key, choices in dict(entry.options.get(CONF_ITEMS, {})).items():
        kept = {k: v for k, v in choices.items() if k != LEGACY_ITEM_NAME}
        if name := choices.get(LEGACY_ITEM_NAME):
            device = registry.async_get_device_by_identifier(
                (DOMAIN, key_device_identifier(hub, key)), entry.entry_id
            )
            if device is not None and device.name_by_user is None:
                registry.async_update_device(device.id, name_by_user=str(name))
        if kept:
            items[key] = kept
    options = {k: v for k, v in entry.options.items() if k != CONF_ITEMS}
    if items:
        options[CONF_ITEMS] = items
    return options
