"""1-Wire sensors: temperatures, humidities, pressures, voltages, counters."""

from collections.abc import Sequence
import dataclasses
from typing import override

from homeassistant.components.sensor import SensorDeviceClass, SensorEntity
from homeassistant.const import PERCENTAGE
from homeassistant.helpers.typing import StateType

from ..owfs import Device, OwfsError
from .coordinator import OwserverCoordinator
from .descriptions.base import as_bool
from .descriptions.lookup import descriptions_for, needs_structure_entities
from .descriptions.sensor import SENSORS, OwSensorDescription
from .descriptions.structure import structure_sensors
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


async_setup_entry = device_entities_setup(entities_for)
