"""Option "Fire an event for every bus message": onewire_own_message on the bus.

Each frame of the event session becomes one event with the raw frame and its
fields, whether or not an entity shows what it is about.
"""

from typing import Any

from homeassistant.core import Event, HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.onewire_own.myhome.bus_events import message_event_data
from custom_components.onewire_own.openwebnet import ACK, parse_frame
from simulator.openwebnet import GatewaySimulator

from ..test_readme import readme_automations
from .conftest import LoadEntry, wait_for

EVENT = "onewire_own_message"


def messages(events: list[Event], *whos: int) -> list[dict[str, Any]]:
    """The data of the events about these WHOs.

    The gateway also reports what it does meanwhile (its clock, the power).
    """
    return [event.data for event in events if event.data["who"] in whos]


async def test_every_frame_of_the_bus_fires_an_event_with_its_fields(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    entry = await load_entry(bus_events=True)
    events = async_capture_events(hass, EVENT)

    # A light, a probe's temperature, and an alarm frame no entity shows.
    await gateway.emit("*1*1*11##", "*#4*2*0*0175##", "*5*1*#1##")
    await wait_for(lambda: len(messages(events, 1, 4, 5)) == 3)

    assert messages(events, 1, 4, 5) == [
        {
            "config_entry_id": entry.entry_id,
            "frame": "*1*1*11##",
            "who": 1,
            "what": "1",
            "what_params": [],
            "where": "11",
            "dimension": None,
            "values": [],
        },
        {
            "config_entry_id": entry.entry_id,
            "frame": "*#4*2*0*0175##",
            "who": 4,
            "what": None,
            "what_params": [],
            "where": "2",
            "dimension": "0",
            "values": ["0175"],
        },
        {
            "config_entry_id": entry.entry_id,
            "frame": "*5*1*#1##",
            "who": 5,
            "what": "1",
            "what_params": [],
            "where": "#1",
            "dimension": None,
            "values": [],
        },
    ]


async def test_a_button_press_carries_its_what_parameters(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    await load_entry(bus_events=True)
    events = async_capture_events(hass, EVENT)

    await gateway.press_button("21", 4)
    await wait_for(lambda: len(messages(events, 15)) == 2)

    assert [(data["frame"], data["what_params"]) for data in messages(events, 15)] == [
        ("*15*04*21##", []),
        ("*15*04#1*21##", ["1"]),
    ]


async def test_the_readme_alarm_automation_fires_on_an_intrusion_frame(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    (example,) = [
        automation
        for automation in readme_automations()
        if automation["triggers"][0].get("event_type") == EVENT
    ]
    calls = async_capture_events(hass, "readme_example_ran")
    automation = {**example, "actions": [{"event": "readme_example_ran"}]}
    assert await async_setup_component(hass, "automation", {"automation": automation})
    await load_entry(bus_events=True)

    messages_seen = async_capture_events(hass, EVENT)

    # Zone 3 engaged (not an intrusion), then an intrusion alarm in zone 3.
    await gateway.emit("*5*11*#3##", "*5*15*#3##")
    await wait_for(lambda: len(messages(messages_seen, 5)) == 2)
    await hass.async_block_till_done()

    assert len(calls) == 1


async def test_no_events_unless_the_option_is_on(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    events = async_capture_events(hass, EVENT)

    await gateway.emit("*1*1*11##")
    await wait_for(lambda: loaded_entry.runtime_data.gateway.items[(1, "11")].is_on)
    await hass.async_block_till_done()

    assert events == []


def test_acknowledgements_and_requests_are_not_bus_messages() -> None:
    assert message_event_data(ACK) is None
    assert message_event_data(parse_frame("*#1*12##")) is None
