"""The sample house as Home Assistant shows it: devices, entities, first states.

The simulator's installation is deterministic, so each platform's snapshot
(``snapshot_platform``) holds every entity's registry entry and state as read
from the sweeps. Two values depend on time and are pinned: the gateway's
uptime and Home Assistant's clock, for the *Last restart* sensor.
"""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from unittest.mock import patch

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    snapshot_platform,
)
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.myhome import sensor as myhome_sensor
from custom_components.onewire_own.myhome.setup import PLATFORMS
from simulator.openwebnet import GatewaySimulator
from simulator.openwebnet.gateway_info import GatewayInfo as SimulatedGatewayInfo

from .conftest import FAST_OPTIONS, SAMPLE_MAC, gateway_entry, state_of, wait_for

NOW = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
UPTIME_S = 3 * 86400 + 3600
SWEPT_DOMAINS = {
    "light",
    "climate",
    "binary_sensor",
    "switch",
    "media_player",
    "select",
    "alarm_control_panel",
}
# Sensors whose value is in a sweep's answer: probes and zone knobs.
SWEPT_SENSORS = {
    "sensor.zone_1_probe_1",
    "sensor.external_probe_5",
    "sensor.zone_1_local_offset",
    "sensor.zone_2_local_offset",
    "sensor.zone_3_local_offset",
}
# Entities that appear at a first report: an earlier run registered these,
# so they are back at setup (unknown until the next report).
HEARD_BEFORE = {
    Platform.EVENT: (
        (f"{SAMPLE_MAC}-15-21-button-3", "scenario_control_21_button_3"),
        (f"{SAMPLE_MAC}-0-05-scenario", "scenario_module_05"),
        (f"{SAMPLE_MAC}-17-3-scene", "scene_3"),
        (f"{SAMPLE_MAC}-8-73-doorbell", "entrance_panel_73_doorbell"),
        (f"{SAMPLE_MAC}-8-74-call", "handset_74_incoming_call"),
    ),
    Platform.BINARY_SENSOR: ((f"{SAMPLE_MAC}-1-13-motion", "light_13_motion"),),
    Platform.BUTTON: (
        (f"{SAMPLE_MAC}-8-73-open_door", "entrance_panel_73_open_door"),
        (f"{SAMPLE_MAC}-8-73-staircase_light", "entrance_panel_73_staircase_light"),
    ),
}
# The lock platform shows the points the options name.
OPTIONS = {**FAST_OPTIONS, "actuator_locks": ["12"]}


@pytest.fixture
async def setup_platform(
    hass: HomeAssistant,
    gateway: GatewaySimulator,
    entity_registry: er.EntityRegistry,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Callable[[Platform], Any]]:
    """Load the sample house's entry with only one platform (unloaded after)."""
    monkeypatch.setattr(SimulatedGatewayInfo, "uptime", lambda self: UPTIME_S)
    monkeypatch.setattr(myhome_sensor, "dt_util", SimpleNamespace(utcnow=lambda: NOW))
    entry = gateway_entry(gateway, options=OPTIONS)
    entry.add_to_hass(hass)

    async def setup(platform: Platform) -> MockConfigEntry:
        for unique_id, object_id in HEARD_BEFORE.get(platform, ()):
            entity_registry.async_get_or_create(
                platform,
                DOMAIN,
                unique_id,
                config_entry=entry,
                suggested_object_id=object_id,
            )
        with patch("custom_components.onewire_own.myhome.setup.PLATFORMS", [platform]):
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done(wait_background_tasks=True)
        return entry

    yield setup
    with patch("custom_components.onewire_own.myhome.setup.PLATFORMS", []):
        await hass.config_entries.async_unload(entry.entry_id)


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_each_platform_of_the_sample_house(
    hass: HomeAssistant,
    setup_platform: Callable[[Platform], Any],
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    platform: Platform,
) -> None:
    entry = await setup_platform(platform)
    if platform is Platform.SENSOR:
        # Active power is pushed once the meter is found and its push enabled.
        await wait_for(
            lambda: state_of(hass, "sensor.energy_meter_51_power") != STATE_UNKNOWN
        )
    await snapshot_platform(hass, entity_registry, snapshot, entry.entry_id)


async def test_every_item_device_hangs_below_the_gateway(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    devices = dr.async_entries_for_config_entry(device_registry, loaded_entry.entry_id)
    hub = device_registry.async_get_device_by_identifier(
        (DOMAIN, SAMPLE_MAC), loaded_entry.entry_id
    )
    assert hub is not None
    assert hub.via_device_id is None
    assert {device.via_device_id for device in devices if device != hub} == {hub.id}
    for device in sorted(devices, key=lambda device: sorted(device.identifiers)):
        (_, identifier), *_ = sorted(device.identifiers)
        assert device == snapshot(name=identifier)


async def test_every_swept_entity_has_its_state_right_after_setup(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    entity_registry: er.EntityRegistry,
) -> None:
    # Lights, zones, probes, contacts, aux channels, advanced shutters, the
    # central unit and the sound system are swept; buttons have no state
    # before a press, a basic shutter no position before a full travel, and
    # power is pushed once the meter is found. The light sets are disabled
    # until the user enables them.
    swept = [
        entity.entity_id
        for entity in er.async_entries_for_config_entry(
            entity_registry, loaded_entry.entry_id
        )
        if (
            entity.domain in SWEPT_DOMAINS
            or entity.entity_id in {"cover.shutter_22", *SWEPT_SENSORS}
        )
        and not entity.disabled
    ]
    # Main's 26, and the alarm: its panel, its 4 diagnostic sensors and 3
    # sensors for each of its 8 zones.
    assert len(swept) == 26 + 1 + 4 + 3 * 8
    assert [
        entity_id
        for entity_id in swept
        if state_of(hass, entity_id) in (STATE_UNKNOWN, STATE_UNAVAILABLE)
    ] == []
    # Five sweeps, the central unit's status and the later sweeps (sound,
    # burglar alarm), not one request per entity, gave those states (sources
    # are then asked whether they are tuners).
    swept_whos = (1, 2, 4, 9, 25)
    assert sum(len(gateway.requests(who)) for who in swept_whos) == 6
    assert [request.build() for request in gateway.requests(5)] == ["*#5*0##"]
    assert [request.build() for request in gateway.requests(16)] == [
        "*#16*0*5##",
        "*#16*101*7##",
        "*#16*101*6##",
        "*#16*101*8##",
        "*#16*102*7##",
    ]


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
