"""Set-up and unload of an OpenWebNet gateway config entry.

The gateway is registered as the hub device before the platforms are
forwarded, so item devices created concurrently by the platforms can name it
with ``via_device``.
"""

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from ..openwebnet.gateway import Gateway
from ..openwebnet.monitor import DEFAULT_PROBE_TIMEOUT
from .const import CONF_MODEL, MANUFACTURER
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .settings import GatewaySettings

PLATFORMS: list[Platform] = [
    Platform.ALARM_CONTROL_PANEL,
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CLIMATE,
    Platform.COVER,
    Platform.DATETIME,
    Platform.EVENT,
    Platform.LIGHT,
    Platform.LOCK,
    Platform.MEDIA_PLAYER,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]


def build_gateway(entry: ConfigEntry, settings: GatewaySettings) -> Gateway:
    """The protocol-level gateway object, tuned by the entry's options.

    The model SSDP announced (if any) tells the gateway its command-session
    limit and pause before it says anything; without a chosen pause, the
    model's is used.
    """
    return Gateway(
        entry.data[CONF_HOST],
        entry.data[CONF_PORT],
        entry.data.get(CONF_PASSWORD) or None,
        command_sessions=settings.command_sessions,
        model=entry.data.get(CONF_MODEL),
        pacing=None if settings.pacing_ms is None else settings.pacing_ms / 1000,
        keepalive=settings.keepalive_s,
        # A dead gateway is noticed within keepalive + probe timeout.
        probe_timeout=min(DEFAULT_PROBE_TIMEOUT, settings.keepalive_s),
    )


def register_hub_device(hass: HomeAssistant, coordinator: GatewayCoordinator) -> None:
    """The gateway itself: model, firmware and MAC, parent of every item device."""
    info = coordinator.gateway.info
    connections = (
        {(dr.CONNECTION_NETWORK_MAC, dr.format_mac(info.mac))} if info.mac else set()
    )
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=coordinator.config_entry.entry_id,
        identifiers={(DOMAIN, coordinator.gateway_unique_id)},
        connections=connections,
        manufacturer=MANUFACTURER,
        # The announced name is exact; a WHO 13 code may be shared by models.
        model=coordinator.config_entry.data.get(CONF_MODEL) or info.model,
        sw_version=info.firmware,
        translation_key="gateway",
    )
    coordinator.hub_device_id = device.id


async def async_setup_gateway_entry(
    hass: HomeAssistant, entry: GatewayConfigEntry
) -> None:
    """Connect to the gateway, sweep the bus and forward the MyHOME platforms."""
    settings = GatewaySettings.from_options(entry.options)
    coordinator = GatewayCoordinator(
        hass, entry, build_gateway(entry, settings), settings
    )
    try:
        await coordinator.async_config_entry_first_refresh()
    except BaseException:
        await coordinator.async_close()
        raise
    entry.async_on_unload(coordinator.async_close)
    entry.runtime_data = coordinator
    register_hub_device(hass, coordinator)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    if settings.discovery_sweeps:
        entry.async_create_background_task(
            hass, coordinator.async_find_meters(), "onewire_own energy meter probe"
        )
        entry.async_create_background_task(
            hass, coordinator.async_later_sweeps(), "onewire_own sound sweep"
        )


def gateway_device_removable(
    entry: GatewayConfigEntry, device_entry: dr.DeviceEntry
) -> bool:
    """Any item device may be deleted by the user; the gateway itself may not.

    The bus cannot say an item is gone (a light that is never used is silent),
    so the user decides. A deleted item comes back only if the bus mentions it
    again.
    """
    hub_identifier = (DOMAIN, entry.runtime_data.gateway_unique_id)
    return hub_identifier not in device_entry.identifiers


async def async_unload_gateway_entry(
    hass: HomeAssistant, entry: GatewayConfigEntry
) -> bool:
    """Unload the MyHOME platforms; the sessions close with the entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
