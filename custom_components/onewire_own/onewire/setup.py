"""Set-up, unload and device removal of an owserver config entry."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .devices import hub_identifier
from .duplicate_issue import (
    async_delete_duplicate_issue,
    async_original_entry,
    async_report_duplicate,
)
from .settings import OwserverSettings

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]


async def async_setup_owserver_entry(
    hass: HomeAssistant, entry: OwserverConfigEntry
) -> None:
    """Connect to the owserver, register its devices, forward the platforms.

    Raises ConfigEntryNotReady (through the first refresh) when the owserver
    does not answer: Home Assistant retries later. Raises ConfigEntryError
    (with a repair issue) when an older entry serves the same owserver.
    """
    coordinator = OwserverCoordinator(
        hass, entry, OwserverSettings.from_options(entry.options)
    )
    await coordinator.async_config_entry_first_refresh()
    if (original := await async_original_entry(hass, entry, coordinator)) is not None:
        await coordinator.async_shutdown()
        async_report_duplicate(hass, entry, original)
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="owserver_duplicate_entry",
            translation_placeholders={"original": original.title},
        )
    async_delete_duplicate_issue(hass, entry.entry_id)
    entry.runtime_data = coordinator
    coordinator.registered.async_register_hub(coordinator.server.version)
    coordinator.registered.async_register_all(coordinator.devices)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await coordinator.async_start_polling()


async def async_unload_owserver_entry(
    hass: HomeAssistant, entry: OwserverConfigEntry
) -> bool:
    """Unload the 1-Wire platforms; the coordinator closes the engine on unload."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


def async_remove_owserver_entry(hass: HomeAssistant, entry: ConfigEntry) -> None:
    """The entry is deleted: its repair issues go with it."""
    async_delete_duplicate_issue(hass, entry.entry_id)


def owserver_device_removable(entry: ConfigEntry, device_entry: dr.DeviceEntry) -> bool:
    """Whether the user may delete this device: only a 1-Wire device not on the bus now.

    The hub and devices the owserver lists would only come back at the next scan.
    """
    if hub_identifier(entry) in device_entry.identifiers:
        return False
    coordinator: OwserverCoordinator | None = getattr(entry, "runtime_data", None)
    located = (
        {device.id for device in coordinator.devices}
        if coordinator is not None
        else set()
    )
    return not any(
        domain == DOMAIN and identifier in located
        for domain, identifier in device_entry.identifiers
    )
