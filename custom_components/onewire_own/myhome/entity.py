"""The base of every MyHOME entity: a view of one bus item, pushed by the event session.

An entity reads its item's attributes and calls its item's commands; it
never changes an item or the registries (the coordinator does: options,
memory). Its unique id and device follow ``items.py``; item devices hang
below the gateway's device, named by its device id (``via_device_id``: the
identifier form ``via_device`` is deprecated since Home Assistant 2026.8),
which is registered before the platforms are set up (as nobo_hub does).
"""

from collections.abc import Awaitable
from typing import override

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..const import DOMAIN
from ..openwebnet.items.base import Item, ItemEvent
from .commands import gateway_errors
from .const import MANUFACTURER
from .coordinator import GatewayCoordinator
from .items import (
    item_device_identifier,
    item_device_translation,
    item_entity_unique_id,
)


class GatewayItemEntity(CoordinatorEntity[GatewayCoordinator]):
    """An entity that shows (part of) one item on the MyHOME bus.

    The coordinator tells when the event session goes down or comes back
    (availability); the item tells when its own state changes.
    """

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self,
        coordinator: GatewayCoordinator,
        item: Item,
        description: EntityDescription,
    ) -> None:
        """Attach the entity to its item and to the item's device."""
        super().__init__(coordinator)
        self.item = item
        self.entity_description = description
        self._attr_unique_id = self._unique_id(description.key)
        self._attr_device_info = self._device()

    def _unique_id(self, key: str) -> str:
        return item_entity_unique_id(self.coordinator.gateway_unique_id, self.item, key)

    def _device(self) -> DeviceInfo:
        """The item's device, below the gateway, named after its kind and address.

        The user renames it in the device registry.
        """
        translation_key, placeholders = item_device_translation(self.item)
        gateway_unique_id = self.coordinator.gateway_unique_id
        return DeviceInfo(
            identifiers={
                (DOMAIN, item_device_identifier(gateway_unique_id, self.item))
            },
            manufacturer=MANUFACTURER,
            translation_key=translation_key,
            translation_placeholders=placeholders,
            via_device_id=self.coordinator.hub_device_id,
        )

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

    async def _command(self, command: Awaitable[None]) -> None:
        """Run one of the item's commands; gateway errors become readable errors.

        The state does not change here: the gateway's echo of the command on
        the event session updates the item, and the item this entity.
        """
        with gateway_errors(self.coordinator):
            await command


class GatewayEntity(GatewayItemEntity):
    """An entity of the gateway itself (WHO 13), on the hub device."""

    @override
    def _unique_id(self, key: str) -> str:
        return f"{self.coordinator.gateway_unique_id}-{key}"

    @override
    def _device(self) -> DeviceInfo:
        """The hub device, registered at setup with model, firmware and MAC."""
        return DeviceInfo(identifiers={(DOMAIN, self.coordinator.gateway_unique_id)})
