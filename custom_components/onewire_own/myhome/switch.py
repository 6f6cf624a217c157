"""MyHOME switches: WHO 1 points the user shows as switches, and WHO 9 aux channels."""

from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.contacts import Aux
from ..openwebnet.items.lighting import Light
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .items import item_key
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class SwitchDescription[I: Light | Aux](
    SwitchEntityDescription, ItemEntityDescription[I]
):
    """A point or channel shown as a switch."""


SWITCHES: Final = (
    SwitchDescription[Light](
        key="switch",
        name=None,
        item_type=Light,
        has_fn=lambda light, settings: (
            settings.point_kind(item_key(light)).platform is Platform.SWITCH
        ),
    ),
    SwitchDescription[Aux](key="switch", name=None, item_type=Aux),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add a switch per point shown as a switch and per aux channel."""
    async_setup_item_entities(entry, async_add_entities, SWITCHES, MyHomeSwitch)


class MyHomeSwitch(GatewayItemEntity, SwitchEntity):
    """A lighting point that drives something other than a lamp, or an aux channel."""

    item: Light | Aux

    @property
    @override
    def is_on(self) -> bool | None:
        """On, off, or unknown before the first status."""
        return self.item.is_on

    @override
    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch on."""
        await self._command(self.item.turn_on())

    @override
    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch off."""
        await self._command(self.item.turn_off())
