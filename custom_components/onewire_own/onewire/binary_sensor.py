"""1-Wire binary sensors: sensed inputs, hub shorts, presence of ID chips."""

from typing import override

from homeassistant.components.binary_sensor import BinarySensorEntity

from .descriptions.binary_sensor import BINARY_SENSORS, OwBinarySensorDescription
from .entity import OwEntity
from .platform import described_entities, device_entities_setup


class OwBinarySensorEntity(OwEntity, BinarySensorEntity):
    """A 1-Wire binary sensor."""

    entity_description: OwBinarySensorDescription

    @property
    @override
    def is_on(self) -> bool | None:
        """The polled value as on/off."""
        return self.entity_description.value_fn(self.raw_value)


entities_for = described_entities(BINARY_SENSORS, OwBinarySensorEntity)
async_setup_entry = device_entities_setup(entities_for)
