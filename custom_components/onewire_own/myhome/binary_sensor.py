"""MyHOME binary sensors: dry contacts (WHO 25) and motion detectors (WHO 1).

Motion detectors cannot be swept: a point gets its motion sensor the first
time it reports motion, and at once after a restart if it had one before.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, override

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item
from ..openwebnet.items.contacts import DryContact
from ..openwebnet.items.lighting import Light
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class MyHomeBinarySensorDescription[I: Item](
    BinarySensorEntityDescription, ItemEntityDescription[I]
):
    """A yes/no value of an item."""

    value_fn: Callable[[I], bool | None]


BINARY_SENSORS: Final = (
    # On while the contact is closed.
    MyHomeBinarySensorDescription[DryContact](
        key="contact",
        name=None,
        translation_key="dry_contact",
        item_type=DryContact,
        value_fn=lambda contact: contact.is_closed,
    ),
    # The presence detector of a lighting point (WHAT 34 motion, 39 end).
    MyHomeBinarySensorDescription[Light](
        key="motion",
        device_class=BinarySensorDeviceClass.MOTION,
        item_type=Light,
        has_fn=lambda light, settings: light.motion is not None,
        value_fn=lambda light: light.motion,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a binary sensor per dry contact and per motion detector."""
    async_setup_item_entities(
        entry, async_add_entities, BINARY_SENSORS, MyHomeBinarySensor
    )


class MyHomeBinarySensor(GatewayItemEntity, BinarySensorEntity):
    """One yes/no value of an item."""

    entity_description: MyHomeBinarySensorDescription[Item]

    @property
    @override
    def is_on(self) -> bool | None:
        """The value, or unknown before the first report."""
        return self.entity_description.value_fn(self.item)
