"""Options of a gateway entry: connection tuning and per-item choices."""

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
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
