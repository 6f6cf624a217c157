"""Pushbutton locks (WHO 14): the points the options name get a lock entity.

A point's lock is never reported on the bus, so its state is assumed: what
the gateway acknowledged, what a general or area lock on the bus said, or
after a restart what Home Assistant showed before.
"""

from homeassistant.components.lock import DOMAIN as LOCK_DOMAIN
from homeassistant.components.lock.const import LockState
from homeassistant.const import (
    ATTR_ASSUMED_STATE,
    SERVICE_LOCK,
    SERVICE_UNLOCK,
    STATE_UNKNOWN,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.openwebnet import GatewaySimulator

from .conftest import LoadEntry, state_of, wait_for

LOCK_12 = "lock.pushbutton_lock_12"
LOCK_21 = "lock.pushbutton_lock_21"


async def lock_service(hass: HomeAssistant, service: str, entity_id: str) -> None:
    await hass.services.async_call(
        LOCK_DOMAIN, service, {"entity_id": entity_id}, blocking=True
    )


async def test_a_point_lock_round_trips_through_the_gateway(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry(actuator_locks=["12", "21"])
    state = hass.states.get(LOCK_12)
    assert state is not None
    assert state.state == STATE_UNKNOWN  # nothing can be asked
    assert state.attributes[ATTR_ASSUMED_STATE] is True

    await lock_service(hass, SERVICE_LOCK, LOCK_12)
    assert gateway.actuator_locked("12")
    assert state_of(hass, LOCK_12) == LockState.LOCKED

    await lock_service(hass, SERVICE_UNLOCK, LOCK_12)
    assert not gateway.actuator_locked("12")
    assert state_of(hass, LOCK_12) == LockState.UNLOCKED
    assert [request.build() for request in gateway.requests(14)] == [
        "*14*0*12##",
        "*14*1*12##",
    ]


async def test_area_and_general_locks_heard_on_the_bus_reach_the_points(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    await load_entry(actuator_locks=["12", "21"])
    await gateway.emit("*14*0*1##")  # another client locks area 1
    await wait_for(lambda: state_of(hass, LOCK_12) == LockState.LOCKED)
    assert state_of(hass, LOCK_21) == STATE_UNKNOWN
    await gateway.emit("*14*1*0##")
    await wait_for(lambda: state_of(hass, LOCK_21) == LockState.UNLOCKED)
    assert state_of(hass, LOCK_12) == LockState.UNLOCKED


async def test_the_assumed_state_is_restored_after_a_restart(
    hass: HomeAssistant, load_entry: LoadEntry, gateway: GatewaySimulator
) -> None:
    entry: MockConfigEntry = await load_entry(actuator_locks=["12"])
    await lock_service(hass, SERVICE_LOCK, LOCK_12)

    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, LOCK_12) == LockState.LOCKED
    await lock_service(hass, SERVICE_UNLOCK, LOCK_12)
    assert state_of(hass, LOCK_12) == LockState.UNLOCKED


async def test_a_point_taken_out_of_the_options_loses_its_lock(
    hass: HomeAssistant, load_entry: LoadEntry
) -> None:
    entry: MockConfigEntry = await load_entry(actuator_locks=["12"])
    assert hass.states.get(LOCK_12) is not None

    hass.config_entries.async_update_entry(
        entry, options={**entry.options, "actuator_locks": []}
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert hass.states.get(LOCK_12) is None
    assert er.async_get(hass).async_get(LOCK_12) is None
