"""1-Wire sensors: temperatures, humidities, pressures, voltages, counters.

And, on the owserver's own device, its error counters (diagnostic, disabled
by default).
"""

from collections.abc import Sequence
import dataclasses
from typing import override

from homeassistant.components.sensor import SensorDeviceClass, SensorEntity
from homeassistant.const import PERCENTAGE
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from ..owfs import Device, OwfsError
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .descriptions.base import as_bool
from .descriptions.lookup import descriptions_for, needs_structure_entities
from .descriptions.sensor import SENSORS, OwSensorDescription
from .descriptions.statistics import STATISTICS_SENSORS, OwStatisticsDescription
from .descriptions.structure import structure_sensors
from .devices import hub_identifier
from .entity import OwEntity
from .platform import device_entities_setup


async def _attribute_works(coordinator: OwserverCoordinator, path: str) -> bool:
    try:
        await coordinator.server.read(path)
    except OwfsError:
        return False
    return True


async def _is_leaf(
    coordinator: OwserverCoordinator, device: Device, channel: str
) -> bool:
    try:
        value = await coordinator.server.read(
            f"{device.path}/moisture/is_leaf.{channel}"
        )
    except OwfsError:
        return False
    return bool(as_bool(value))


async def entities_for(
    coordinator: OwserverCoordinator, device: Device
) -> Sequence[OwSensorEntity]:
    """The sensors of a device: its family's (or model's), or ones from /structure.

    Optional add-ons (a TAI8570 on a DS2406) are probed with one read; a
    HobbyBoards moisture channel wired to a leaf sensor shows wetness.
    """
    if needs_structure_entities(device):
        structure = await coordinator.server.structure(device.family)
        return [
            OwSensorEntity(coordinator, device, description, description.attribute)
            for description in structure_sensors(structure.values())
        ]
    entities: list[OwSensorEntity] = []
    for description in descriptions_for(SENSORS, device):
        attribute = description.attribute
        if description.precision_selectable:
            attribute = coordinator.settings.temperature_attribute(device.id)
        if description.probe and not await _attribute_works(
            coordinator, f"{device.path}/{attribute}"
        ):
            continue
        shown = description
        if description.wetness_when_leaf and await _is_leaf(
            coordinator, device, description.key.rpartition(".")[2]
        ):
            shown = dataclasses.replace(
                description,
                device_class=SensorDeviceClass.HUMIDITY,
                native_unit_of_measurement=PERCENTAGE,
                translation_key="wetness_id",
            )
        entities.append(OwSensorEntity(coordinator, device, shown, attribute))
    return entities


class OwSensorEntity(OwEntity, SensorEntity):
    """A 1-Wire sensor."""

    entity_description: OwSensorDescription

    @property
    @override
    def native_value(self) -> StateType:
        """The polled value, converted by the description."""
        return self.entity_description.value_fn(self.raw_value)


_async_setup_device_sensors = device_entities_setup(entities_for)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: OwserverConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the owserver's counters, then the sensors of every device, now and later."""
    async_add_entities(
        OwserverStatisticSensor(entry.runtime_data, description)
        for description in STATISTICS_SENSORS
    )
    await _async_setup_device_sensors(hass, entry, async_add_entities)


class OwserverStatisticSensor(CoordinatorEntity[OwserverCoordinator], SensorEntity):
    """One of owserver's error counters, on the owserver's device."""

    _attr_has_entity_name = True
    entity_description: OwStatisticsDescription

    def __init__(
        self, coordinator: OwserverCoordinator, description: OwStatisticsDescription
    ) -> None:
        """Show description's counter of the coordinator's owserver."""
        super().__init__(coordinator)
        self.entity_description = description
        hub = hub_identifier(coordinator.config_entry)
        self._attr_unique_id = f"{hub[1]}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={hub})

    @property
    @override
    def available(self) -> bool:
        """Available while the owserver answers and its counters were read."""
        return (
            super().available
            and self.coordinator.connected
            and self.coordinator.data.statistics is not None
        )

    @property
    @override
    def native_value(self) -> int | None:
        """The counter as last read."""
        statistics = self.coordinator.data.statistics
        return (
            None if statistics is None else self.entity_description.value_fn(statistics)
        )
