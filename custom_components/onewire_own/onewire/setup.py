"""Set-up and unload of an owserver config entry."""

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PORT, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady

from ..const import DOMAIN
from ..owfs import OwfsError, check_server

PLATFORMS: list[Platform] = []


@dataclass(slots=True)
class OwserverRuntime:
    """What a loaded owserver entry keeps (replaced by the coordinator)."""

    host: str
    port: int


async def async_setup_owserver_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """Connect to the owserver and forward the 1-Wire platforms."""
    host: str = entry.data[CONF_HOST]
    port: int = entry.data[CONF_PORT]
    try:
        await check_server(host, port)
    except OwfsError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="owserver_not_ready",
            translation_placeholders={"host": host, "port": str(port)},
        ) from err
    entry.runtime_data = OwserverRuntime(host, port)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)


async def async_unload_owserver_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload the 1-Wire platforms; the coordinator closes on unload."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
