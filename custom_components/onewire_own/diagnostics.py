"""Diagnostics: each kind of entry describes itself (see its half's diagnostics)."""

from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from .const import CONF_KIND, EntryKind
from .myhome.diagnostics import async_get_gateway_diagnostics
from .onewire.diagnostics import (
    async_get_owserver_device_diagnostics,
    async_get_owserver_diagnostics,
)


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ConfigEntry
) -> dict[str, Any]:
    """Diagnostics of a gateway or an owserver entry."""
    if entry.data[CONF_KIND] == EntryKind.OPENWEBNET:
        return await async_get_gateway_diagnostics(hass, entry)
    return await async_get_owserver_diagnostics(hass, entry)


async def async_get_device_diagnostics(
    hass: HomeAssistant, entry: ConfigEntry, device_entry: dr.DeviceEntry
) -> dict[str, Any]:
    """Diagnostics of one device: a 1-Wire device or the owserver (gateways: the entry's)."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        return await async_get_owserver_device_diagnostics(hass, entry, device_entry)
    return await async_get_gateway_diagnostics(hass, entry)
