"""The onewire_own integration: 1-Wire owservers and MyHOME gateways.

A config entry is either an owserver or an OpenWebNet gateway (``CONF_KIND``);
each kind has its own setup module and coordinator, and this module only
dispatches to them so that the two halves stay independent.
"""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.helpers.typing import ConfigType

from .const import CONF_KIND, DOMAIN, EntryKind
from .myhome.migrate import async_move_item_names_to_devices
from .myhome.services import async_setup_myhome_services
from .myhome.setup import (
    async_setup_gateway_entry,
    async_unload_gateway_entry,
    gateway_device_removable,
)
from .onewire.services import async_setup_onewire_services
from .onewire.setup import (
    async_remove_owserver_entry,
    async_setup_owserver_entry,
    async_unload_owserver_entry,
    owserver_device_removable,
)

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions once, whatever entries exist."""
    async_setup_onewire_services(hass)
    async_setup_myhome_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up an owserver or a gateway entry."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        await async_setup_owserver_entry(hass, entry)
    else:
        await async_setup_gateway_entry(hass, entry)
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Bring an entry written by an older version up to date.

    1.2: MyHOME items are named in the device registry, no longer in the
    options (``myhome/migrate.py``). An entry from a newer major version is
    left alone: this version cannot read it.
    """
    if entry.version > 1:
        return False
    if entry.minor_version < 2:
        options = dict(entry.options)
        if entry.data[CONF_KIND] == EntryKind.OPENWEBNET:
            options = async_move_item_names_to_devices(hass, entry)
        hass.config_entries.async_update_entry(entry, options=options, minor_version=2)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload an entry and release its connections."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        return await async_unload_owserver_entry(hass, entry)
    return await async_unload_gateway_entry(hass, entry)


async def async_remove_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Clean up after a deleted entry (an owserver entry's repair issues)."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        async_remove_owserver_entry(hass, entry)


async def async_remove_config_entry_device(
    hass: HomeAssistant, entry: ConfigEntry, device_entry: dr.DeviceEntry
) -> bool:
    """Let the user delete a device that is gone (each kind decides what is gone)."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        return owserver_device_removable(entry, device_entry)
    return gateway_device_removable(entry, device_entry)
