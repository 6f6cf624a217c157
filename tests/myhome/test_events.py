"""Scenario buttons pressed on the simulated bus fire their event entities."""

from typing import Any
from unittest.mock import patch

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.myhome.event import ButtonEvent
from simulator.openwebnet import GatewaySimulator

from .conftest import state_of, wait_for


class EventLog:
    """The event types an event entity fired, in order."""

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self.types: list[str] = []
        self.buttons: list[int] = []

        @callback
        def fired(event: Event) -> None:
            state = event.data["new_state"]
            if state is not None and "event_type" in state.attributes:
                self.types.append(state.attributes["event_type"])
                self.buttons.append(state.attributes["button"])

        async_track_state_change_event(hass, entity_id, fired)


async def test_first_cen_press_creates_the_button_and_fires_it(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    log = EventLog(hass, "event.scenario_control_21_button_3")

    await gateway.press_button("21", 3)
    await wait_for(lambda: log.types == ["press", "release"])

    state = hass.states.get("event.scenario_control_21_button_3")
    assert state is not None
    assert state.attributes["device_class"] == "button"
    assert state.attributes["event_types"] == ["press", "long_press", "release"]
    assert log.buttons == [3, 3]


async def test_long_cen_press_fires_one_long_press_however_long_it_is_held(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    log = EventLog(hass, "event.scenario_control_21_button_5")

    await gateway.press_button("21", 5, long=True, repeats=3)
    await wait_for(lambda: log.types[-1:] == ["release"])

    assert log.types == ["press", "long_press", "release"]


async def test_each_button_of_a_control_fires_only_its_own_entity(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    three = EventLog(hass, "event.scenario_control_21_button_3")
    four = EventLog(hass, "event.scenario_control_21_button_4")

    await gateway.press_button("21", 3)
    await gateway.press_button("21", 4)
    await gateway.press_button("21", 3)
    await wait_for(lambda: len(three.types) == 4 and len(four.types) == 2)

    assert three.buttons == [3, 3, 3, 3]
    assert four.buttons == [4, 4]


async def test_cen_plus_short_and_long_presses(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    log = EventLog(hass, "event.cen_scenario_123_button_7")

    await gateway.press_button("2123", 7)
    await wait_for(lambda: log.types == ["press"])
    await gateway.press_button("2123", 7, long=True, repeats=2)
    await wait_for(lambda: len(log.types) == 3)

    assert log.types == ["press", "long_press", "release"]


async def test_buttons_heard_before_are_back_after_a_reload_before_any_press(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    log = EventLog(hass, "event.scenario_control_21_button_9")
    await gateway.press_button("21", 9)
    await wait_for(lambda: log.types == ["press", "release"])
    pressed_at = state_of(hass, "event.scenario_control_21_button_9")

    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()

    # Available again at once, showing the last press from before the reload.
    assert state_of(hass, "event.scenario_control_21_button_9") == pressed_at
    unique_ids = {
        entity.unique_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), loaded_entry.entry_id
        )
        if entity.domain == "event"
    }
    assert unique_ids == {"00:03:50:a1:b2:c3-15-21-button-9"}


async def test_a_disabled_button_keeps_none_of_its_presses(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    """Its entity is never added: presses are not held for it, however many."""
    entity_id = "event.scenario_control_21_button_2"
    await gateway.press_button("21", 2)
    await wait_for(lambda: hass.states.get(entity_id) is not None)
    er.async_get(hass).async_update_entity(
        entity_id, disabled_by=er.RegistryEntryDisabler.USER
    )
    made: list[ButtonEvent] = []
    original_init = ButtonEvent.__init__

    def remember_made(entity: ButtonEvent, *args: Any) -> None:
        original_init(entity, *args)
        made.append(entity)

    with patch.object(ButtonEvent, "__init__", remember_made):
        assert await hass.config_entries.async_reload(loaded_entry.entry_id)
        await hass.async_block_till_done()
    for _ in range(5):
        await gateway.press_button("21", 2)
    await gateway.press_button("21", 3)  # heard after the presses of 2
    await wait_for(lambda: hass.states.get("event.scenario_control_21_button_3"))

    assert hass.states.get(entity_id) is None
    (button_2,) = (entity for entity in made if entity.button == 2)
    assert button_2.hass is None
    assert not button_2._early_presses
