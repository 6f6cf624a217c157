"""Light platform: MyHOME lighting points (gateway entries; owservers have none)."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import CONF_KIND, EntryKind
from .myhome import light as myhome_light

# Commands are queued and paced by the gateway's command-session pool.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the lights of a gateway entry."""
    if entry.data[CONF_KIND] == EntryKind.OPENWEBNET:
        await myhome_light.async_setup_entry(hass, entry, async_add_entities)
