"""Setting up and unloading an owserver entry against a real owserver."""

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from .peers.owserver import OwserverProcess, free_port


def _entry(host: str, port: int) -> MockConfigEntry:
    return MockConfigEntry(
        domain=DOMAIN,
        data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: host, CONF_PORT: port},
    )


async def test_entry_loads_and_unloads(
    hass: HomeAssistant, owserver: OwserverProcess
) -> None:
    entry = _entry(owserver.host, owserver.port)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.NOT_LOADED


async def test_unreachable_owserver_is_retried_later(
    hass: HomeAssistant, owserver: OwserverProcess
) -> None:
    entry = _entry("127.0.0.1", free_port())
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
