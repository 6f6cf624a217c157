"""MyHOME button events: CEN (WHO 15) and CEN+ (WHO 25) scenario buttons.

Buttons have no state and cannot be swept, so a button's event entity is
created the first time the bus hears it, and that first press is fired on it.
Each button of a control (0-31) is its own entity with three event types:

============  ===========================  ============================
event type    CEN (WHO 15)                 CEN+ (WHO 25)
============  ===========================  ============================
press         ``*15*<b>*W##`` (down)       21 short press
long_press    first ``#3`` of a hold       22 start of a long press
release       ``#1`` / ``#2``              24 release
============  ===========================  ============================

While a button is held the gateway repeats ``#3`` (CEN) or 23 (CEN+) about
every half second; those repeats fire nothing more.
"""

from typing import Final, override

from homeassistant.components.event import EventDeviceClass, EventEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import ButtonAction, ButtonPressed, Item, ItemEvent
from ..openwebnet.items.buttons import CenButton, CenPlusButton
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .items import item_key

PRESS: Final = "press"
LONG_PRESS: Final = "long_press"
RELEASE: Final = "release"
EVENT_TYPES: Final = {
    ButtonAction.PRESSED: PRESS,
    ButtonAction.LONG_PRESS_START: LONG_PRESS,
    ButtonAction.LONG_RELEASE: RELEASE,
}
# A short press is the release of a CEN press, and the whole press for CEN+.
SHORT_PRESS_TYPES: Final = {CenButton.who: RELEASE, CenPlusButton.who: PRESS}

type ButtonItem = CenButton | CenPlusButton


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create an event entity for each button as soon as it is first heard."""
    coordinator = entry.runtime_data
    known: set[tuple[str, int]] = set()

    @callback
    def button_heard(item: Item, event: ItemEvent) -> None:
        if not isinstance(event, ButtonPressed) or not isinstance(
            item, CenButton | CenPlusButton
        ):
            return
        if (item_key(item), event.button) in known:
            return
        known.add((item_key(item), event.button))
        async_add_entities([ButtonEvent(coordinator, item, event)])

    @callback
    def watch(items: list[Item]) -> None:
        for item in items:
            if isinstance(item, CenButton | CenPlusButton):
                entry.async_on_unload(item.add_callback(button_heard))
                if item.last_event is not None:
                    button_heard(item, item.last_event)

    watch(list(coordinator.gateway.items.values()))
    entry.async_on_unload(coordinator.async_add_new_items_listener(watch))


class ButtonEvent(GatewayItemEntity, EventEntity):
    """One button of a scenario control."""

    _attr_device_class = EventDeviceClass.BUTTON
    _attr_translation_key = "button"
    item: ButtonItem

    def __init__(
        self,
        coordinator: GatewayCoordinator,
        item: ButtonItem,
        first_press: ButtonPressed,
    ) -> None:
        """Show a button; the press that revealed it fires once it is added."""
        super().__init__(coordinator, item, f"button-{first_press.button}")
        self._attr_event_types = [PRESS, LONG_PRESS, RELEASE]
        self.button = first_press.button
        self._attr_translation_placeholders = {"button": str(self.button)}
        self._first_press: ButtonPressed | None = first_press
        self._held = False

    @override
    async def async_added_to_hass(self) -> None:
        """Fire the press that revealed this button."""
        await super().async_added_to_hass()
        if self._first_press is not None:
            self._handle_item_event(self.item, self._first_press)
            self._first_press = None

    def event_type(self, action: ButtonAction) -> str | None:
        """The event type of an action, or None for the repeats of a hold."""
        if action is ButtonAction.SHORT_PRESS:
            return SHORT_PRESS_TYPES[self.item.who]
        if action is ButtonAction.LONG_PRESS:
            # CEN has no start-of-hold frame: its first repeat is the long press.
            if self._held or self.item.who == CenPlusButton.who:
                return None
            self._held = True
            return LONG_PRESS
        self._held = action is ButtonAction.LONG_PRESS_START
        return EVENT_TYPES[action]

    @override
    @callback
    def _handle_item_event(self, item: Item, event: ItemEvent) -> None:
        if not isinstance(event, ButtonPressed) or event.button != self.button:
            return
        if (event_type := self.event_type(event.action)) is None:
            return
        self._trigger_event(event_type, {"button": self.button})
        self.async_write_ha_state()
