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
    """The data of the events about these WHOs."""
    return [event.data for event in events if event.data["who"] in whos]


def of_frames(events: list[Event], frames: tuple[str, ...]) -> list[dict[str, Any]]:
    """The data of the events of these frames.

    The gateway also says what it does meanwhile (its clock, the power).
    """
    return [event.data for event in events if event.data["frame"] in frames]


def message(frame: str, kind: str, who: int | None, **fields: Any) -> dict[str, Any]:
    """The event data expected for frame: every key, the unset ones empty."""
    return {
        "frame": frame,
        "kind": kind,
        "who": who,
        "what": None,
        "what_params": [],
        "where": None,
        "dimension": None,
        "dimension_params": [],
        "values": [],
        **fields,
    }


async def test_every_frame_of_the_bus_fires_an_event_with_its_fields(
    hass: HomeAssistant, gateway: GatewaySimulator, load_entry: LoadEntry
) -> None:
    entry = await load_entry(bus_events=True)
    events = async_capture_events(hass, EVENT)

    # A light and a probe (systems with entities), an alarm with an empty
    # WHERE, a door entry panel's call without one and with a field after it,
    # the echo of a set point written, a meter's dimension with a parameter,
    # and a frame of no usual shape.
    frames = (
        "*1*1*11##",
        "*#4*2*0*0175##",
        "*5*15*#3##",
        "*5*1*##",
        "*6*9##",
        "*6*9**##",
        "*#4*#2*#14*0210*1##",
        "*#18*51*1200#1*125##",
        "*1##",
    )
    await gateway.emit(*frames)
    await wait_for(lambda: len(of_frames(events, frames)) == len(frames))

    assert {data["config_entry_id"] for data in of_frames(events, frames)} == {
        entry.entry_id
    }
    assert [
        {key: value for key, value in data.items() if key != "config_entry_id"}
        for data in of_frames(events, frames)
    ] == [
        message("*1*1*11##", "command", 1, what="1", where="11"),
        message(
            "*#4*2*0*0175##", "dimension", 4, where="2", dimension="0", values=["0175"]
        ),
        message("*5*15*#3##", "command", 5, what="15", where="#3"),
        message("*5*1*##", "command", 5, what="1", where=""),
        message("*6*9##", "command", 6, what="9"),
        message("*6*9**##", "command", 6, what="9", where="", values=[""]),
        message(
            "*#4*#2*#14*0210*1##",
            "dimension_write",
            4,
            where="#2",
            dimension="14",
            values=["0210", "1"],
        ),
        message(
            "*#18*51*1200#1*125##",
            "dimension",
            18,
            where="51",
            dimension="1200",
            dimension_params=["1"],
            values=["125"],
        ),
        message("*1##", "other", 1, values=["1"]),
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
