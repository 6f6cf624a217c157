"""MyHOME buttons: an entrance panel's door lock and staircase light (WHO 8).

Each press sends what BTicino's own touch screen sends for its button:
the press frame, then half a second later the release frame (door lock
``*8*19*<panel>##`` then ``*8*20*<panel>##``; staircase light 21 then 22).
A panel has them once it is known as an entrance panel (its first call, or
an earlier run's). Gateways without a door-entry service refuse them
(MyHOMEServer1 and MH200N in the firmware emulation); the press then fails
with the gateway's refusal.
"""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.door_entry import DoorEntryUnit
from .const import KEY_OPEN_DOOR, KEY_STAIRCASE_LIGHT
from .coordinator import GatewayConfigEntry
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities


@dataclass(frozen=True, kw_only=True)
class DoorEntryButtonDescription(
    ButtonEntityDescription, ItemEntityDescription[DoorEntryUnit]
):
    """A button of an entrance panel and the item command it runs."""

    press_fn: Callable[[DoorEntryUnit], Coroutine[Any, Any, None]]


def _is_panel(unit: DoorEntryUnit, settings: object) -> bool:
    return unit.is_entrance_panel


BUTTONS: Final = (
    DoorEntryButtonDescription(
        key=KEY_OPEN_DOOR,
        translation_key="open_door",
        item_type=DoorEntryUnit,
        has_fn=_is_panel,
        press_fn=lambda unit: unit.open_door(),
    ),
    DoorEntryButtonDescription(
        key=KEY_STAIRCASE_LIGHT,
        translation_key="staircase_light",
        item_type=DoorEntryUnit,
        has_fn=_is_panel,
        press_fn=lambda unit: unit.switch_on_staircase_light(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the buttons of each entrance panel."""
    async_setup_item_entities(entry, async_add_entities, BUTTONS, MyHomeButton)


class MyHomeButton(GatewayItemEntity, ButtonEntity):
    """A button of an entrance panel."""

    item: DoorEntryUnit
    entity_description: DoorEntryButtonDescription

    @override
    async def async_press(self) -> None:
        """Press, hold half a second, release."""
        await self._command(self.entity_description.press_fn(self.item))
