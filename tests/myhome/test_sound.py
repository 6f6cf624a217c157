"""The sound system in Home Assistant: zones and sources as media players.

The sample house: zone 11 (WHO 16, on, volume 12), zone 21 (reported on WHO
16 and 22, off, volume 8), both in environments routed to source 1; source 1
a tuner (on), source 2 off. Every state shown comes from the bus: the sweep
at start, then the gateway's reports, whoever changed what.
"""

import logging
from typing import Any

from homeassistant.components.media_player import (
    ATTR_INPUT_SOURCE,
    ATTR_MEDIA_VOLUME_LEVEL,
    ATTR_MEDIA_VOLUME_MUTED,
    DOMAIN as MEDIA_PLAYER_DOMAIN,
    SERVICE_SELECT_SOURCE,
)
from homeassistant.components.media_player.const import MediaPlayerEntityFeature
from homeassistant.const import (
    SERVICE_MEDIA_NEXT_TRACK,
    SERVICE_MEDIA_PREVIOUS_TRACK,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    SERVICE_VOLUME_DOWN,
    SERVICE_VOLUME_MUTE,
    SERVICE_VOLUME_SET,
    SERVICE_VOLUME_UP,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.openwebnet import Frame, OpenWebNetConnectionError
from simulator.openwebnet import GatewaySimulator, Installation

from .conftest import SAMPLE_MAC, LoadEntry, gateway_entry, state_of, wait_for

LIVING = "media_player.sound_zone_11"
KITCHEN = "media_player.sound_zone_21"
RADIO = "media_player.sound_source_1"


def volume_of(hass: HomeAssistant, entity_id: str) -> float | None:
    """The volume shown (shown only while the zone is on)."""
    return attributes(hass, entity_id).get(ATTR_MEDIA_VOLUME_LEVEL)


def exists_with(hass: HomeAssistant, entity_id: str, state: str) -> bool:
    """Whether entity_id exists and is in state."""
    current = hass.states.get(entity_id)
    return current is not None and current.state == state


def attributes(hass: HomeAssistant, entity_id: str) -> dict[str, Any]:
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return dict(state.attributes)


async def call(hass: HomeAssistant, service: str, entity_id: str, **data: Any) -> None:
    await hass.services.async_call(
        MEDIA_PLAYER_DOMAIN, service, {"entity_id": entity_id, **data}, blocking=True
    )


@pytest.mark.usefixtures("loaded_entry")
async def test_zones_and_sources_have_their_state_right_after_setup(
    hass: HomeAssistant,
) -> None:
    assert state_of(hass, LIVING) == STATE_ON
    assert attributes(hass, LIVING)[ATTR_MEDIA_VOLUME_LEVEL] == pytest.approx(12 / 31)
    assert attributes(hass, LIVING)[ATTR_MEDIA_VOLUME_MUTED] is False
    assert attributes(hass, LIVING)["source_list"] == [
        "Sound source 1",
        "Sound source 2",
    ]
    assert state_of(hass, KITCHEN) == STATE_OFF
    assert state_of(hass, RADIO) == STATE_ON
    assert state_of(hass, "media_player.sound_source_2") == STATE_OFF
    features = attributes(hass, LIVING)["supported_features"]
    assert features & MediaPlayerEntityFeature.SELECT_SOURCE
    assert features & MediaPlayerEntityFeature.VOLUME_MUTE


@pytest.mark.usefixtures("loaded_entry")
async def test_a_zone_switches_source_and_volume_from_home_assistant(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await call(
        hass, SERVICE_SELECT_SOURCE, LIVING, **{ATTR_INPUT_SOURCE: "Sound source 2"}
    )
    await call(hass, SERVICE_VOLUME_SET, LIVING, **{ATTR_MEDIA_VOLUME_LEVEL: 0.5})

    await wait_for(
        lambda: attributes(hass, LIVING).get(ATTR_INPUT_SOURCE) == "Sound source 2"
    )
    await wait_for(
        lambda: attributes(hass, LIVING).get(ATTR_MEDIA_VOLUME_LEVEL) == 16 / 31
    )
    living = gateway.amplifier("11")
    assert (living.source, living.volume) == (2, 16)
    # The wall panel's two frames: route environment 1, switch source 2 on.
    assert [request.build() for request in gateway.requests(16)][-3:] == [
        "*16*3*112##",
        "*16*3*102##",
        "*#16*11*#1*16##",
    ]
    assert gateway.source(2).on


@pytest.mark.usefixtures("loaded_entry")
async def test_a_zone_follows_source_and_volume_changed_at_a_wall_panel(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.operate_amplifier("11", source=2, volume=20)

    await wait_for(
        lambda: attributes(hass, LIVING).get(ATTR_INPUT_SOURCE) == "Sound source 2"
    )
    await wait_for(
        lambda: attributes(hass, LIVING).get(ATTR_MEDIA_VOLUME_LEVEL) == 20 / 31
    )
    await gateway.operate_amplifier("11", on=False)
    await wait_for(lambda: state_of(hass, LIVING) == STATE_OFF)


@pytest.mark.usefixtures("loaded_entry")
async def test_power_steps_and_mute_reach_the_amplifier(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    kitchen = gateway.amplifier("21")
    await call(hass, SERVICE_TURN_ON, KITCHEN)
    await wait_for(lambda: state_of(hass, KITCHEN) == STATE_ON)
    assert kitchen.on

    await call(hass, SERVICE_VOLUME_UP, KITCHEN)
    await wait_for(lambda: volume_of(hass, KITCHEN) == 9 / 31)
    assert kitchen.volume == 9
    await call(hass, SERVICE_VOLUME_DOWN, KITCHEN)
    await wait_for(lambda: volume_of(hass, KITCHEN) == 8 / 31)

    await call(hass, SERVICE_VOLUME_MUTE, KITCHEN, **{ATTR_MEDIA_VOLUME_MUTED: True})
    await wait_for(lambda: attributes(hass, KITCHEN)[ATTR_MEDIA_VOLUME_MUTED] is True)
    assert kitchen.volume == 0
    await call(hass, SERVICE_VOLUME_MUTE, KITCHEN, **{ATTR_MEDIA_VOLUME_MUTED: False})
    await wait_for(lambda: attributes(hass, KITCHEN)[ATTR_MEDIA_VOLUME_MUTED] is False)
    assert kitchen.volume == 8

    await call(hass, SERVICE_TURN_OFF, KITCHEN)
    await wait_for(lambda: state_of(hass, KITCHEN) == STATE_OFF)
    assert not kitchen.on


@pytest.mark.usefixtures("loaded_entry")
async def test_an_unknown_source_is_refused(hass: HomeAssistant) -> None:
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, SERVICE_SELECT_SOURCE, KITCHEN, **{ATTR_INPUT_SOURCE: "Vinyl"})
    assert refused.value.translation_key == "unknown_source"


async def test_sources_are_listed_by_the_names_given_to_their_devices(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    registry = dr.async_get(hass)
    device = registry.async_get_device_by_identifier(
        (DOMAIN, f"{SAMPLE_MAC}-16-102"), loaded_entry.entry_id
    )
    assert device is not None
    registry.async_update_device(device.id, name_by_user="Streamer")

    assert attributes(hass, LIVING)["source_list"] == [
        "Sound source 1",
        "Sound source 2",
    ]
    await call(hass, SERVICE_SELECT_SOURCE, LIVING, **{ATTR_INPUT_SOURCE: "Streamer"})
    await wait_for(
        lambda: attributes(hass, LIVING).get(ATTR_INPUT_SOURCE) == "Streamer"
    )
    assert gateway.amplifier("11").source == 2
    assert attributes(hass, LIVING)["source_list"] == ["Sound source 1", "Streamer"]


@pytest.mark.usefixtures("loaded_entry")
async def test_a_tuner_steps_through_its_stations(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    # Sources are asked for a station after the sweep: source 1 has one.
    assert attributes(hass, RADIO)["media_title"] == "KRONEHIT"
    features = attributes(hass, "media_player.sound_source_2")["supported_features"]
    assert not features & MediaPlayerEntityFeature.NEXT_TRACK
    await call(hass, SERVICE_MEDIA_NEXT_TRACK, RADIO)
    await wait_for(lambda: attributes(hass, RADIO).get("media_title") == "FM4")
    assert attributes(hass, RADIO)["media_channel"] == "2"
    assert attributes(hass, RADIO)["media_content_type"] == "channel"
    assert attributes(hass, RADIO)["supported_features"] & (
        MediaPlayerEntityFeature.NEXT_TRACK
    )
    await call(hass, SERVICE_MEDIA_PREVIOUS_TRACK, RADIO)
    await wait_for(lambda: attributes(hass, RADIO).get("media_title") == "KRONEHIT")
    assert gateway.source(1).station == 1

    await call(hass, SERVICE_TURN_OFF, RADIO)
    await wait_for(lambda: state_of(hass, RADIO) == STATE_OFF)
    await call(hass, SERVICE_TURN_ON, RADIO)
    await wait_for(lambda: state_of(hass, RADIO) == STATE_ON)


@pytest.mark.usefixtures("loaded_entry")
async def test_a_tuner_without_rds_shows_its_frequency(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    await gateway.emit("*#16*101*8*32*32*32*32*32*32*32*32##", "*#16*101*6*0*96200##")
    await wait_for(lambda: attributes(hass, RADIO).get("media_title") == "96.20 MHz")


async def test_sound_states_changed_while_disconnected_are_resynced(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    reboot = hass.async_create_task(gateway.reboot(downtime=20.0))
    await wait_for(lambda: state_of(hass, LIVING) == STATE_UNAVAILABLE)
    gateway.amplifier("11").volume = 3
    gateway.amplifier("21").on = True
    await reboot

    await wait_for(lambda: state_of(hass, KITCHEN) == STATE_ON)
    assert volume_of(hass, LIVING) == pytest.approx(3 / 31)


async def test_a_zone_heard_only_on_who_22_is_commanded_on_who_22(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    installation = Installation.from_dict(
        {
            "amplifiers": [{"where": "41", "dialects": [22], "volume": 4}],
            "sources": [{"source": 1}, {"source": 3}],
        }
    )
    gateway: GatewaySimulator = await start_gateway(installation)
    entry = gateway_entry(gateway, password="")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    # Not swept (no WHO 22 sweep exists): it appears when the bus mentions it.
    assert hass.states.get("media_player.sound_zone_41") is None

    await gateway.operate_amplifier("41", on=True)
    await wait_for(lambda: exists_with(hass, "media_player.sound_zone_41", STATE_ON))
    await call(
        hass,
        SERVICE_SELECT_SOURCE,
        "media_player.sound_zone_41",
        **{ATTR_INPUT_SOURCE: "Sound source 3"},
    )
    await call(
        hass,
        SERVICE_VOLUME_SET,
        "media_player.sound_zone_41",
        **{ATTR_MEDIA_VOLUME_LEVEL: 1.0},
    )
    await wait_for(lambda: gateway.amplifier("41").volume == 31)
    assert gateway.amplifier("41").source == 3
    assert [request.build() for request in gateway.requests(22)] == [
        "*22*35#4#4#3*3#4#1##",
        "*#22*3#4#1*#1*31##",
    ]
    await hass.config_entries.async_unload(entry.entry_id)


async def test_a_zone_of_environment_0_has_no_source_to_select(
    hass: HomeAssistant, start_gateway: Any
) -> None:
    installation = Installation.from_dict(
        {"amplifiers": [{"where": "01"}], "sources": [{"source": 1}]}
    )
    gateway: GatewaySimulator = await start_gateway(installation)
    entry = gateway_entry(gateway, password="")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    features = attributes(hass, "media_player.sound_zone_01")["supported_features"]
    assert not features & MediaPlayerEntityFeature.SELECT_SOURCE
    assert "source_list" not in attributes(hass, "media_player.sound_zone_01")
    await hass.config_entries.async_unload(entry.entry_id)


async def test_without_sweeps_known_zones_are_asked_one_by_one(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    entry = await load_entry()
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "discovery_sweeps": False}
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    before = len(gateway.requests(16))
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    asked = [request.build() for request in gateway.requests(16)[before:]]
    assert "*#16*0*5##" not in asked
    assert {"*#16*11*5##", "*#16*11*1##", "*#16*101*5##"} <= set(asked)
    assert state_of(hass, LIVING) == STATE_ON


async def test_a_sound_sweep_that_fails_is_logged_at_debug_level(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = loaded_entry.runtime_data

    async def unreachable(frame: Frame) -> list[Frame]:
        raise OpenWebNetConnectionError("gone")

    monkeypatch.setattr(coordinator.gateway, "send", unreachable)
    with caplog.at_level(logging.DEBUG):
        await coordinator.async_later_sweeps()
    (record,) = [r for r in caplog.records if "Later sweeps" in r.message]
    assert record.levelno == logging.DEBUG
