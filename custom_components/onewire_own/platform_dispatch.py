"""One platform module serves both kinds of entry: this picks the half's setup.

Home Assistant loads ``sensor.py`` (and the other platform modules) once per
integration, but an owserver entry and a gateway entry build their entities in
different halves (``onewire/``, ``myhome/``).  Each platform module declares
which half provides it; entries of a kind without that platform get none.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import CONF_KIND, EntryKind

# The halves type their entry as ConfigEntry[TheirCoordinator].
type HalfSetup = Callable[
    [HomeAssistant, Any, AddConfigEntryEntitiesCallback], Coroutine[Any, Any, None]
]
type PlatformSetup = Callable[
    [HomeAssistant, ConfigEntry, AddConfigEntryEntitiesCallback],
    Coroutine[Any, Any, None],
]


def setup_by_entry_kind(
    *, owserver: HalfSetup | None = None, gateway: HalfSetup | None = None
) -> PlatformSetup:
    """Return an ``async_setup_entry`` that calls the half the entry belongs to."""
    halves = {EntryKind.OWSERVER: owserver, EntryKind.OPENWEBNET: gateway}

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: ConfigEntry,
        async_add_entities: AddConfigEntryEntitiesCallback,
    ) -> None:
        """Set up this platform's entities of an owserver or a gateway entry."""
        if (setup := halves[EntryKind(entry.data[CONF_KIND])]) is not None:
            await setup(hass, entry, async_add_entities)

    return async_setup_entry
