"""Diagnostics: each kind of entry describes itself (see its half's diagnostics)."""

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant

from .const import CONF_KIND, EntryKind
from .myhome.diagnostics import async_get_gateway_diagnostics


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ConfigEntry
) -> dict[str, Any]:
    """Diagnostics of a gateway or an owserver entry."""
    if entry.data[CONF_KIND] == EntryKind.OPENWEBNET:
        return await async_get_gateway_diagnostics(hass, entry)
    return {"entry": async_redact_data(dict(entry.data), {CONF_HOST, CONF_PASSWORD})}
