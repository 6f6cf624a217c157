"""Scenario modules, programmed scenes and virtual button presses in Home Assistant.

The sample house has scenario module 05 (an F420) and scene 3 of a scenario
programmer. Neither can be swept: each becomes an event entity when the bus
first mentions it, and that first event fires on it.
"""

import dataclasses
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.myhome import event as myhome_event
from custom_components.onewire_own.openwebnet.items import buttons
from simulator.openwebnet import PROFILES, GatewaySimulator

from ..test_readme import readme_automations
from .conftest import LoadEntry, gateway_entry, state_of, wait_for

MODULE = "event.scenario_module_05"
SCENE = "event.scene_3"


class Fired:
    """The event types (and data) an event entity fired, in order."""

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self.types: list[str] = []
        self.scenarios: list[int | None] = []

        @callback
        def fired(event: Event) -> None:
            state = event.data["new_state"]
            if state is not None and state.attributes.get("event_type"):
                self.types.append(state.attributes["event_type"])
                self.scenarios.append(state.attributes.get("scenario"))

        async_track_state_change_event(hass, entity_id, fired)


async def test_a_scenario_module_event_fires_its_entity(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    fired = Fired(hass, MODULE)
    assert hass.states.get(MODULE) is None  # never heard yet

    await gateway.run_scenario("05", 3)
    await wait_for(lambda: fired.types == ["scenario_3"])
    await gateway.run_scenario("05", 16)
    await gateway.emit("*0*40#2*05##", "*0*43*05##")
    await wait_for(lambda: len(fired.types) == 4)

    assert fired.types == ["scenario_3", "scenario_16", "recording_started", "locked"]
    assert fired.scenarios == [3, 16, 2, None]
    state = hass.states.get(MODULE)
    assert state is not None
    assert state.attributes["friendly_name"] == "Scenario module 05"


async def test_a_module_entity_added_late_still_fires_the_event_that_revealed_it(
    hass: HomeAssistant,
    gateway: GatewaySimulator,
    load_entry: LoadEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Entities added a moment after they are made (Home Assistant may do so).
    setup = myhome_event.async_setup_item_entities

    def later(entry: Any, add: Any, descriptions: Any, entity_class: Any) -> None:
        def add_later(entities: list[Any]) -> None:
            hass.loop.call_soon(add, entities)

        setup(entry, add_later, descriptions, entity_class)

    monkeypatch.setattr(myhome_event, "async_setup_item_entities", later)
    await load_entry()
    fired = Fired(hass, MODULE)

    await gateway.run_scenario("05", 9)
    await wait_for(lambda: fired.types == ["scenario_9"])


async def test_scene_programming_starts_and_stops_fire_events(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    fired = Fired(hass, SCENE)
    await gateway.operate_scene(3, "1")
    await wait_for(lambda: fired.types == ["started"])
    for what in ("2", "4", "3"):
        await gateway.operate_scene(3, what)
    await wait_for(lambda: len(fired.types) == 4)
    assert fired.types == ["started", "stopped", "disabled", "enabled"]


async def test_modules_and_scenes_heard_before_are_back_after_a_reload(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    await gateway.run_scenario("05", 1)
    await gateway.operate_scene(3, "1")
    await wait_for(lambda: hass.states.get(SCENE) is not None)
    await wait_for(lambda: hass.states.get(MODULE) is not None)
    fired_at = state_of(hass, MODULE)

    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, MODULE) == fired_at
    assert hass.states.get(SCENE) is not None


@pytest.fixture
def no_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long presses without the half-second pauses of a held button."""
    monkeypatch.setattr(buttons, "HOLD_REPEAT_S", 0)


async def press(hass: HomeAssistant, entry: MockConfigEntry, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN,
        "virtual_press",
        {"config_entry_id": entry.entry_id, **data},
        blocking=True,
    )


async def test_a_virtual_cen_press_is_a_real_short_press(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    fired = Fired(hass, "event.scenario_control_21_button_3")
    await press(hass, loaded_entry, kind="cen", address="21", button=3)

    assert [request.build() for request in gateway.requests(15)] == [
        "*15*03*21##",
        "*15*03#1*21##",
    ]
    # The gateway echoes the press: the button's own entity fires it.
    await wait_for(lambda: fired.types == ["press", "release"])


@pytest.mark.usefixtures("no_hold")
async def test_a_virtual_long_cen_plus_press(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    fired = Fired(hass, "event.cen_scenario_123_button_7")
    await press(
        hass, loaded_entry, kind="cen_plus", address="123", button=7, press="long"
    )
    # After the contacts' sweep *#25*30## at setup:
    assert [request.build() for request in gateway.requests(25)][1:] == [
        "*25*22#7*2123##",
        "*25*23#7*2123##",
        "*25*24#7*2123##",
    ]
    await wait_for(lambda: fired.types == ["long_press", "release"])


@pytest.mark.parametrize(
    ("kind", "address"),
    [("cen", "2a"), ("cen", "21#4#1"), ("cen_plus", "2048"), ("cen_plus", "3#4#01")],
)
async def test_a_virtual_press_needs_a_control_address(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, kind: str, address: str
) -> None:
    with pytest.raises(ServiceValidationError) as refused:
        await press(hass, loaded_entry, kind=kind, address=address, button=1)
    assert refused.value.translation_key == "invalid_button_address"
    assert refused.value.translation_placeholders == {"address": address}


async def test_a_virtual_press_the_gateway_refuses_is_an_error(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    refusing = dataclasses.replace(
        PROFILES["F454"], unsupported_requests=frozenset({"*15*01*21##"})
    )
    gateway: GatewaySimulator = await start_gateway(profile=refusing)
    entry = gateway_entry(gateway, password="")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)

    with pytest.raises(HomeAssistantError) as refused:
        await press(hass, entry, kind="cen", address="21", button=1)
    assert refused.value.translation_key == "command_refused"
    assert refused.value.translation_placeholders == {"frame": "*15*01*21##"}
    await hass.config_entries.async_unload(entry.entry_id)


async def test_the_readme_scenario_automation_starts_the_kitchen_radio(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    (example,) = [
        automation
        for automation in readme_automations()
        if automation["triggers"][0].get("entity_id") == MODULE
    ]
    assert await async_setup_component(hass, "automation", {"automation": example})
    await load_entry()

    await gateway.run_scenario("05", 2)  # another scenario: nothing
    await gateway.run_scenario("05", 3)

    kitchen = gateway.amplifier("21")
    await wait_for(lambda: kitchen.volume == 9)
    assert kitchen.source == 1
    assert [request.build() for request in gateway.requests(16)][-3:] == [
        "*16*3*121##",
        "*16*3*101##",
        "*#16*21*#1*9##",
    ]
