"""MyHOME binary sensors: dry contacts (WHO 25), motion detectors (WHO 1), central unit health (WHO 4).

Motion detectors cannot be swept: a point gets its motion sensor the first
time it reports motion, and at once after a restart if it had one before.

The thermoregulation central unit reports a weak battery, a failure and a
probe off, in protection or in manual while they hold, and never that they
are over; the item learns that from its complete status answers, read at
every (re)connection (``ThermoCentralUnit.conclude_status``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, override

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item
from ..openwebnet.items.contacts import DryContact
from ..openwebnet.items.lighting import Light
from ..openwebnet.items.thermo_central_unit import ThermoCentralUnit
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
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="battery",
        device_class=BinarySensorDeviceClass.BATTERY,
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.battery_low,
    ),
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="failure",
        translation_key="failure",
        device_class=BinarySensorDeviceClass.PROBLEM,
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.failure,
    ),
    # Whether the unit takes commands from the bus (its own switch).
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="remote_control",
        translation_key="remote_control",
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.remote_control,
    ),
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="probe_off",
        translation_key="probe_off",
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.probe_off,
    ),
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="probe_protection",
        translation_key="probe_protection",
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.probe_protection,
    ),
    MyHomeBinarySensorDescription[ThermoCentralUnit](
        key="probe_manual",
        translation_key="probe_manual",
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        item_type=ThermoCentralUnit,
        value_fn=lambda unit: unit.probe_manual,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a binary sensor per dry contact, motion detector and central unit condition."""
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
