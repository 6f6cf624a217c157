"""Entities and devices of a bus with every supported family.

The snapshots hold every entity of each platform (registry entry and state)
and every device, on owserver's tester adapter, whose ids and values are
fixed. The other tests run on the fake adapter, which invents a value on
every read.
"""

from unittest.mock import patch

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.owfs import DeviceLocated

from ..peers.owserver import OwserverProcess
from .conftest import owserver_entry


async def _set_up(
    hass: HomeAssistant, server: OwserverProcess, platforms: list[Platform]
) -> MockConfigEntry:
    entry = owserver_entry(server, title="owserver")
    entry.add_to_hass(hass)
    with patch("custom_components.onewire_own.onewire.setup.PLATFORMS", platforms):
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    return entry


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize(
    "platform",
    [Platform.BINARY_SENSOR, Platform.SELECT, Platform.SENSOR, Platform.SWITCH],
)
async def test_every_entity_of_every_family(
    hass: HomeAssistant,
    tester_bus: OwserverProcess,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    entry = await _set_up(hass, tester_bus, [platform])
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_which_entities_are_enabled_by_default(
    hass: HomeAssistant,
    tester_bus: OwserverProcess,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    """Core's onewire choices: main values on, raw and secondary ones off."""
    entry = await _set_up(
        hass,
        tester_bus,
        [Platform.BINARY_SENSOR, Platform.SELECT, Platform.SENSOR, Platform.SWITCH],
    )
    entities = er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    assert {
        "enabled": sorted(e.entity_id for e in entities if e.disabled_by is None),
        "disabled": sorted(e.entity_id for e in entities if e.disabled_by),
    } == snapshot


async def test_every_family_gets_its_device_under_the_owserver(
    hass: HomeAssistant,
    tester_bus: OwserverProcess,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    entry = await _set_up(hass, tester_bus, [])
    devices = sorted(
        dr.async_entries_for_config_entry(device_registry, entry.entry_id),
        key=lambda device: sorted(device.identifiers),
    )
    for device in devices:
        assert device == snapshot(name=device.name)
    hub = device_registry.async_get_device_by_identifier(
        (DOMAIN, f"owserver_{entry.entry_id}"), entry.entry_id
    )
    assert hub is not None
    assert hub.via_device_id is None
    assert all(
        device.via_device_id == hub.id for device in devices if device is not hub
    )


def _without_value(hass: HomeAssistant, entry: MockConfigEntry) -> list[str]:
    return sorted(
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            er.async_get(hass), entry.entry_id
        )
        if (state := hass.states.get(entity.entity_id)) is None
        or state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN)
    )


async def test_every_entity_shows_a_value_once_enabled(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(registry, loaded_entry.entry_id):
        registry.async_update_entity(entity.entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    without_value = _without_value(hass, loaded_entry)
    # The fake DS18B20 reports a random tempres (say 25), which is mostly no
    # resolution: the select then shows unknown rather than a value it cannot
    # hold (and a value when the draw happens to be 9..12).
    assert set(without_value) <= {"select.28_54110e827441_temperature_resolution"}


async def test_entity_names_are_translated(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    state = hass.states.get("sensor.1d_765a2e63339f_counter_a")
    assert state is not None
    assert state.name == "1D.765A2E63339F Counter A"
    assert hass.states.get("binary_sensor.01_67c6697351ff_present") is not None


async def test_unique_ids_do_not_depend_on_the_chosen_precision(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    from .conftest import owserver_entry

    entry = owserver_entry(bus, options={"precision": {"28.54110E827441": "10"}})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    registry = er.async_get(hass)
    assert registry.async_get_entity_id("sensor", DOMAIN, "28.54110E827441_temperature")
    assert entry.runtime_data.data.value("28.54110E827441", "temperature10") is not None
    await hass.config_entries.async_unload(entry.entry_id)


async def test_a_device_behind_a_coupler_hangs_under_the_coupler(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """The fake lists every device on bus.0 first, so nothing starts behind the
    DS2409; moving one onto its main branch in the engine's model (what a scan
    does on a real coupler) must re-parent the device in the registry."""
    coordinator = loaded_entry.runtime_data
    branch = next(bus for bus in coordinator.server.buses if bus.coupler is not None)
    assert branch.coupler is not None
    device = coordinator.owfs.devices["10.F2FBE3467CC2"]
    device.locate(branch)
    coordinator.owfs.push_event(DeviceLocated(device))

    registry = dr.async_get(hass)
    coupler = registry.async_get_device_by_identifier(
        (DOMAIN, branch.coupler.id), loaded_entry.entry_id
    )
    moved = registry.async_get_device_by_identifier(
        (DOMAIN, "10.F2FBE3467CC2"), loaded_entry.entry_id
    )
    assert coupler is not None
    assert moved is not None
    assert moved.via_device_id == coupler.id
