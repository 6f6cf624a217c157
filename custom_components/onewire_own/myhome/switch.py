"""MyHOME switches: WHO 1 points the user shows as switches, and WHO 9 aux channels."""

from typing import Any, override

from homeassistant.components.switch import SwitchEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import Item
from ..openwebnet.items.contacts import Aux
from ..openwebnet.items.lighting import Light
from .commands import gateway_command
from .const import PointKind
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .light import is_shown_as
from .platform import async_setup_item_entities

SWITCH_KEY = "switch"


def _switches_for(coordinator: GatewayCoordinator, item: Item) -> list[MyHomeSwitch]:
    if isinstance(item, Aux) or is_shown_as(
        item, coordinator.settings, PointKind.SWITCH
    ):
        return [MyHomeSwitch(coordinator, item)]
    return []


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a switch per point shown as a switch and per aux channel."""
    async_setup_item_entities(entry, async_add_entities, _switches_for)


class MyHomeSwitch(GatewayItemEntity, SwitchEntity):
    """A lighting point that drives something other than a lamp, or an aux channel."""

    _attr_name = None
    item: Light | Aux

    def __init__(self, coordinator: GatewayCoordinator, item: Light | Aux) -> None:
        """Show the point or channel as a switch."""
        super().__init__(coordinator, item, SWITCH_KEY)

    @property
    @override
    def is_on(self) -> bool | None:
        """On, off, or unknown before the first status."""
        return self.item.is_on

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on."""
        await gateway_command(self.item.turn_on())

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off."""
        await gateway_command(self.item.turn_off())
