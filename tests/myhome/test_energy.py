"""Energy meters in Home Assistant: found at start, read every five minutes, in statistics.

The sample house has meter 51 and an actuator that measures its load,
``71#0``. Today's and this month's energy restart at the meter's midnight;
the Energy dashboard's long-term statistics must keep adding up across it.
"""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.statistics import (
    get_metadata,
    statistics_during_period,
)
from homeassistant.components.sensor import ATTR_STATE_CLASS, SensorStateClass
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, UnitOfEnergy
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
    do_adhoc_statistics,
    get_start_time,
)

from custom_components.onewire_own.myhome.coordinator import ENERGY_POLL_INTERVAL
from simulator.openwebnet import GatewaySimulator, Installation

from .conftest import FAST_OPTIONS, gateway_entry, state_of, wait_for

TODAY = "sensor.energy_meter_51_energy_today"
MONTH = "sensor.energy_meter_51_energy_this_month"
TOTAL = "sensor.energy_meter_51_energy"
PUMP_TODAY = "sensor.energy_actuator_71_energy_today"


class Poller:
    """Moves Home Assistant's timers on by one energy poll at a time."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.polls = 0

    async def poll(self) -> None:
        self.polls += 1
        async_fire_time_changed(
            self.hass, dt_util.utcnow() + ENERGY_POLL_INTERVAL * self.polls
        )
        await self.hass.async_block_till_done(wait_background_tasks=True)


@pytest.mark.usefixtures("loaded_entry")
async def test_meters_and_actuators_have_their_energies_at_start(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> None:
    assert state_of(hass, TODAY) == "3.21"
    assert state_of(hass, MONTH) == "45.678"
    assert state_of(hass, TOTAL) == "123.456"
    assert state_of(hass, PUMP_TODAY) == "0.456"
    # Power is pushed, once the push is enabled.
    await wait_for(lambda: state_of(hass, "sensor.energy_actuator_71_power") == "820")
    await wait_for(lambda: state_of(hass, "sensor.energy_meter_51_power") == "1739")
    for entity_id in (TODAY, MONTH, TOTAL):
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.attributes[ATTR_STATE_CLASS] == SensorStateClass.TOTAL_INCREASING
        assert state.attributes[ATTR_UNIT_OF_MEASUREMENT] == UnitOfEnergy.KILO_WATT_HOUR
        assert "last_reset" not in state.attributes
    # One request found both meters; each then had its push enabled and its
    # three energies read.
    asked = [request.build() for request in gateway.requests(1018)]
    assert asked == ["*#1018*0*7##"]
    per_meter = {
        where: sorted(
            r.build() for r in gateway.requests(18) if r.where.format() == where
        )
        for where in ("51", "71#0")
    }
    assert per_meter["51"] == [
        "*#18*51*#1200#1*255##",
        "*#18*51*51##",
        "*#18*51*53##",
        "*#18*51*54##",
    ]
    assert len(per_meter["71#0"]) == 4


async def test_meters_beyond_59_are_found_at_start_without_a_word_on_the_bus(
    hass: HomeAssistant, start_gateway: Callable[..., Awaitable[GatewaySimulator]]
) -> None:
    installation = Installation.from_dict(
        {"energy_meters": [{"where": "510", "energy_today": 1500}, {"where": "75#0"}]}
    )
    sim = await start_gateway(installation)
    entry = gateway_entry(sim, password="", options=FAST_OPTIONS)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert state_of(hass, "sensor.energy_meter_510_energy_today") == "1.5"
    assert hass.states.get("sensor.energy_actuator_75_power") is not None
    await hass.config_entries.async_unload(entry.entry_id)


async def test_energies_are_read_every_five_minutes(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, gateway: GatewaySimulator
) -> None:
    poller = Poller(hass)
    gateway.consume_energy("51", 500)
    await poller.poll()
    await wait_for(lambda: state_of(hass, TODAY) == "3.71")
    assert state_of(hass, MONTH) == "46.178"
    assert state_of(hass, TOTAL) == "123.956"

    # Midnight on the meter: today's energy restarts.
    gateway.new_day()
    gateway.consume_energy("51", 100)
    await poller.poll()
    await wait_for(lambda: state_of(hass, TODAY) == "0.1")

    # While the gateway is away, nothing is asked.
    loaded_entry.runtime_data.connected = False
    before = len(gateway.requests(18))
    await poller.poll()
    assert len(gateway.requests(18)) == before


@pytest.fixture
def mock_recorder_before_hass(async_test_recorder: Any) -> None:
    """The recorder is set up before Home Assistant (``recorder_mock`` needs it)."""


@pytest.mark.usefixtures("mock_recorder_before_hass")
async def test_today_and_month_energy_make_long_term_statistics_across_midnight(
    hass: HomeAssistant,
    recorder_mock: Recorder,
    loaded_entry: MockConfigEntry,
    gateway: GatewaySimulator,
) -> None:
    poller = Poller(hass)
    gateway.consume_energy("51", 500)  # 3.21 -> 3.71 kWh today
    await poller.poll()
    await wait_for(lambda: state_of(hass, TODAY) == "3.71")
    gateway.new_day()  # the meter's midnight: 3.71 -> 0
    gateway.consume_energy("51", 100)  # -> 0.1 kWh
    await poller.poll()
    await wait_for(lambda: state_of(hass, TODAY) == "0.1")
    await async_wait_recording_done(hass)

    # The 5-minute statistics of now, then of the hour's last 5 minutes,
    # which also compiles the hour (what the Energy dashboard reads).
    now = get_start_time(dt_util.utcnow())
    last = now.replace(minute=55)
    for start in sorted({now, last}):
        do_adhoc_statistics(hass, start=start)
        await async_wait_recording_done(hass)

    ids = {TODAY, MONTH, TOTAL, PUMP_TODAY}
    hour = now.replace(minute=0)
    rows = await recorder_mock.async_add_executor_job(
        statistics_during_period,
        hass,
        hour,
        hour + timedelta(hours=1),
        ids,
        "hour",
        None,
        {"state", "sum"},
    )
    assert set(rows) == ids
    [today] = rows[TODAY]
    [month] = rows[MONTH]
    # 0.5 kWh before midnight and 0.1 kWh after: the restart is a new cycle.
    assert today["state"] == pytest.approx(0.1)
    assert today["sum"] == pytest.approx(0.6)
    assert month["state"] == pytest.approx(46.278)
    assert month["sum"] == pytest.approx(0.6)
    metadata = await recorder_mock.async_add_executor_job(
        lambda: get_metadata(hass, statistic_ids=ids)
    )
    for entity_id in ids:
        _, meta = metadata[entity_id]
        assert meta["unit_of_measurement"] == UnitOfEnergy.KILO_WATT_HOUR
        assert meta["has_sum"]
