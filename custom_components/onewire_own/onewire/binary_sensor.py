"""1-Wire binary sensors: sensed inputs, hub shorts, presence of ID chips."""

from collections.abc import Sequence
from typing import override

from homeassistant.components.binary_sensor import BinarySensorEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..owfs import Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .descriptions.binary_sensor import BINARY_SENSORS, OwBinarySensorDescription
from .descriptions.lookup import descriptions_for
from .entity import OwEntity
from .platform import async_setup_device_entities


async def _binary_sensors_for(
    coordinator: OwserverCoordinator, device: Device
) -> Sequence[OwBinarySensorEntity]:
    return [
        OwBinarySensorEntity(coordinator, device, description, description.attribute)
        for description in descriptions_for(BINARY_SENSORS, device)
    ]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: OwserverConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of every device of the owserver, now and later."""
    await async_setup_device_entities(
        hass, entry, async_add_entities, _binary_sensors_for
    )


class OwBinarySensorEntity(OwEntity, BinarySensorEntity):
    """A 1-Wire binary sensor."""

    entity_description: OwBinarySensorDescription

    @property
    @override
    def is_on(self) -> bool | None:
        """The polled value as on/off."""
        return self.entity_description.value_fn(self.raw_value)
