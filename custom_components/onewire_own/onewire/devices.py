"""The owserver and its 1-Wire chips in Home Assistant's device registry.

The owserver is the hub device, identified by the config entry (not by
host:port, so a reconfigured address keeps it and every child); each chip is
a device identified by its 1-Wire id, named as such, connected through the
DS2409 coupler it sits behind or else through the owserver.
"""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr

from ..const import DOMAIN
from ..owfs import Device
from .const import MANUFACTURER_BY_FAMILY, MANUFACTURER_MAXIM, OWFS_MANUFACTURER


def hub_identifier(entry: ConfigEntry) -> tuple[str, str]:
    """The device-registry identifier of an entry's owserver (the hub device)."""
    return (DOMAIN, f"owserver_{entry.entry_id}")


class OwserverDevices:
    """Registers an entry's owserver and chips."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        """Register into hass's device registry for entry."""
        self._hass = hass
        self._entry = entry
        #: The owserver's device; set when it is registered, before the platforms.
        self.hub_device_id = ""

    @callback
    def async_register_hub(self, version: str | None) -> None:
        """Register the owserver itself, before its chips name it as via device."""
        hub = dr.async_get(self._hass).async_get_or_create(
            config_entry_id=self._entry.entry_id,
            identifiers={hub_identifier(self._entry)},
            manufacturer=OWFS_MANUFACTURER,
            model="owserver",
            name=self._entry.title,
            sw_version=version,
        )
        self.hub_device_id = hub.id

    @callback
    def async_register_all(self, devices: list[Device]) -> None:
        """Register every located device, couplers before what is behind them."""
        for device in sorted(
            devices, key=lambda device: len(device.bus.path) if device.bus else 0
        ):
            self.async_register(device)

    @callback
    def async_register(self, device: Device) -> None:
        """Register (or update) a chip under its coupler or the owserver.

        Couplers are registered before the chips behind them (a scan locates
        them first, and async_register_all sorts by depth).
        """
        registry = dr.async_get(self._hass)
        via_device_id = self.hub_device_id
        if device.bus is not None and device.bus.coupler is not None:
            coupler = registry.async_get_device_by_identifier(
                (DOMAIN, device.bus.coupler.id), self._entry.entry_id
            )
            if coupler is not None:
                via_device_id = coupler.id
        registry.async_get_or_create(
            config_entry_id=self._entry.entry_id,
            identifiers={(DOMAIN, device.id)},
            manufacturer=MANUFACTURER_BY_FAMILY.get(device.family, MANUFACTURER_MAXIM),
            model=device.type,
            name=device.id,
            serial_number=device.id[3:],
            via_device_id=via_device_id or None,
        )
