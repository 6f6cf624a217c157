"""MyHOME binary sensors: dry contacts (WHO 25), motion detectors (WHO 1), central unit health (WHO 4), the burglar alarm (WHO 5).

Motion detectors cannot be swept: a point gets its motion sensor the first
time it reports motion, and at once after a restart if it had one before.

The thermoregulation central unit reports a weak battery, a failure and a
probe off, in protection or in manual while they hold, and never that they
are over; the item learns that from its complete status answers, read at
every (re)connection (``ThermoCentralUnit.conclude_status``).

The burglar alarm's central unit has diagnostic sensors (battery fault,
battery flat, mains, maintenance); each zone 1-8 says whether it is engaged
(armed with the system) and whether it detected an intrusion or a tamper,
and a zone or auxiliary input that reports a panic, technical or silent
alarm gets that sensor at its first report. An alarm sensor is on from the
zone's alarm until the central unit is engaged, disengaged or ends a delay
(a technical alarm until its reset).
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

from ..openwebnet.items.alarm import (
    AlarmKind,
    AlarmSystem,
    AlarmZone,
    BatteryState,
    SystemState,
)
from ..openwebnet.items.base import Item
from ..openwebnet.items.contacts import DryContact
from ..openwebnet.items.lighting import Light
from ..openwebnet.items.thermo_central_unit import ThermoCentralUnit
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities
from .settings import GatewaySettings


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


def zone_alarm_reported(
    kind: AlarmKind, translation_key: str, device_class: BinarySensorDeviceClass
) -> MyHomeBinarySensorDescription[AlarmZone]:
    """An alarm a zone or aux input has once it has reported it."""

    def reported(zone: AlarmZone, settings: GatewaySettings) -> bool:
        return zone.alarm(kind) is not None

    def value(zone: AlarmZone) -> bool | None:
        return zone.alarm(kind)

    return MyHomeBinarySensorDescription[AlarmZone](
        key=kind.value,
        translation_key=translation_key,
        device_class=device_class,
        item_type=AlarmZone,
        has_fn=reported,
        value_fn=value,
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
    # The burglar alarm's central unit.
    MyHomeBinarySensorDescription[AlarmSystem](
        key="battery_fault",
        translation_key="alarm_battery_fault",
        device_class=BinarySensorDeviceClass.PROBLEM,
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=AlarmSystem,
        value_fn=lambda system: _is(system.battery, BatteryState.FAULT),
    ),
    MyHomeBinarySensorDescription[AlarmSystem](
        key="battery",
        device_class=BinarySensorDeviceClass.BATTERY,
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=AlarmSystem,
        value_fn=lambda system: _is(system.battery, BatteryState.UNLOADED),
    ),
    MyHomeBinarySensorDescription[AlarmSystem](
        key="mains",
        translation_key="alarm_mains",
        device_class=BinarySensorDeviceClass.POWER,
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=AlarmSystem,
        value_fn=lambda system: system.mains,
    ),
    MyHomeBinarySensorDescription[AlarmSystem](
        key="maintenance",
        translation_key="alarm_maintenance",
        entity_category=EntityCategory.DIAGNOSTIC,
        item_type=AlarmSystem,
        value_fn=lambda system: _is(system.state, SystemState.MAINTENANCE),
    ),
    # Each zone of the burglar alarm.
    MyHomeBinarySensorDescription[AlarmZone](
        key="engaged",
        translation_key="alarm_zone_engaged",
        item_type=AlarmZone,
        has_fn=lambda zone, settings: zone.has_sensors,
        value_fn=lambda zone: zone.engaged,
    ),
    MyHomeBinarySensorDescription[AlarmZone](
        key="intrusion",
        translation_key="alarm_intrusion",
        device_class=BinarySensorDeviceClass.SAFETY,
        item_type=AlarmZone,
        has_fn=lambda zone, settings: zone.has_sensors,
        value_fn=lambda zone: zone.alarm(AlarmKind.INTRUSION),
    ),
    MyHomeBinarySensorDescription[AlarmZone](
        key="tamper",
        device_class=BinarySensorDeviceClass.TAMPER,
        item_type=AlarmZone,
        value_fn=lambda zone: zone.alarm(AlarmKind.TAMPER),
    ),
    zone_alarm_reported(AlarmKind.PANIC, "alarm_panic", BinarySensorDeviceClass.SAFETY),
    zone_alarm_reported(
        AlarmKind.TECHNICAL, "alarm_technical", BinarySensorDeviceClass.PROBLEM
    ),
    zone_alarm_reported(
        AlarmKind.SILENT, "alarm_silent", BinarySensorDeviceClass.SAFETY
    ),
)


def _is[T](value: T | None, wanted: T) -> bool | None:
    """Value == wanted, or None while value is unknown."""
    return None if value is None else value == wanted


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensors of contacts, motion detectors, the central unit and the alarm."""
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
