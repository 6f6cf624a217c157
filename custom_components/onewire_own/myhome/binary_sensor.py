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
from typing import Any, Final, override

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


def _central_unit_condition(
    key: str,
    value_fn: Callable[[ThermoCentralUnit], bool | None],
    *,
    device_class: BinarySensorDeviceClass | None = None,
    translation_key: str | None = None,
    enabled_by_default: bool = True,
) -> MyHomeBinarySensorDescription[ThermoCentralUnit]:
    """A condition the central unit reports (diagnostic)."""
    return MyHomeBinarySensorDescription[ThermoCentralUnit](
        key=key,
        device_class=device_class,
        translation_key=translation_key,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=enabled_by_default,
        item_type=ThermoCentralUnit,
        value_fn=value_fn,
    )


BINARY_SENSORS: Final[tuple[MyHomeBinarySensorDescription[Any], ...]] = (
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
    _central_unit_condition(
        "battery",
        lambda unit: unit.battery_low,
        device_class=BinarySensorDeviceClass.BATTERY,
    ),
    _central_unit_condition(
        "failure",
        lambda unit: unit.failure,
        device_class=BinarySensorDeviceClass.PROBLEM,
        translation_key="failure",
    ),
    # Whether the unit takes commands from the bus (its own switch).
    _central_unit_condition(
        "remote_control",
        lambda unit: unit.remote_control,
        translation_key="remote_control",
    ),
    # At least one probe is off, in protection, in manual (at its knob).
    *(
        _central_unit_condition(
            key, value_fn, translation_key=key, enabled_by_default=False
        )
        for key, value_fn in (
            ("probe_off", lambda unit: unit.probe_off),
            ("probe_protection", lambda unit: unit.probe_protection),
            ("probe_manual", lambda unit: unit.probe_manual),
        )
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
