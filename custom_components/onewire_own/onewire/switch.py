"""1-Wire switches: PIO outputs, latches, hub branches, sensor modes."""

from collections.abc import Sequence
from typing import Any, override

from homeassistant.components.switch import SwitchEntity

from ..owfs import Device
from .coordinator import OwserverCoordinator
from .descriptions.lookup import descriptions_for, needs_structure_entities
from .descriptions.structure import structure_switches
from .descriptions.switch import SWITCHES, OwSwitchDescription
from .entity import OwEntity
from .platform import device_entities_setup


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


async def entities_for(
    coordinator: OwserverCoordinator, device: Device
) -> Sequence[OwSwitchEntity]:
    """The switches of a device: its family's (or model's), or ones from /structure."""
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


async_setup_entry = device_entities_setup(entities_for)
