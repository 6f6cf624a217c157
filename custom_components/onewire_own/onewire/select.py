"""1-Wire selects: the resolution of a DS18B20."""

from collections.abc import Sequence
from typing import override

from homeassistant.components.select import SelectEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..owfs import Device
from .coordinator import OwserverConfigEntry, OwserverCoordinator
from .descriptions.lookup import descriptions_for
from .descriptions.select import SELECTS, OwSelectDescription
from .entity import OwEntity
from .platform import async_setup_device_entities


async def _selects_for(
    coordinator: OwserverCoordinator, device: Device
) -> Sequence[OwSelectEntity]:
    return [
        OwSelectEntity(coordinator, device, description, description.attribute)
        for description in descriptions_for(SELECTS, device)
    ]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: OwserverConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the selects of every device of the owserver, now and later."""
    await async_setup_device_entities(hass, entry, async_add_entities, _selects_for)


class OwSelectEntity(OwEntity, SelectEntity):
    """A 1-Wire attribute with a fixed set of values."""

    entity_description: OwSelectDescription

    @property
    @override
    def current_option(self) -> str | None:
        """The polled value as one of the options."""
        return self.entity_description.value_fn(self.raw_value)

    @override
    async def async_select_option(self, option: str) -> None:
        """Write the chosen option."""
        await self.async_write(option.encode())
