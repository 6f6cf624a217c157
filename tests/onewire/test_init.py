"""Setting up and unloading an owserver entry against a real owserver."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest

from custom_components.onewire_own.const import DOMAIN

from ..peers.owserver import OwserverProcess, free_port
from .conftest import ALL_FAMILIES, entry_at, owserver_entry


async def test_entry_loads_and_unloads(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    coordinator = entry.runtime_data
    assert coordinator.connected

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED
    assert not coordinator.connected


async def test_unreachable_owserver_is_retried_later(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    entry = owserver_entry(OwserverProcess(port=free_port()))
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY


async def test_the_setup_retry_reason_says_cannot_connect_once(
    hass: HomeAssistant, socket_enabled: None
) -> None:
    server = OwserverProcess(port=free_port())
    entry = owserver_entry(server)
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert entry.reason is not None
    assert entry.reason.rstrip(".") == (
        f"Cannot connect to owserver at 127.0.0.1:{server.port}"
    )


@pytest.mark.parametrize("same_server", ["another name", "same devices"])
async def test_an_entry_made_twice_for_one_owserver_is_reported_and_not_set_up(
    hass: HomeAssistant,
    bus: OwserverProcess,
    real_name_resolution: None,
    same_server: str,
) -> None:
    """Entries from before the flows refused duplicates: the newer one yields."""
    first = owserver_entry(bus)
    first.add_to_hass(hass)
    assert await hass.config_entries.async_setup(first.entry_id)
    with OwserverProcess(fake=ALL_FAMILIES) as linked:
        second = (
            entry_at("127.1", bus.port)
            if same_server == "another name"
            else entry_at(linked.host, linked.port)
        )
        second.add_to_hass(hass)
        await hass.config_entries.async_setup(second.entry_id)
        await hass.async_block_till_done()

    assert first.state is ConfigEntryState.LOADED
    assert second.state is ConfigEntryState.SETUP_ERROR
    issue_id = f"owserver_duplicate_entry_{second.entry_id}"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_placeholders == {
        "title": second.title,
        "original": first.title,
    }
    entities = er.async_entries_for_config_entry(er.async_get(hass), second.entry_id)
    assert entities == []

    await hass.config_entries.async_remove(second.entry_id)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None
    await hass.config_entries.async_unload(first.entry_id)


async def test_two_owservers_with_other_devices_are_no_duplicates(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    first = owserver_entry(bus)
    first.add_to_hass(hass)
    assert await hass.config_entries.async_setup(first.entry_id)
    with OwserverProcess(fake=["3B", "3B"]) as other:
        second = entry_at(other.host, other.port)
        second.add_to_hass(hass)
        assert await hass.config_entries.async_setup(second.entry_id)
        await hass.async_block_till_done()
        assert second.state is ConfigEntryState.LOADED
        assert ir.async_get(hass).issues == {}
        await hass.config_entries.async_unload(second.entry_id)
    await hass.config_entries.async_unload(first.entry_id)
