"""Options of a gateway entry: connection tuning and per-item choices.

Items are not named here (the device registry renames them); every label of
the forms comes from the translations.
"""

from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import DOMAIN
from simulator.openwebnet import GatewaySimulator

from .conftest import FAST_OPTIONS, SAMPLE_MAC, gateway_entry, state_of, wait_for


async def test_connection_options_are_saved_and_the_entry_reloads(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == [
        "gateway_connection",
        "gateway_light",
        "gateway_light_group",
        "gateway_shutter",
        "gateway_alarm",
        "gateway_locks",
    ]

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
            "bus_events": True,
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert loaded_entry.options == {
        "command_sessions": 2,
        "pacing_ms": 20,
        "keepalive_s": 60,
        "discovery_sweeps": False,
        "bus_events": True,
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


async def _item_form(
    hass: HomeAssistant, entry: MockConfigEntry, menu: str, item: str
) -> dict[str, Any]:
    """Open the menu entry and choose the item; return the item's form."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": menu}
    )
    assert result["step_id"] == menu
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"item": item}
    )
    assert result["step_id"] == f"{menu}_options"
    return result


def picker_labels(result: dict[str, Any]) -> dict[str, str]:
    return {
        option["value"]: option["label"]
        for option in result["data_schema"].schema["item"].config["options"]
    }


async def test_items_are_listed_by_their_bus_address_only(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    lights = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_light"}
    )
    # Numbers, not English: the field name and the title are translated.
    assert picker_labels(lights) == {
        "1-0015": "0015",
        "1-11": "11",
        "1-12": "12",
        "1-13": "13",
        "1-14": "14",
        "1-21#4#01": "21#4#01",
    }

    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    shutters = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_shutter"}
    )
    # Shutter 22 reports its position: it needs no travel time.
    assert picker_labels(shutters) == {"2-21": "21"}


async def show_point_as(
    hass: HomeAssistant, entry: MockConfigEntry, key: str, kind: str
) -> None:
    result = await _item_form(hass, entry, "gateway_light", key)
    await hass.config_entries.options.async_configure(result["flow_id"], {"as": kind})
    await hass.async_block_till_done()


async def test_a_light_point_shown_as_a_switch_and_back(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    result = await _item_form(hass, loaded_entry, "gateway_light", "1-12")
    assert set(result["data_schema"].schema) == {"as"}
    assert result["description_placeholders"] == {"where": "12"}

    await show_point_as(hass, loaded_entry, "1-12", "switch")

    assert loaded_entry.options["items"] == {"1-12": {"as": "switch"}}
    # The light is gone for good (not left unavailable in the registry).
    assert entity_registry.async_get("light.light_12") is None
    assert state_of(hass, "switch.light_12") == "on"

    await show_point_as(hass, loaded_entry, "1-12", "light")

    assert entity_registry.async_get("switch.light_12") is None
    assert state_of(hass, "light.light_12") == "on"


async def test_a_basic_shutter_gets_its_travel_time(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await _item_form(hass, loaded_entry, "gateway_shutter", "2-21")
    assert set(result["data_schema"].schema) == {"travel_time_s"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"travel_time_s": 18.5}
    )
    await hass.async_block_till_done()

    assert loaded_entry.options["items"] == {"2-21": {"travel_time_s": 18.5}}
    shutter = loaded_entry.runtime_data.gateway.items[(2, "21")]
    assert shutter.travel_time_up == shutter.travel_time_down == 18.5


async def test_names_given_in_older_options_become_the_devices_names(
    hass: HomeAssistant,
    gateway: GatewaySimulator,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    entry = gateway_entry(
        gateway,
        options={
            **FAST_OPTIONS,
            "items": {
                "4-1": {"name": "Living room"},
                "1-12": {"name": "Kitchen fan", "as": "switch"},
                "1-11": {"name": "Hall"},
            },
        },
    )
    entry.add_to_hass(hass)
    # Devices of an earlier run; the user has renamed light 11 since.
    for key in ("4-1", "1-12", "1-11"):
        device_registry.async_get_or_create(
            config_entry_id=entry.entry_id,
            identifiers={(DOMAIN, f"{SAMPLE_MAC}-{key}")},
        )
    hall = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{SAMPLE_MAC}-1-11"), entry.entry_id
    )
    assert hall is not None
    device_registry.async_update_device(hall.id, name_by_user="Entrance")

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.minor_version == 2
    assert entry.options["items"] == {"1-12": {"as": "switch"}}
    names = {
        key: device.name_by_user
        for key in ("4-1", "1-12", "1-11")
        if (
            device := device_registry.async_get_device_by_identifier(
                (DOMAIN, f"{SAMPLE_MAC}-{key}"), entry.entry_id
            )
        )
    }
    assert names == {"4-1": "Living room", "1-12": "Kitchen fan", "1-11": "Entrance"}
    zone = entity_registry.async_get_entity_id(
        "climate", DOMAIN, f"{SAMPLE_MAC}-4-1-climate"
    )
    assert zone is not None
    state = hass.states.get(zone)
    assert state is not None
    assert state.attributes["friendly_name"] == "Living room"
    await hass.config_entries.async_unload(entry.entry_id)


async def _group_form(
    hass: HomeAssistant, entry: MockConfigEntry, group: str
) -> dict[str, Any]:
    """Open the light groups entry and pick (or type) a group; return the next form."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_light_group"}
    )
    assert result["step_id"] == "gateway_light_group"
    return await hass.config_entries.options.async_configure(
        result["flow_id"], {"group": group}
    )


