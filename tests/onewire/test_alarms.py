"""Alarm polling: a latched input reaches its binary sensor without waiting for a poll.

The fake adapter of owserver never lists a device in ``/alarm`` (it has no
conditional search), so no real input change can be latched here. What the
test proves end to end with the real server: the option starts the engine's
alarm poller, the poller reads the real (empty) alarm directory without
disturbing anything, and a ``DeviceValue`` the engine emits for an input is
on the binary sensor at once, before any poll.
"""

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from custom_components.onewire_own.owfs import DeviceValue

from ..peers.owserver import OwserverProcess
from .conftest import owserver_entry

SENSED_A = "binary_sensor.12_54f81be8e78d_sensed_a"
DS2406 = "12.54F81BE8E78D"


async def test_an_alarm_value_is_shown_at_once(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus, options={"alarm_polling": True, "alarm_interval": 1})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    er.async_get(hass).async_update_entity(SENSED_A, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    coordinator = entry.runtime_data
    poller = coordinator.owfs.alarm_poller(coordinator.server)
    assert poller is not None
    assert poller.running
    assert poller.interval == 1
    assert await poller.poll_once() == []  # the fake adapter latches nothing

    device = coordinator.owfs.devices[DS2406]
    for value, state in ((True, STATE_ON), (False, STATE_OFF), (True, STATE_ON)):
        coordinator.owfs.push_event(DeviceValue(device, "sensed.A", value))
        current = hass.states.get(SENSED_A)
        assert current is not None
        assert current.state == state
    await hass.config_entries.async_unload(entry.entry_id)
