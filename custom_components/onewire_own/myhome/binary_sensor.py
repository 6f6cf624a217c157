"""MyHOME binary sensors: dry contacts (WHO 25) and motion detectors (WHO 1)."""

from typing import override

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.contacts import DryContact
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .platform import async_setup_item_entities, one_entity_per


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a binary sensor per dry contact and motion detector."""
    async_setup_item_entities(
        entry, async_add_entities, one_entity_per(DryContact, DryContactSensor)
    )


class DryContactSensor(GatewayItemEntity, BinarySensorEntity):
    """A dry contact input: on while the contact is closed."""

    _attr_name = None
    _attr_translation_key = "dry_contact"
    item: DryContact

    def __init__(self, coordinator: GatewayCoordinator, item: DryContact) -> None:
        """Show the contact."""
        super().__init__(coordinator, item, "contact")

    @property
    @override
    def is_on(self) -> bool | None:
        """Closed, open, or unknown before the first status."""
        return self.item.is_closed
