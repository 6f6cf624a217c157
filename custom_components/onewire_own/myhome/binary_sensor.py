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

from ..openwebnet.items.base import Item
from ..openwebnet.items.contacts import DryContact
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .motion import WHO_LIGHTING
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
    def add_motion_sensor(where: str, first_report: bool = True) -> None:
        if where in added:
            return
        added.add(where)
        light = gateway.get_item(WHO_LIGHTING, where)
        async_add_entities([MotionSensor(coordinator, light)])

    prefix = f"{coordinator.gateway_unique_id}-{WHO_LIGHTING}-"
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id):
        if (
            entity.domain == BINARY_SENSOR_DOMAIN
            and entity.unique_id.startswith(prefix)
            and entity.unique_id.endswith(f"-{MOTION_KEY}")
        ):
            add_motion_sensor(
                entity.unique_id.removeprefix(prefix).removesuffix(f"-{MOTION_KEY}")
            )
    for where in gateway.motion.detected:
        add_motion_sensor(where)
    entry.async_on_unload(gateway.motion.add_listener(add_motion_sensor))


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

    def __init__(self, coordinator: GatewayCoordinator, item: Item) -> None:
        """Show the point's motion reports, on the point's device."""
        super().__init__(coordinator, item, MOTION_KEY)
        self._tracker = coordinator.gateway.motion

    @override
    async def async_added_to_hass(self) -> None:
        """Follow the point's motion reports from now on."""
        await super().async_added_to_hass()
        self.async_on_remove(self._tracker.add_listener(self._handle_report))

    @callback
    def _handle_report(self, where: str, first_report: bool) -> None:
        if where == self.item.where:
            self.async_write_ha_state()

    @property
    @override
    def is_on(self) -> bool | None:
        """Motion now, no motion, or unknown before the first report."""
        return self._tracker.detected.get(self.item.where)
