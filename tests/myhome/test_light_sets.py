"""Areas, groups and the whole bus as lights: one frame switches the set.

Every light brings its area and the whole bus; a group is a light once the
bus mentions it or the user gives it members. All of them are disabled
until the user enables them.
"""

from typing import Any

from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN
from homeassistant.const import SERVICE_TURN_OFF, SERVICE_TURN_ON, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.openwebnet import Command
from simulator.openwebnet import GatewaySimulator, Installation

from .conftest import (
    FAST_OPTIONS,
    SAMPLE_MAC,
    LoadEntry,
    gateway_entry,
    state_of,
    wait_for,
)

GROUP_1 = {"items": {"1-#1": {"members": ["13", "14"]}}}


async def call(hass: HomeAssistant, service: str, entity_id: str) -> None:
    await hass.services.async_call(
        LIGHT_DOMAIN, service, {"entity_id": entity_id}, blocking=True
    )


async def test_sets_are_disabled_until_the_user_enables_them(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    sets = {
        entry.entity_id: entry.disabled_by
        for entry in er.async_entries_for_config_entry(
            entity_registry, loaded_entry.entry_id
        )
        if entry.translation_key == "light_set"
    }
    assert sets == dict.fromkeys(
        [
            "light.all_lights",
            "light.area_1",
            "light.area_0",
            "light.all_lights_of_local_bus_01",
            "light.area_2_of_local_bus_01",
        ],
        er.RegistryEntryDisabler.INTEGRATION,
    )
    area = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"{SAMPLE_MAC}-1-1"), loaded_entry.entry_id
    )
    assert area is not None
    assert area.name == "Area 1"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_an_area_light_turns_three_lights_on_with_one_frame(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    installation = Installation.from_dict(
        {
            "lights": [
                {"where": "31"},
                {"where": "32"},
                {"where": "33", "kind": "dimmer100"},
            ]
        }
    )
    gateway: GatewaySimulator = await start_gateway(installation)
    entry = gateway_entry(gateway, password="", options=FAST_OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert state_of(hass, "light.area_3") == STATE_OFF
    before = len(gateway.requests(1))

    await call(hass, SERVICE_TURN_ON, "light.area_3")

    lights = ("light.light_31", "light.light_32", "light.light_33")
    await wait_for(lambda: all(state_of(hass, light) == STATE_ON for light in lights))
    # One command for the three (a light sweep may follow to check them).
    commands = [r for r in gateway.requests(1)[before:] if isinstance(r, Command)]
    assert [command.build() for command in commands] == ["*1*1*3##"]
    assert all(gateway.light(where).on for where in ("31", "32", "33"))
    assert state_of(hass, "light.area_3") == STATE_ON
    assert hass.states.get("light.area_3").attributes["lights"] == 3  # type: ignore[union-attr]

    # One light off at its keypad: the area is still on; all off: off.
    await gateway.emit("*1*0*31##")
    await wait_for(lambda: state_of(hass, "light.light_31") == STATE_OFF)
    assert state_of(hass, "light.area_3") == STATE_ON
    await call(hass, SERVICE_TURN_OFF, "light.all_lights")
    await wait_for(lambda: state_of(hass, "light.area_3") == STATE_OFF)
    assert not any(gateway.light(where).on for where in ("31", "32", "33"))
    await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_a_group_command_switches_the_lights_set_as_its_members(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry(**GROUP_1)
    assert state_of(hass, "light.light_group_1") == STATE_ON  # 13 is on
    assert state_of(hass, "light.light_13") == STATE_ON

    # A keypad switches group 1 off: the gateway echoes the group frame only.
    await gateway.emit("*1*1000#0*#1##", "*1*0*#1##")
    await wait_for(lambda: state_of(hass, "light.light_13") == STATE_OFF)
    assert state_of(hass, "light.light_14") == STATE_OFF
    assert state_of(hass, "light.light_group_1") == STATE_OFF

    await call(hass, SERVICE_TURN_ON, "light.light_group_1")
    await wait_for(lambda: state_of(hass, "light.light_14") == STATE_ON)
    assert state_of(hass, "light.light_13") == STATE_ON
    assert gateway.light("13").on
    assert gateway.light("14").on
    assert state_of(hass, "light.light_11") == STATE_OFF  # not a member


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_a_group_heard_on_the_bus_becomes_a_light(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry()
    await gateway.emit("*1*1*#9##")
    await wait_for(lambda: hass.states.get("light.light_group_9") is not None)
    # No members known: it shows the last command the group was sent.
    await wait_for(lambda: state_of(hass, "light.light_group_9") == STATE_ON)
    await gateway.emit("*1*0*#9##")
    await wait_for(lambda: state_of(hass, "light.light_group_9") == STATE_OFF)
