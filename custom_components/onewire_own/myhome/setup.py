"""Set-up and unload of an OpenWebNet gateway config entry."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

PLATFORMS: list[Platform] = []


async def async_setup_gateway_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Connect to the gateway and forward the MyHOME platforms."""
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)


async def async_unload_gateway_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload the MyHOME platforms."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
