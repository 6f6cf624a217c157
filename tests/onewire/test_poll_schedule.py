"""Values pushed between polls (alarm polling) never postpone the periodic poll.

An input that changes more often than the poll interval must not keep the
coordinator from polling everything else: pushes update the data and the
entities without touching the refresh schedule.
"""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.onewire_own.owfs import DeviceValue

from ..peers.owserver import OwserverProcess
from .conftest import owserver_entry

DS2406 = "12.54F81BE8E78D"
POLL_INTERVAL = 30


async def test_pushed_values_more_often_than_the_interval_do_not_delay_the_poll(
    hass: HomeAssistant, bus: OwserverProcess, freezer: FrozenDateTimeFactory
) -> None:
    # No conversion wait: the frozen clock would never end it.
    entry = owserver_entry(
        bus, options={"poll_interval": POLL_INTERVAL, "simultaneous": False}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    coordinator = entry.runtime_data
    device = coordinator.owfs.devices[DS2406]
    polls_seen = [coordinator.data.last_poll]

    # A push every 10 s, for a little more than one poll interval.
    for step in range(4):
        coordinator.owfs.push_event(DeviceValue(device, "sensed.A", step % 2 == 0))
        assert coordinator.data.value(DS2406, "sensed.A") == (step % 2 == 0)
        freezer.tick(timedelta(seconds=10))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        if coordinator.data.last_poll is not polls_seen[-1]:
            polls_seen.append(coordinator.data.last_poll)

    assert len(polls_seen) == 2  # the one of set-up, and one on time
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
