"""An owserver that goes away and comes back, and devices that leave the bus."""

import logging

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own import async_remove_config_entry_device
from custom_components.onewire_own.const import DOMAIN

from ..peers.owserver import OwserverProcess
from .conftest import ALL_FAMILIES
from .helpers import wait_until

TEMPERATURE = "sensor.10_f2fbe3467cc2_temperature"
LAST_DEVICE = "2C.BE6189F95CBB"  # the 2C, last in ALL_FAMILIES


def _state(hass: HomeAssistant, entity_id: str) -> str:
    state = hass.states.get(entity_id)
    assert state is not None
    return state.state


async def test_stopped_owserver_makes_entities_unavailable_until_it_is_back(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    bus: OwserverProcess,
    caplog: pytest.LogCaptureFixture,
) -> None:
    coordinator = loaded_entry.runtime_data
    assert _state(hass, TEMPERATURE) != STATE_UNAVAILABLE
    caplog.set_level(logging.INFO, logger="custom_components.onewire_own")

    bus.stop()
    await coordinator.async_refresh()
    await wait_until(hass, lambda: _state(hass, TEMPERATURE) == STATE_UNAVAILABLE)
    await coordinator.async_refresh()  # a second poll while away: no second log
    await hass.async_block_till_done()

    bus.start()
    await wait_until(hass, lambda: _state(hass, TEMPERATURE) != STATE_UNAVAILABLE)
    float(_state(hass, TEMPERATURE))

    # Once per change, across the coordinator and the owfs engine's loggers.
    logged_at_info = [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("custom_components.onewire_own")
        and record.levelno == logging.INFO
    ]
    assert logged_at_info == [
        f"owserver {bus.host}:{bus.port} does not answer: its entities are "
        "unavailable until it is back",
        f"owserver {bus.host}:{bus.port} is back",
    ]


async def test_a_device_that_leaves_the_bus_turns_unavailable_and_can_be_removed(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, bus: OwserverProcess
) -> None:
    coordinator = loaded_entry.runtime_data
    registry = dr.async_get(hass)
    gone = registry.async_get_device_by_identifier(
        (DOMAIN, LAST_DEVICE), loaded_entry.entry_id
    )
    present = registry.async_get_device_by_identifier(
        (DOMAIN, "10.F2FBE3467CC2"), loaded_entry.entry_id
    )
    hub = registry.async_get_device_by_identifier(
        (DOMAIN, f"owserver_{loaded_entry.entry_id}"), loaded_entry.entry_id
    )
    assert gone is not None
    assert present is not None
    assert hub is not None
    assert not await async_remove_config_entry_device(hass, loaded_entry, gone)

    bus.restart(fake=ALL_FAMILIES[:-1])
    await wait_until(hass, lambda: coordinator.connected)
    # A device is given up only when two scans in a row miss it.
    await coordinator.server.scan_now()
    await coordinator.server.scan_now()
    await hass.async_block_till_done()

    assert all(device.id != LAST_DEVICE for device in coordinator.devices)
    assert await async_remove_config_entry_device(hass, loaded_entry, gone)
    assert not await async_remove_config_entry_device(hass, loaded_entry, present)
    assert not await async_remove_config_entry_device(hass, loaded_entry, hub)
