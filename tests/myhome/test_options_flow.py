"""Options of a gateway entry: connection tuning and per-item choices."""

from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.openwebnet import GatewaySimulator

from .conftest import FAST_OPTIONS, gateway_entry, state_of


async def test_connection_options_are_saved_and_the_entry_reloads(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["gateway_connection", "gateway_item"]

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_connection"}
    )
    assert result["step_id"] == "gateway_connection"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "command_sessions": 2,
            "pacing_ms": 20,
            "keepalive_s": 60,
            "discovery_sweeps": False,
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert loaded_entry.options == {
        "command_sessions": 2,
        "pacing_ms": 20,
        "keepalive_s": 60,
        "discovery_sweeps": False,
    }
    # Without sweeps the reloaded entry asks the items it already knows.
    assert state_of(hass, "light.light_12") == "on"


async def test_options_of_an_entry_not_loaded_offer_only_the_connection(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["menu_options"] == ["gateway_connection"]


async def _item_form(hass: HomeAssistant, entry: MockConfigEntry, item: str) -> dict:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_item"}
    )
    assert result["step_id"] == "gateway_item"
    labels = {
        option["value"]: option["label"]
        for option in result["data_schema"].schema["item"].config["options"]
    }
    assert labels["1-12"] == "Light 12"
    assert labels["25-301"] == "Contact 01"
    assert "13-" not in labels  # the gateway itself is not an item to configure
    assert "4-#0" not in labels  # nor is the central unit
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"item": item}
    )
    assert result["step_id"] == "gateway_item_options"
    return result


async def test_a_light_point_renamed_and_shown_as_a_switch(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await _item_form(hass, loaded_entry, "1-12")
    assert set(result["data_schema"].schema) == {"name", "as"}
    assert result["description_placeholders"] == {"item": "Light 12"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"name": "Kitchen fan", "as": "switch"}
    )
    await hass.async_block_till_done()

    assert loaded_entry.options["items"] == {
        "1-12": {"name": "Kitchen fan", "as": "switch"}
    }
    assert hass.states.get("light.light_12") is None
    assert state_of(hass, "switch.kitchen_fan") == "on"


async def test_a_basic_shutter_gets_its_travel_time(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await _item_form(hass, loaded_entry, "2-21")
    assert set(result["data_schema"].schema) == {"name", "travel_time_s"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"travel_time_s": 18.5}
    )
    await hass.async_block_till_done()

    assert loaded_entry.options["items"] == {"2-21": {"travel_time_s": 18.5}}
    shutter = loaded_entry.runtime_data.gateway.items[(2, "21")]
    assert shutter.travel_time_up == shutter.travel_time_down == 18.5


async def test_other_items_can_only_be_named(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway, options=FAST_OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    result = await _item_form(hass, entry, "4-1")
    assert set(result["data_schema"].schema) == {"name"}
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"name": "Living room"}
    )
    await hass.async_block_till_done()

    state = hass.states.get("climate.zone_1")
    assert state is not None
    assert state.attributes["friendly_name"] == "Living room"
    await hass.config_entries.async_unload(entry.entry_id)


async def _connection_form(hass: HomeAssistant, entry: MockConfigEntry) -> dict:
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_connection"}
    )


def _connection(command_sessions: int) -> dict[str, object]:
    return {
        "command_sessions": command_sessions,
        "pacing_ms": 150,
        "keepalive_s": 60,
        "discovery_sweeps": True,
    }


async def test_more_command_sessions_than_the_model_holds_are_refused_with_why(
    hass: HomeAssistant, start_gateway: Callable[..., Any]
) -> None:
    sim = await start_gateway(profile="MH200N")
    entry = gateway_entry(sim, options={"keepalive_s": 60})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    result = await _connection_form(hass, entry)
    assert result["description_placeholders"] == {"model": "MH200N", "limit": "1"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _connection(2)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"command_sessions": "above_gateway_limit"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _connection(1)
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["command_sessions"] == 1
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.parametrize(
    ("data", "limit"),
    [
        ({"model": "MH202", "model_id": 200}, 2),  # announced by SSDP: exact
        ({"model_id": 4}, 1),  # an MH200 (or an MH200N): one either way
        ({"model_id": 200}, 4),  # shared code: up to the most any of them holds
        ({}, 4),  # an entry from before the model was stored
    ],
)
async def test_the_limit_of_an_entry_not_loaded_comes_from_what_its_data_says(
    hass: HomeAssistant, gateway: GatewaySimulator, data: dict, limit: int
) -> None:
    entry = gateway_entry(gateway, options={"command_sessions": 3})
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(entry, data={**entry.data, **data})
    result = await _connection_form(hass, entry)
    assert result["description_placeholders"]["limit"] == str(limit)
    offered = next(
        key for key in result["data_schema"].schema if key == "command_sessions"
    )
    assert offered.default() == min(3, limit)  # never a value it would refuse

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _connection(limit + 1 if limit < 4 else limit)
    )
    if limit < 4:
        assert result["errors"] == {"command_sessions": "above_gateway_limit"}
    else:
        assert result["type"] is FlowResultType.CREATE_ENTRY