def choices(result: dict[str, Any], field: str) -> list[str]:
    return list(result["data_schema"].schema[field].config["options"])


async def test_a_light_group_gets_its_members(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    entity_registry: er.EntityRegistry,
) -> None:
    await gateway.emit("*1*1*#9##")  # a group the bus used
    await wait_for(lambda: (1, "#9") in loaded_entry.runtime_data.gateway.items)
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"next_step_id": "gateway_light_group"}
    )
    assert choices(result, "group") == ["9"]

    result = await _group_form(hass, loaded_entry, " 1 ")
    assert result["step_id"] == "gateway_light_group_members"
    assert result["description_placeholders"] == {"group": "1"}
    # The lights of the main bus (the group's), by address only.
    assert choices(result, "members") == ["0015", "11", "12", "13", "14"]
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"members": ["14", "13"]}
    )
    await hass.async_block_till_done()

    assert loaded_entry.options["items"] == {"1-#1": {"members": ["13", "14"]}}
    gateway_items = loaded_entry.runtime_data.gateway.items
    assert gateway_items[(1, "13")].groups == (1,)
    assert gateway_items[(1, "11")].groups == ()
    group = entity_registry.async_get("light.light_group_1")
    assert group is not None
    assert group.disabled_by is er.RegistryEntryDisabler.INTEGRATION

    # Offered again with its members ticked; none ticked forgets them.
    result = await _group_form(hass, loaded_entry, "1")
    assert result["data_schema"]({})["members"] == ["13", "14"]
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"members": []}
    )
    await hass.async_block_till_done()
    assert loaded_entry.options["items"] == {}


async def test_a_local_bus_group_lists_the_lights_of_its_bus(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    result = await _group_form(hass, loaded_entry, "2#4#01")
    assert choices(result, "members") == ["21#4#01"]
    await hass.config_entries.options.async_configure(
        result["flow_id"], {"members": ["21#4#01"]}
    )
    await hass.async_block_till_done()
    assert loaded_entry.runtime_data.gateway.items[(1, "21#4#01")].groups == (2,)


@pytest.mark.parametrize("typed", ["0", "256", "abc", "#3", "3#5"])
async def test_a_light_group_is_a_number_from_1_to_255(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, typed: str
) -> None:
    result = await _group_form(hass, loaded_entry, typed)
    assert result["step_id"] == "gateway_light_group"
    assert result["errors"] == {"group": "invalid_group"}


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
