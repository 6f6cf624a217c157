"""MyHOME events: scenario buttons (WHO 15, 25), door entry (WHO 8), scenario modules and scenes (WHO 0, 17).

Buttons have no state and cannot be swept, so a button's event entity is
created the first time the bus hears it, and that first press is fired on it;
buttons heard in earlier runs are back at setup (the coordinator's memory).
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

Door entry: an entrance panel has a *Doorbell* event (device class
doorbell, event type ``ring``) fired once per call when the panel names
itself on the bus; a handset has an *Incoming call* event fired at once
when it rings (``ring`` for a doorbell, ``intercom`` or ``floor_call``). A call frame
names the handset it rings, not the panel (``items/door_entry.py``), so the
panel's event may come later than the handset's (when the call is answered,
on some installations). Each appears at its first call, and the call that
revealed it is fired on it; both are back at setup after a restart.

Scenario modules (WHO 0, F420 / IR 3456) and the scenes of a scenario
programmer (WHO 17, MH200N / MH202) have one event entity each, created
when the bus first mentions them (that first event fires on it) and back at
once after a restart. A module fires ``scenario_<n>`` when it runs scenario
n (with ``scenario`` in the event data) and, for an F420, its programming
events; a scene fires ``started``, ``stopped``, ``enabled``, ``disabled``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, override

from homeassistant.components.event import (
    EventDeviceClass,
    EventEntity,
    EventEntityDescription,
)
from homeassistant.components.event.const import DoorbellEventType
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from ..openwebnet.items.base import ButtonAction, ButtonPressed, Item, ItemEvent
from ..openwebnet.items.buttons import CenButton, CenPlusButton
from ..openwebnet.items.door_entry import (
    CallKind,
    DoorbellPressed,
    DoorEntryCall,
    DoorEntryUnit,
)
from ..openwebnet.items.scenarios import (
    MAX_SCENARIO,
    ProgrammedScene,
    ScenarioAction,
    ScenarioModule,
    ScenarioReported,
    SceneAction,
    SceneChanged,
)
from .const import KEY_DOORBELL, KEY_INCOMING_CALL
from .coordinator import GatewayConfigEntry, GatewayCoordinator
from .entity import GatewayItemEntity
from .platform import ItemEntityDescription, async_setup_item_entities

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
BUTTONS: Final = range(32)

type ButtonItem = CenButton | CenPlusButton
type ReporterItem = ScenarioModule | ProgrammedScene


def scenario_event_type(scenario: int) -> str:
    """The event type of a module running scenario n: ``scenario_<n>``."""
    return f"scenario_{scenario}"


SCENARIO_EVENT_TYPES: Final = [
    *(scenario_event_type(n) for n in range(1, MAX_SCENARIO + 1)),
    *(
        action.value
        for action in ScenarioAction
        if action is not ScenarioAction.ACTIVATED
    ),
]
SCENE_EVENT_TYPES: Final = [action.value for action in SceneAction]


@dataclass(frozen=True, kw_only=True)
class ReporterDescription[I: ReporterItem](
    EventEntityDescription, ItemEntityDescription[I]
):
    """The events of a scenario module or of a programmed scene."""


REPORTERS: Final[tuple[ReporterDescription[Any], ...]] = (
    ReporterDescription[ScenarioModule](
        key="scenario",
        name=None,
        translation_key="scenario_module",
        item_type=ScenarioModule,
        event_types=SCENARIO_EVENT_TYPES,
    ),
    ReporterDescription[ProgrammedScene](
        key="scene",
        name=None,
        translation_key="programmed_scene",
        item_type=ProgrammedScene,
        event_types=SCENE_EVENT_TYPES,
    ),
)


def button_key(button: int) -> str:
    """The entity key of a control's button: ``button-<n>``."""
    return f"button-{button}"


def button_description(button: int) -> EventEntityDescription:
    """Button ``button`` of a control."""
    return EventEntityDescription(
        key=button_key(button),
        device_class=EventDeviceClass.BUTTON,
        translation_key="button",
        translation_placeholders={"button": str(button)},
        event_types=[PRESS, LONG_PRESS, RELEASE],
    )


RING: Final = DoorbellEventType.RING.value
#: The handset's event type of each call: a doorbell rings (``ring``, as
#: every doorbell event of Home Assistant), the others say what they are.
CALL_EVENT_TYPES: Final = {
    CallKind.DOORBELL: RING,
    CallKind.INTERCOM: CallKind.INTERCOM.value,
    CallKind.FLOOR_CALL: CallKind.FLOOR_CALL.value,
}


@dataclass(frozen=True, kw_only=True)
class DoorEntryEventDescription(
    EventEntityDescription, ItemEntityDescription[DoorEntryUnit]
):
    """A door-entry unit's calls: which event it fires for what, and its data."""

    #: The event type and data of an item event, None for events it ignores.
    fire_fn: Callable[[ItemEvent], tuple[str, dict[str, Any]] | None]
    #: The last such event of the unit (fired when the entity is added).
    last_fn: Callable[[DoorEntryUnit], ItemEvent | None]


def _doorbell(event: ItemEvent) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(event, DoorbellPressed):
        return None
    data = {"ring_tone": event.ring_tone, "audio_only": event.audio_only}
    return RING, data | {"handset": event.handset}


def _incoming_call(event: ItemEvent) -> tuple[str, dict[str, Any]] | None:
    if not isinstance(event, DoorEntryCall):
        return None
    return CALL_EVENT_TYPES[event.kind], {
        "ring_tone": event.ring_tone,
        "audio_only": event.audio_only,
    }


