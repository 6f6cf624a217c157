"""Door entry in Home Assistant: a bell press on the simulated entrance panel.

The sample house's garden-gate panel (``73``) rings the kitchen handset
(``74``): the call frame names the handset, then the panel names itself.
The handset's *Incoming call* fires at the ring, the panel's *Doorbell*
once per call; the panel's buttons open the door and switch on the
staircase light.
"""

import dataclasses
from typing import Any

from homeassistant.components.button import DOMAIN as BUTTON_DOMAIN, SERVICE_PRESS
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.event import async_track_state_change_event
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.myhome.event import DOOR_ENTRY_EVENTS
from custom_components.onewire_own.myhome.items import item_device_translation
from custom_components.onewire_own.openwebnet.items import DoorEntryUnit, door_entry
from custom_components.onewire_own.openwebnet.items.base import STATE_CHANGED
from simulator.openwebnet import GatewaySimulator, Installation

from .conftest import SAMPLE_MAC, gateway_entry, state_of, wait_for

DOORBELL = "event.entrance_panel_73_doorbell"
INCOMING_CALL = "event.handset_74_incoming_call"
OPEN_DOOR = "button.entrance_panel_73_open_door"
STAIRCASE_LIGHT = "button.entrance_panel_73_staircase_light"


class Fired:
    """What an event entity fired: (event type, event data) in order."""

    def __init__(self, hass: HomeAssistant, entity_id: str) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

        @callback
        def fired(event: Event) -> None:
            state = event.data["new_state"]
            if state is not None and state.attributes.get("event_type"):
                data = {
                    key: value
                    for key, value in state.attributes.items()
                    if key in ("ring_tone", "audio_only", "handset")
                }
                self.events.append((state.attributes["event_type"], data))

        async_track_state_change_event(hass, entity_id, fired)


@pytest.fixture(autouse=True)
def quick_presses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock and staircase buttons are held 10 ms instead of half a second."""
    monkeypatch.setattr(door_entry, "PRESS_S", 0.01)


async def test_a_bell_press_fires_the_panel_doorbell_once_and_the_handset_call(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    doorbell = Fired(hass, DOORBELL)
    call = Fired(hass, INCOMING_CALL)
    assert hass.states.get(DOORBELL) is None  # no panel before its first call

    await gateway.ring("73")
    await wait_for(lambda: doorbell.events != [] and call.events != [])
    await hass.async_block_till_done()

    # The call was seen before the panel existed: it cannot name the handset.
    assert doorbell.events == [
        ("ring", {"ring_tone": 1, "audio_only": False, "handset": None})
    ]
    assert call.events == [("ring", {"ring_tone": 1, "audio_only": False})]
    state = hass.states.get(DOORBELL)
    assert state is not None
    assert state.attributes["device_class"] == "doorbell"
    assert state.attributes["event_types"] == ["ring"]

    await gateway.hang_up()
    await gateway.ring("73")
    await wait_for(lambda: len(doorbell.events) == 2)
    await hass.async_block_till_done()
    assert doorbell.events[1] == (
        "ring",
        {"ring_tone": 1, "audio_only": False, "handset": "74"},
    )
    assert len(call.events) == 2


async def test_a_panel_that_names_itself_on_answer_rings_then(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    sample = Installation.load("simulator/installations/sample.yaml")
    panel = dataclasses.replace(sample.entrance_panels[0], announces="answer")
    gateway: GatewaySimulator = await start_gateway(
        dataclasses.replace(sample, entrance_panels=(panel,)),
        auth="sha256",
        password="abcde12345",
    )
    entry = gateway_entry(gateway, options={"keepalive_s": 0.4, "pacing_ms": 5})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    call = Fired(hass, INCOMING_CALL)

    await gateway.ring("73")
    await wait_for(lambda: call.events != [])
    assert hass.states.get(DOORBELL) is None

    await gateway.answer_call()
    await wait_for(lambda: hass.states.get(DOORBELL) is not None)
    await hass.config_entries.async_unload(entry.entry_id)


async def test_the_panel_buttons_open_the_door_and_light_the_staircase(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    await gateway.ring("73")
    await wait_for(lambda: hass.states.get(OPEN_DOOR) is not None)

    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {"entity_id": OPEN_DOOR}, blocking=True
    )
    await hass.services.async_call(
        BUTTON_DOMAIN, SERVICE_PRESS, {"entity_id": STAIRCASE_LIGHT}, blocking=True
    )

    panel = gateway.entrance_panel("73")
    assert (panel.door_openings, panel.staircase_switches) == (1, 1)
    assert [request.build() for request in gateway.requests(8)] == [
        "*8*19*73##",
        "*8*20*73##",
        "*8*21*73##",
        "*8*22*73##",
    ]


async def test_a_refused_door_release_is_a_readable_error(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    gateway: GatewaySimulator = await start_gateway(
        auth="sha256", password="abcde12345", profile="MyHOMEServer1"
    )
    entry = gateway_entry(gateway, options={"keepalive_s": 0.4, "pacing_ms": 5})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    # A MyHOMEServer1 relays the call but has no door-entry service.
    await gateway.ring("73")
    await wait_for(lambda: hass.states.get(OPEN_DOOR) is not None)

    with pytest.raises(HomeAssistantError) as refused:
        await hass.services.async_call(
            BUTTON_DOMAIN, SERVICE_PRESS, {"entity_id": OPEN_DOOR}, blocking=True
        )
    assert refused.value.translation_key == "command_refused"
    assert gateway.entrance_panel("73").door_openings == 0
    await hass.config_entries.async_unload(entry.entry_id)


async def test_panels_and_handsets_are_back_after_a_restart_before_any_call(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    device_registry: dr.DeviceRegistry,
) -> None:
    await gateway.ring("73")
    await wait_for(lambda: hass.states.get(OPEN_DOOR) is not None)
    rang_at = state_of(hass, DOORBELL)

    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, DOORBELL) == rang_at
    for entity_id in (INCOMING_CALL, OPEN_DOOR, STAIRCASE_LIGHT):
        assert state_of(hass, entity_id) != "unavailable"
    panel = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{SAMPLE_MAC}-8-73"), loaded_entry.entry_id
    )
    assert panel is not None
    assert panel.name == "Entrance panel 73"
    # And it still rings.
    doorbell = Fired(hass, DOORBELL)
    await gateway.ring("73")
    await wait_for(lambda: len(doorbell.events) == 1)


def test_only_calls_fire_door_entry_events_and_unknown_units_have_a_neutral_name() -> (
    None
):
    for description in DOOR_ENTRY_EVENTS:
        assert description.fire_fn(STATE_CHANGED) is None
    unit = DoorEntryUnit(_NoSender(), "75")
    assert item_device_translation(unit) == ("door_entry_unit", {"where": "75"})


class _NoSender:
    async def send(self, frame: object) -> list[object]:
        raise AssertionError(frame)
