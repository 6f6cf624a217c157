"""Per-device options: a poll interval of its own, inputs wired active-low."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.owfs import DeviceValue

from ..peers.owserver import OwserverProcess
from .conftest import owserver_entry

DOOR_CONTACT = "12.54F81BE8E78D"  # a DS2406
CELLAR = "28.54110E827441"  # a DS18B20
OTHER = "10.F2FBE3467CC2"  # a DS18S20 at the entry's interval
SENSED_A = "binary_sensor.12_54f81be8e78d_sensed_a"


def _enable_sensed_a(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """The door contact's input A, enabled before set-up (disabled by default)."""
    er.async_get(hass).async_get_or_create(
        "binary_sensor",
        DOMAIN,
        f"{DOOR_CONTACT}_sensed.A",
        config_entry=entry,
        suggested_object_id=SENSED_A.removeprefix("binary_sensor."),
        disabled_by=None,
    )


async def test_each_device_is_polled_at_its_own_interval(
    hass: HomeAssistant, bus: OwserverProcess, freezer: FrozenDateTimeFactory
) -> None:
    entry = owserver_entry(
        bus,
        options={
            "poll_interval": 30,
            "simultaneous": False,  # no conversion wait: the clock is frozen
            "device_options": {
                DOOR_CONTACT: {"poll_interval": 10},
                CELLAR: {"poll_interval": 60},
            },
        },
    )
    entry.add_to_hass(hass)
    _enable_sensed_a(hass, entry)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    coordinator = entry.runtime_data
    assert coordinator.update_interval == timedelta(seconds=10)
    polls = [coordinator.data.last_poll]

    for _ in range(6):  # one minute, a tick every 10 s
        freezer.tick(timedelta(seconds=10))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        polls.append(coordinator.data.last_poll)

    def times_polled(device_id: str) -> int:
        return sum(1 for poll in polls if poll is not None and device_id in poll.values)

    assert times_polled(DOOR_CONTACT) == 7  # at set-up and every 10 s
    assert times_polled(OTHER) == 3  # at set-up, 30 s and 60 s
    assert times_polled(CELLAR) == 2  # at set-up and 60 s
    await hass.config_entries.async_unload(entry.entry_id)


async def test_inputs_wired_active_low_are_shown_inverted(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(
        bus, options={"device_options": {DOOR_CONTACT: {"inverted": True}}}
    )
    entry.add_to_hass(hass)
    _enable_sensed_a(hass, entry)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator = entry.runtime_data
    device = coordinator.owfs.devices[DOOR_CONTACT]

    polled = coordinator.data.value(DOOR_CONTACT, "sensed.A")
    state = hass.states.get(SENSED_A)
    assert state is not None
    assert state.state == (STATE_OFF if polled else STATE_ON)

    for read, shown in ((True, STATE_OFF), (False, STATE_ON)):
        coordinator.owfs.push_event(DeviceValue(device, "sensed.A", read))
        state = hass.states.get(SENSED_A)
        assert state is not None
        assert state.state == shown
        assert coordinator.data.value(DOOR_CONTACT, "sensed.A") is read  # kept raw
    await hass.config_entries.async_unload(entry.entry_id)
