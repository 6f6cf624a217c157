"""1-Wire selects: the resolution of a DS18B20."""

from typing import override

from homeassistant.components.select import SelectEntity

from .descriptions.select import SELECTS, OwSelectDescription
from .entity import OwEntity
from .platform import described_entities, device_entities_setup


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


entities_for = described_entities(SELECTS, OwSelectEntity)
async_setup_entry = device_entities_setup(entities_for)
