"""Setting up a gateway entry: sessions, sweeps, devices, unload, retry, reauth."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.openwebnet.lockout import guard_for
from simulator.openwebnet import GatewaySimulator

from .conftest import SAMPLE_MAC, gateway_entry


async def test_entry_loads_with_the_gateway_as_hub_device_and_unloads(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED

    hub = dr.async_get(hass).async_get_device_by_identifier(
        (DOMAIN, SAMPLE_MAC), entry.entry_id
    )
    assert hub is not None
    assert hub.manufacturer == "BTicino S.p.A."
    assert hub.model == "F454/MH202"
    assert hub.sw_version == "2.0.51"
    assert (dr.CONNECTION_NETWORK_MAC, SAMPLE_MAC) in hub.connections
    entities = er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
    assert len(entities) > 10

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert gateway.sessions == []


async def test_unreachable_gateway_is_retried_later(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)
    await gateway.stop()

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None
    assert (
        f"Cannot reach the MyHOME gateway at 127.0.0.1:{gateway.port}" in entry.reason
    )


async def test_setup_after_two_failed_logins_waits_instead_of_risking_a_lockout(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    guard = guard_for(gateway.host, gateway.port)
    guard.failed()
    guard.failed()
    entry = gateway_entry(gateway)
    entry.add_to_hass(hass)

    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert hass.config_entries.flow.async_progress() == []  # no reauth
    assert gateway.counters.failed_logins == 0


async def test_user_may_delete_an_item_device_but_not_the_gateway(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    loaded_entry: MockConfigEntry,
) -> None:
    assert await async_setup_component(hass, "config", {})
    registry = dr.async_get(hass)
    hub = registry.async_get_device_by_identifier(
        (DOMAIN, SAMPLE_MAC), loaded_entry.entry_id
    )
    light = registry.async_get_device_by_identifier(
        (DOMAIN, f"{SAMPLE_MAC}-1-11"), loaded_entry.entry_id
    )
    assert hub is not None
    assert light is not None
    client = await hass_ws_client(hass)

    for device, removable in ((hub, False), (light, True)):
        await client.send_json_auto_id(
            {
                "type": "config/device_registry/remove_config_entry",
                "config_entry_id": loaded_entry.entry_id,
                "device_id": device.id,
            }
        )
        response = await client.receive_json()
        assert response["success"] is removable

    assert hass.states.get("light.light_11") is None
