"""1-Wire switches: PIO outputs, latches, hub branches, sensor modes."""

from collections.abc import Sequence
from typing import Any, override

from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..owfs import Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .descriptions.lookup import descriptions_for, needs_structure_entities
from .descriptions.structure import structure_switches
from .descriptions.switch import SWITCHES, OwSwitchDescription
from .entity import OwEntity
from .platform import async_setup_device_entities


async def _switches_for(
    coordinator: OwserverCoordinator, device: Device
) -> Sequence[OwSwitchEntity]:
    descriptions: Sequence[OwSwitchDescription]
    if needs_structure_entities(device):
        structure = await coordinator.server.structure(device.family)
        descriptions = structure_switches(structure.values())
    else:
        descriptions = descriptions_for(SWITCHES, device)
    return [
        OwSwitchEntity(coordinator, device, description, description.attribute)
        for description in descriptions
    ]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: OwserverConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the switches of every device of the owserver, now and later."""
    await async_setup_device_entities(hass, entry, async_add_entities, _switches_for)


class OwSwitchEntity(OwEntity, SwitchEntity):
    """A 1-Wire yes/no attribute that can be written."""

    entity_description: OwSwitchDescription

    @property
    @override
    def is_on(self) -> bool | None:
        """The polled value as on/off."""
        return self.entity_description.value_fn(self.raw_value)

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Write 1."""
        await self.async_write(b"1")

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Write 0."""
        await self.async_write(b"0")