DOOR_ENTRY_EVENTS: Final = (
    DoorEntryEventDescription(
        key=KEY_DOORBELL,
        translation_key="doorbell",
        device_class=EventDeviceClass.DOORBELL,
        event_types=[RING],
        item_type=DoorEntryUnit,
        has_fn=lambda unit, settings: unit.is_entrance_panel,
        fire_fn=_doorbell,
        last_fn=lambda unit: unit.last_ring,
    ),
    DoorEntryEventDescription(
        key=KEY_INCOMING_CALL,
        translation_key="incoming_call",
        device_class=EventDeviceClass.DOORBELL,
        event_types=list(CALL_EVENT_TYPES.values()),
        item_type=DoorEntryUnit,
        has_fn=lambda unit, settings: unit.is_handset,
        fire_fn=_incoming_call,
        last_fn=lambda unit: unit.last_call,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: GatewayConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Create the event entities of buttons and door-entry units when first heard."""
    async_setup_item_entities(
        entry, async_add_entities, DOOR_ENTRY_EVENTS, DoorEntryEvent
    )
    coordinator = entry.runtime_data
    entities: dict[tuple[tuple[int, str], int], ButtonEvent] = {}

    @callback
    def add_button(
        item: ButtonItem, button: int, press: ButtonPressed | None = None
    ) -> None:
        """Add the button's entity if new; a press before it is added waits."""
        key = (item.key, button)
        entity = entities.get(key)
        new = entity is None
        if entity is None:
            entity = entities[key] = ButtonEvent(coordinator, item, button)
        if press is not None:
            entity.remember_if_not_added(press)
        if new:  # added last: adding runs eagerly, up to async_added_to_hass
            async_add_entities([entity])

    @callback
    def button_heard(item: Item, event: ItemEvent) -> None:
        if isinstance(event, ButtonPressed) and isinstance(
            item, CenButton | CenPlusButton
        ):
            add_button(item, event.button, event)

    @callback
    def watch(items: list[Item]) -> None:
        for item in items:
            if not isinstance(item, CenButton | CenPlusButton):
                continue
            entry.async_on_unload(item.add_callback(button_heard))
            # Buttons heard in earlier runs are back at once, not at their
            # next press.
            for button in BUTTONS:
                if coordinator.remembers(item, button_key(button)):
                    add_button(item, button)
            if item.last_event is not None:
                button_heard(item, item.last_event)

    watch(list(coordinator.gateway.items.values()))
    entry.async_on_unload(coordinator.async_add_new_items_listener(watch))
    async_setup_item_entities(entry, async_add_entities, REPORTERS, ReporterEvent)


class ButtonEvent(GatewayItemEntity, EventEntity):
    """One button of a scenario control."""

    item: ButtonItem

    def __init__(
        self, coordinator: GatewayCoordinator, item: ButtonItem, button: int
    ) -> None:
        """Show one button of a control."""
        super().__init__(coordinator, item, button_description(button))
        self.button = button
        # What the button did before the entity was added (the press that
        # revealed it, and what followed in the same burst).
        self._early_presses: list[ButtonPressed] | None = []
        self._held = False

    def remember_if_not_added(self, press: ButtonPressed) -> None:
        """Keep a press heard before the entity was added, to fire it then."""
        if self._early_presses is not None:
            self._early_presses.append(press)

    @override
    async def async_added_to_hass(self) -> None:
        """Fire the presses heard before the entity existed, in order."""
        await super().async_added_to_hass()
        early, self._early_presses = self._early_presses or [], None
        for press in early:
            self._handle_item_event(self.item, press)

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


class DoorEntryEvent(GatewayItemEntity, EventEntity):
    """An entrance panel's doorbell, or the calls ringing a handset."""

    item: DoorEntryUnit
    entity_description: DoorEntryEventDescription

    @override
    async def async_added_to_hass(self) -> None:
        """Fire the call that revealed the unit, if this run heard one."""
        await super().async_added_to_hass()
        last = self.entity_description.last_fn(self.item)
        if last is not None:
            self._handle_item_event(self.item, last)

    @override
    @callback
    def _handle_item_event(self, item: Item, event: ItemEvent) -> None:
        fired = self.entity_description.fire_fn(event)
        if fired is None:
            return
        event_type, data = fired
        self._trigger_event(event_type, data)
        self.async_write_ha_state()


class ReporterEvent(GatewayItemEntity, EventEntity):
    """A scenario module's or a programmed scene's events."""

    item: ReporterItem

    def __init__(
        self,
        coordinator: GatewayCoordinator,
        item: ReporterItem,
        description: ReporterDescription[Any],
    ) -> None:
        """Show the item's events from the next one on."""
        super().__init__(coordinator, item, description)
        # The entity is made as the item appears, just before the event
        # that revealed it; it is added a moment later.
        self._events_before = item.events

    @override
    async def async_added_to_hass(self) -> None:
        """Fire the event that came while the entity was being added."""
        await super().async_added_to_hass()
        if self.item.events > self._events_before and self.item.last_event:
            self._handle_item_event(self.item, self.item.last_event)

    @override
    @callback
    def _handle_item_event(self, item: Item, event: ItemEvent) -> None:
        match event:
            case ScenarioReported(action=ScenarioAction.ACTIVATED, scenario=int(n)):
                self._trigger_event(scenario_event_type(n), {"scenario": n})
            case ScenarioReported(action=action, scenario=scenario):
                data = {} if scenario is None else {"scenario": scenario}
                self._trigger_event(action.value, data)
            case SceneChanged(action=action):
                self._trigger_event(action.value)
            case _:
                return
        self.async_write_ha_state()
