"""Select platform: 1-Wire sensor resolution (owserver entries)."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import CONF_KIND, EntryKind
from .onewire import select as onewire_select

# Home Assistant reads this from the platform module: reads and writes are
# already queued and paced by the owserver pool and the gateway's sessions.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Set up the selects of an owserver entry."""
    if entry.data[CONF_KIND] == EntryKind.OWSERVER:
        await onewire_select.async_setup_entry(hass, entry, async_add_entities)
