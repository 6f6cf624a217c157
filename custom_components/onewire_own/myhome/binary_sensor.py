"""MyHOME binary sensors: dry contacts (WHO 25) and motion detectors (WHO 1)."""

from typing import override

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.components.binary_sensor.const import (
    DOMAIN as BINARY_SENSOR_DOMAIN,
    BinarySensorDeviceClass,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item, ItemEvent
from ..openwebnet.items.contacts import DryContact
from ..openwebnet.items.lighting import Light
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .platform import async_setup_item_entities, one_entity_per

MOTION_KEY = "motion"


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a binary sensor per dry contact and per motion detector.

    Motion detectors cannot be swept: a point gets its motion sensor the first
    time it reports motion (or at once if it did in an earlier run).
    """
    async_setup_item_entities(
        entry, async_add_entities, one_entity_per(DryContact, DryContactSensor)
    )
    coordinator = entry.runtime_data
    gateway = coordinator.gateway
    added: set[str] = set()

    @callback
    def add_motion_sensor(light: Item) -> None:
        if not isinstance(light, Light) or light.where in added:
            return
        added.add(light.where)
        async_add_entities([MotionSensor(coordinator, light)])

    prefix = f"{coordinator.gateway_unique_id}-{Light.who}-"
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id):
        if (
            entity.domain == BINARY_SENSOR_DOMAIN
            and entity.unique_id.startswith(prefix)
            and entity.unique_id.endswith(f"-{MOTION_KEY}")
        ):
            where = entity.unique_id.removeprefix(prefix).removesuffix(f"-{MOTION_KEY}")
            add_motion_sensor(gateway.get_item(Light.who, where))
    for item in list(gateway.items.values()):
        if isinstance(item, Light) and item.motion is not None:
            add_motion_sensor(item)

    @callback
    def add_on_first_report(item: Item, event: ItemEvent) -> None:
        if isinstance(item, Light) and item.motion is not None:
            add_motion_sensor(item)

    entry.async_on_unload(gateway.add_callback(add_on_first_report))


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


class MotionSensor(GatewayItemEntity, BinarySensorEntity):
    """The motion detector of a lighting point (WHAT 34 motion, 39 end)."""

    _attr_device_class = BinarySensorDeviceClass.MOTION
    item: Light

    def __init__(self, coordinator: GatewayCoordinator, item: Light) -> None:
        """Show the point's motion reports, on the point's device."""
        super().__init__(coordinator, item, MOTION_KEY)

    @property
    @override
    def is_on(self) -> bool | None:
        """Motion now, no motion, or unknown before the first report."""
        return self.item.motion
