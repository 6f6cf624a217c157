"""Motion detectors: lighting points that report motion (34) and its end (39)."""

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.openwebnet import Command, Where
from simulator.openwebnet import GatewaySimulator

from .conftest import state_of, wait_for

SENSOR = "binary_sensor.light_13_motion"


async def test_first_motion_report_creates_the_sensor_on_the_points_device(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    assert hass.states.get(SENSOR) is None

    await gateway.emit(Command(1, "34", (), Where("13")))
    await wait_for(lambda: hass.states.get(SENSOR) is not None)
    assert state_of(hass, SENSOR) == STATE_ON
    state = hass.states.get(SENSOR)
    assert state is not None
    assert state.attributes["device_class"] == "motion"

    await gateway.emit(Command(1, "39", (), Where("13")))
    await wait_for(lambda: state_of(hass, SENSOR) == STATE_OFF)


async def test_motion_sensors_heard_before_are_back_after_a_reload(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    await gateway.emit(Command(1, "34", (), Where("13")))
    await wait_for(lambda: hass.states.get(SENSOR) is not None)

    assert await hass.config_entries.async_reload(loaded_entry.entry_id)
    await hass.async_block_till_done()

    assert state_of(hass, SENSOR) == "unknown"  # no report since the reload
    await gateway.emit(Command(1, "34", (), Where("13")))
    await wait_for(lambda: state_of(hass, SENSOR) == STATE_ON)
