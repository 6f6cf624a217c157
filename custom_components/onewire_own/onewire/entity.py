"""The base of every 1-Wire entity: one attribute of one device, from the coordinator."""

from typing import override

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from ..owfs import AttributeValue, Device
from .coordinator import OwserverCoordinator
from .descriptions.base import OwEntityDescription


class OwEntity(CoordinatorEntity[OwserverCoordinator]):
    """Shows one attribute of a 1-Wire device (or, without one, its presence).

    The unique id is ``<1-Wire id>_<description key>``: the key does not
    change when the options pick another resolution (``temperature12``
    instead of ``temperature``), so history and customisations survive.
    """

    _attr_has_entity_name = True
    entity_description: OwEntityDescription

    def __init__(
        self,
        coordinator: OwserverCoordinator,
        device: Device,
        description: OwEntityDescription,
        attribute: str | None,
    ) -> None:
        """Show attribute (None: presence) of device as described."""
        super().__init__(coordinator)
        self.entity_description = description
        self.device = device
        self.attribute = attribute
        self._attr_unique_id = f"{device.id}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={(DOMAIN, device.id)})

    @override
    async def async_added_to_hass(self) -> None:
        """Ask the coordinator to poll what this entity shows."""
        await super().async_added_to_hass()
        if self.attribute is not None:
            self.async_on_remove(
                self.coordinator.async_watch(self.device.family, self.attribute)
            )

    @property
    def raw_value(self) -> AttributeValue | None:
        """The last polled value (for a presence entity: whether it is located).

        Inputs of a device set as wired active-low come inverted from the
        coordinator, which holds that setting.
        """
        if self.attribute is None:
            return self.device.located
        return self.coordinator.value(self.device.id, self.attribute)

    @property
    @override
    def available(self) -> bool:
        """Available while the owserver answers and lists the device with a value."""
        if not (super().available and self.coordinator.connected):
            return False
        if self.attribute is None:
            return True
        return self.device.located and self.raw_value is not None

    async def async_write(self, value: bytes) -> None:
        """Write value to the attribute this entity shows."""
        assert self.attribute is not None
        await self.coordinator.async_write(self.device, self.attribute, value)
