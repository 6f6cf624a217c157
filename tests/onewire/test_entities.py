"""Entities and devices of a fake bus with every supported family.

The fake adapter returns random values, so the snapshots hold what an entity
is (name, class, unit, category, enabled or not, device) and whether it has a
value, never the value itself.
"""

from typing import Any

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.owfs import DeviceLocated

from ..peers.owserver import OwserverProcess


def _devices(hass: HomeAssistant, entry: MockConfigEntry) -> list[dict[str, Any]]:
    registry = dr.async_get(hass)
    entries = dr.async_entries_for_config_entry(registry, entry.entry_id)
    names = {device.id: device.name for device in entries}
    return sorted(
        (
            {
                "identifiers": sorted(device.identifiers),
                "name": device.name,
                "manufacturer": device.manufacturer,
                "model": device.model,
                "serial_number": device.serial_number,
                "sw_version": device.sw_version,
                "via": names.get(device.via_device_id)
                if device.via_device_id
                else None,
            }
            for device in entries
        ),
        key=lambda device: str(device["identifiers"]),
    )


def _entities(hass: HomeAssistant, entry: MockConfigEntry) -> list[dict[str, Any]]:
    registry = er.async_get(hass)
    devices = dr.async_get(hass)
    rows = []
    for entity in er.async_entries_for_config_entry(registry, entry.entry_id):
        state = hass.states.get(entity.entity_id)
        device = devices.async_get(entity.device_id) if entity.device_id else None
        rows.append(
            {
                "entity_id": entity.entity_id,
                "unique_id": entity.unique_id,
                "device": device.name if device else None,
                "name": state.name if state else entity.original_name,
                "device_class": entity.original_device_class,
                "unit": entity.unit_of_measurement,
                "state_class": (entity.capabilities or {}).get("state_class"),
                "options": (entity.capabilities or {}).get("options"),
                "category": entity.entity_category,
                "disabled_by": entity.disabled_by,
                "translation_key": entity.translation_key,
                "has_state": state is not None
                and state.state not in (STATE_UNAVAILABLE, STATE_UNKNOWN),
            }
        )
    return sorted(rows, key=lambda row: row["entity_id"])


async def test_every_family_gets_its_entities_and_devices(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    bus: OwserverProcess,
    snapshot: SnapshotAssertion,
) -> None:
    devices = _devices(hass, loaded_entry)
    hub = devices[-1]
    assert hub["name"] == f"owserver {bus.host}:{bus.port}"
    hub["name"] = "owserver"
    for device in devices:
        if device["name"][:2] in ("7E", "EF"):
            # The fake adapter makes up a random model name for EDS and HobbyBoards.
            device["model"] = "random"
        if device["via"] == f"owserver {bus.host}:{bus.port}":
            device["via"] = "owserver"
    assert devices == snapshot(name="devices")
    assert _entities(hass, loaded_entry) == snapshot(name="entities")


async def test_every_entity_shows_a_value_once_enabled(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    registry = er.async_get(hass)
    for entity in er.async_entries_for_config_entry(registry, loaded_entry.entry_id):
        registry.async_update_entity(entity.entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    without_value = [
        row["entity_id"]
        for row in _entities(hass, loaded_entry)
        if not row["has_state"]
    ]
    # The fake DS18B20 reports a random tempres (say 25), which is no resolution:
    # the select shows unknown rather than a value it cannot hold.
    assert without_value == ["select.28_54110e827441_temperature_resolution"]


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
