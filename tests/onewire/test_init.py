"""Setting up and unloading an owserver entry against a real owserver."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant

from ..peers.owserver import OwserverProcess, free_port
from .conftest import owserver_entry


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
