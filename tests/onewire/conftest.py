"""Fixtures of the 1-Wire tests: a real owserver with every family we support."""

from collections.abc import AsyncGenerator, Generator
from unittest.mock import PropertyMock, patch

from homeassistant.const import CONF_HOST, CONF_PORT
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind

from ..peers.owserver import OwserverProcess

# Every family Home Assistant core's onewire supports that the fake adapter
# emulates, the DS2401 id chip, a DS2409 coupler, and two families (1B, 2C)
# that only get entities generated from /structure.
ALL_FAMILIES = (
    "01", "05", "10", "12", "1D", "1F", "20", "22", "26", "28", "29", "30",
    "3A", "3B", "42", "7E", "EF", "A6", "1B", "2C",
)  # fmt: skip


# Fixed, so that the hub device's identifier (owserver_<entry id>) is stable.
ENTRY_ID = "01JOWSERVERTESTENTRY00000"


@pytest.fixture
def bus(socket_enabled: None) -> Generator[OwserverProcess]:
    """A real owserver serving every family, on a free port; stopped afterwards."""
    with OwserverProcess(fake=ALL_FAMILIES) as server:
        yield server


@pytest.fixture
def tester_bus(socket_enabled: None) -> Generator[OwserverProcess]:
    """A real owserver whose tester adapter gives every family fixed ids and values.

    The fake adapter invents values on every read; the tester's are derived
    from the device and attribute, so snapshots can hold them.
    """
    with OwserverProcess(tester=ALL_FAMILIES) as server:
        yield server


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots through Home Assistant's serializer (registry entries, states).

    The harness defines the same fixture, but syrupy's own plugin, loaded
    after it, takes precedence.
    """
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def entity_registry_enabled_by_default() -> Generator[None]:
    """Every entity is created enabled (as Home Assistant core's tests do)."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        return_value=True,
        new_callable=PropertyMock,
    ):
        yield


def entry_at(
    host: str,
    port: int,
    *,
    title: str | None = None,
    entry_id: str | None = None,
    options: dict[str, object] | None = None,
) -> MockConfigEntry:
    """A config entry for the owserver at host:port, as the config flow makes it."""
    return MockConfigEntry(
        domain=DOMAIN,
        entry_id=entry_id,
        title=title or f"owserver {host}:{port}",
        unique_id=f"{host}:{port}",
        data={CONF_KIND: EntryKind.OWSERVER, CONF_HOST: host, CONF_PORT: port},
        options=options or {},
    )


def owserver_entry(
    server: OwserverProcess,
    options: dict[str, object] | None = None,
    title: str | None = None,
) -> MockConfigEntry:
    """The config entry (with a fixed id) for the given owserver."""
    return entry_at(
        server.host, server.port, title=title, entry_id=ENTRY_ID, options=options
    )


@pytest.fixture
async def loaded_entry(
    hass: HomeAssistant, bus: OwserverProcess
) -> AsyncGenerator[MockConfigEntry]:
    """An owserver entry set up against the bus, unloaded afterwards."""
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
