"""The base of every MyHOME entity: one bus item, pushed by the event session.

Device identifiers (stable, also used by diagnostics and tests):

* the gateway: ``(DOMAIN, gateway_unique_id)`` where the unique id is the
  gateway's MAC address (``00:03:50:…``), or ``host:port`` when it has none;
* an item: ``(DOMAIN, f"{gateway_unique_id}-{who}-{where}")``, linked to the
  gateway with ``via_device``.

Entity unique ids are the item's device identifier followed by ``-<key>``,
where the key names what the entity shows (``light``, ``power``, ``button-3``).
"""

from typing import override

from homeassistant.const import Platform
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from ..openwebnet.items.base import Item, ItemEvent
from .const import MANUFACTURER
from .coordinator import GatewayCoordinator
from .items import item_device_translation, item_key


def item_device_identifier(gateway_unique_id: str, item: Item) -> str:
    """The device identifier of an item (see the module docstring)."""
    return f"{gateway_unique_id}-{item_key(item)}"


def forget_entity(
    coordinator: GatewayCoordinator, platform: Platform, item: Item, key: str
) -> None:
    """Remove an entity the item no longer has (a point now shown otherwise)."""
    registry = er.async_get(coordinator.hass)
    unique_id = f"{item_device_identifier(coordinator.gateway_unique_id, item)}-{key}"
    if entity_id := registry.async_get_entity_id(platform, DOMAIN, unique_id):
        registry.async_remove(entity_id)


class GatewayItemEntity(CoordinatorEntity[GatewayCoordinator]):
    """An entity that shows (part of) one item on the MyHOME bus.

    The coordinator tells when the event session goes down or comes back
    (availability); the item tells when its own state changes.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, coordinator: GatewayCoordinator, item: Item, key: str) -> None:
        """Attach the entity to its item and to the item's device."""
        super().__init__(coordinator)
        self.item = item
        device_identifier = self._device_identifier(coordinator)
        self._attr_unique_id = f"{device_identifier}-{key}"
        self._attr_device_info = self._device(coordinator, device_identifier)

    def _device_identifier(self, coordinator: GatewayCoordinator) -> str:
        return item_device_identifier(coordinator.gateway_unique_id, self.item)

    def _device(
        self, coordinator: GatewayCoordinator, device_identifier: str
    ) -> DeviceInfo:
        """The item's device, below the gateway, named by the user or by kind."""
        device = DeviceInfo(
            identifiers={(DOMAIN, device_identifier)},
            manufacturer=MANUFACTURER,
            via_device_id=coordinator.hub_device_id,
        )
        if name := coordinator.settings.item_name(item_key(self.item)):
            device["name"] = name
        else:
            translation_key, placeholders = item_device_translation(self.item)
            device["translation_key"] = translation_key
            device["translation_placeholders"] = placeholders
        return device

    @property
    @override
    def available(self) -> bool:
        """Known only while the gateway's event session is up and resynced."""
        return self.coordinator.connected

    @override
    async def async_added_to_hass(self) -> None:
        """Follow the item's events from now on."""
        await super().async_added_to_hass()
        self.async_on_remove(self.item.add_callback(self._handle_item_event))

    def _handle_item_event(self, item: Item, event: ItemEvent) -> None:
        """The item changed: show its new state."""
        self.async_write_ha_state()


class GatewayEntity(GatewayItemEntity):
    """An entity of the gateway itself (WHO 13), on the hub device."""

    @override
    def _device_identifier(self, coordinator: GatewayCoordinator) -> str:
        return coordinator.gateway_unique_id

    @override
    def _device(
        self, coordinator: GatewayCoordinator, device_identifier: str
    ) -> DeviceInfo:
        """The hub device, registered at setup with model, firmware and MAC."""
        return DeviceInfo(identifiers={(DOMAIN, device_identifier)})
