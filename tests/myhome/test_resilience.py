"""A gateway that reboots or hangs: unavailable, then resynced, without a reload.

While the event session is down every entity is unavailable and the loss is
logged once; on reconnect the coordinator sweeps again, so changes made on
the bus during the outage show up, and the return is logged once.
"""

import asyncio
from collections.abc import Callable
import logging
from typing import Any

from homeassistant.components.light import DOMAIN as LIGHT_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_OFF, STATE_ON, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.openwebnet import Command, Where
from simulator.openwebnet import GatewaySimulator, Installation, SessionKind

from .conftest import state_of, wait_for

ENTITIES = ("light.light_11", "light.light_12", "cover.shutter_22", "climate.zone_1")


def lost_and_back_logs(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    messages = [record.getMessage() for record in caplog.records]
    lost = sum(message.startswith("Lost the connection") for message in messages)
    back = sum(message.startswith("Connection to") for message in messages)
    return lost, back


async def change_bus_behind_home_assistants_back(gateway: GatewaySimulator) -> None:
    """Switch light 11 on and 12 off directly on the bus (no event session up)."""
    gateway.light("11").set_level(100)
    gateway.light("12").set_level(0)


async def test_gateway_reboot_makes_entities_unavailable_then_resyncs(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    assert state_of(hass, "light.light_11") == STATE_OFF
    assert state_of(hass, "light.light_12") == STATE_ON

    reboot = hass.async_create_task(gateway.reboot(downtime=20.0))
    await wait_for(
        lambda: all(state_of(hass, e) == STATE_UNAVAILABLE for e in ENTITIES)
    )
    await change_bus_behind_home_assistants_back(gateway)
    await reboot

    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_ON)
    assert state_of(hass, "light.light_12") == STATE_OFF
    assert all(state_of(hass, e) != STATE_UNAVAILABLE for e in ENTITIES)
    assert loaded_entry.state is ConfigEntryState.LOADED
    assert lost_and_back_logs(caplog) == (1, 1)


async def test_half_open_gateway_is_noticed_and_resynced_when_it_answers_again(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    gateway.go_half_open()
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_UNAVAILABLE)
    await change_bus_behind_home_assistants_back(gateway)

    gateway.resume()

    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_ON, timeout=30)
    assert state_of(hass, "light.light_12") == STATE_OFF
    assert lost_and_back_logs(caplog) == (1, 1)


async def test_entities_follow_the_bus_after_a_reconnect(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    gateway.drop_sessions()
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_UNAVAILABLE)
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_OFF)

    await gateway.emit(Command(1, "1", (), Where("11")))

    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_ON)
    await hass.services.async_call(
        LIGHT_DOMAIN, "turn_off", {"entity_id": "light.light_11"}, blocking=True
    )
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_OFF)


async def test_password_changed_on_the_gateway_asks_for_the_new_one(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    start_gateway: Callable[..., Any],
    sample_installation: Installation,
) -> None:
    port = gateway.port
    await gateway.stop()
    await start_gateway(
        sample_installation, port=port, auth="sha256", password="newpassword1"
    )

    await wait_for(
        lambda: [
            f["context"]["source"] for f in hass.config_entries.flow.async_progress()
        ]
        == ["reauth"]
    )
    assert state_of(hass, "light.light_11") == STATE_UNAVAILABLE


async def test_a_session_lost_again_during_the_resync_ends_that_resync(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only the resync of the last return runs; the entities wait for it."""
    coordinator = loaded_entry.runtime_data
    sweep = coordinator._async_sweep
    go_on = asyncio.Event()
    resyncs: list[asyncio.Task[Any]] = []

    async def slow_sweep() -> None:
        task = asyncio.current_task()
        assert task is not None
        resyncs.append(task)
        await go_on.wait()
        await sweep()

    monkeypatch.setattr(coordinator, "_async_sweep", slow_sweep)
    gateway.drop_sessions(SessionKind.EVENT)
    await wait_for(lambda: len(resyncs) == 1, timeout=30)
    gateway.drop_sessions(SessionKind.EVENT)
    await wait_for(lambda: len(resyncs) == 2, timeout=30)

    assert resyncs[0].cancelled()
    assert state_of(hass, "light.light_11") == STATE_UNAVAILABLE
    go_on.set()
    await wait_for(lambda: state_of(hass, "light.light_11") == STATE_OFF)
    assert not resyncs[1].cancelled()
