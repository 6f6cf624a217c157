"""The sample house as Home Assistant shows it: devices, entities, first states.

The simulator's installation is deterministic, so the snapshot holds every
entity's state and attributes as read from the sweeps (the gateway's uptime
changes with time: only its presence is recorded).
"""

from typing import Any

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from simulator.openwebnet import GatewaySimulator

from .conftest import state_of, wait_for

VOLATILE = {"sensor.myhome_gateway_last_restart"}
SWEPT_DOMAINS = {"light", "climate", "binary_sensor", "switch"}


def devices_of(hass: HomeAssistant, entry: MockConfigEntry) -> list[dict[str, Any]]:
    """Every device of the entry, the hub named by its via link."""
    entries = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    names = {device.id: device.name for device in entries}
    return sorted(
        (
            {
                "identifiers": sorted(device.identifiers),
                "connections": sorted(device.connections),
                "name": device.name,
                "manufacturer": device.manufacturer,
                "model": device.model,
                "sw_version": device.sw_version,
                "via": names.get(device.via_device_id)
                if device.via_device_id
                else None,
            }
            for device in entries
        ),
        key=lambda device: str(device["identifiers"]),
    )


def entities_of(hass: HomeAssistant, entry: MockConfigEntry) -> list[dict[str, Any]]:
    """Every entity of the entry with its registry facts and first state."""
    devices = dr.async_get(hass)
    rows = []
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id):
        state = hass.states.get(entity.entity_id)
        assert state is not None
        device = devices.async_get(entity.device_id) if entity.device_id else None
        volatile = entity.entity_id in VOLATILE
        rows.append(
            {
                "entity_id": entity.entity_id,
                "unique_id": entity.unique_id,
                "device": device.name if device else None,
                "name": state.name,
                "translation_key": entity.translation_key,
                "category": entity.entity_category,
                "state": "<changes>" if volatile else state.state,
                "attributes": {} if volatile else dict(state.attributes),
            }
        )
    return sorted(rows, key=lambda row: row["entity_id"])


async def test_sample_house_devices_and_entities(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    # Active power is pushed once the meter is found and its push enabled.
    await wait_for(lambda: state_of(hass, "sensor.energy_meter_51_power") != "unknown")
    assert devices_of(hass, loaded_entry) == snapshot(name="devices")
    assert entities_of(hass, loaded_entry) == snapshot(name="entities")


async def test_every_swept_entity_has_its_state_right_after_setup(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    # Lights, zones, contacts, aux channels and advanced shutters are swept;
    # buttons have no state before a press, a basic shutter no position
    # before a full travel, and power is pushed once the meter is found.
    swept = [
        row
        for row in entities_of(hass, loaded_entry)
        if row["entity_id"].partition(".")[0] in SWEPT_DOMAINS
        or row["entity_id"] == "cover.shutter_22"
    ]
    assert len(swept) == 12
    assert [
        row["entity_id"]
        for row in swept
        if row["state"] in (STATE_UNKNOWN, STATE_UNAVAILABLE)
    ] == []
    # Five sweeps, not one request per entity, gave those states.
    swept_whos = (1, 2, 4, 9, 25)
    assert sum(len(gateway.requests(who)) for who in swept_whos) == 5


async def test_gateway_restart_time_comes_from_its_uptime(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    started = dt_util.parse_datetime(
        state_of(hass, "sensor.myhome_gateway_last_restart")
    )
    uptime = loaded_entry.runtime_data.gateway.uptime
    assert started is not None
    assert uptime is not None
    assert abs(dt_util.utcnow() - uptime - started).total_seconds() < 60
