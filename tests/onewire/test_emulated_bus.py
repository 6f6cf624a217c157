"""Home Assistant against a real owserver on the emulated 1-Wire bus.

Here conversions take their real time, alarms latch, PIO writes read back and
faults happen on the wire, so these tests check what the fake adapter cannot:
that a poll of N sensors is one simultaneous conversion, that a latched input
arrives through alarm polling, that a fault makes only its own entity
unavailable, that the 85 °C power-on value never becomes a state, and that a
bus short is reported once. Assertions use the emulator's records of what
happened on the wire and Home Assistant's states, never wall-clock times.
"""

from collections.abc import AsyncGenerator, Mapping
from datetime import timedelta
import logging
from typing import Any

from freezegun import freeze_time
from homeassistant.components.switch import DOMAIN as SWITCH_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_ON,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from custom_components.onewire_own.onewire.coordinator import OwserverCoordinator

from ..peers.onewire_bus import (
    EmulatedOwserver,
    EmulatedOwserverFactory,
    emulated_owserver_factory,
)
from .helpers import wait_until

__all__ = ["emulated_owserver_factory"]

SKIP_ROM = 0xCC
MATCH_ROM = 0x55
CONVERT_T = 0x44
#: Long enough that no scheduled poll runs during a test: tests refresh.
QUIET = {"poll_interval": 3600, "scan_interval": 3600}


def thermometers(count: int) -> list[dict[str, Any]]:
    """count DS18B20s at 20.0, 20.5, 21.0... °C."""
    return [
        {"model": "DS18B20", "id": f"28.0000000000{n:02X}", "temperature": 19.5 + n / 2}
        for n in range(1, count + 1)
    ]


def sensor(device_id: str) -> str:
    """The temperature entity of a DS18x20."""
    return f"sensor.{device_id.replace('.', '_').lower()}_temperature"


async def set_up(
    hass: HomeAssistant, bus: EmulatedOwserver, options: Mapping[str, Any] | None = None
) -> MockConfigEntry:
    """An owserver entry for the emulated bus, loaded."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=f"owserver {bus.host}:{bus.port}",
        unique_id=f"{bus.host}:{bus.port}",
        data={CONF_KIND: EntryKind.OWSERVER, "host": bus.host, "port": bus.port},
        options={**QUIET, **(options or {})},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def enable(hass: HomeAssistant, entry: MockConfigEntry, *entity_ids: str) -> None:
    """Enable entities that are disabled by default, then reload the entry."""
    registry = er.async_get(hass)
    for entity_id in entity_ids:
        registry.async_update_entity(entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str:
    """An entity's state (fails the test if the entity does not exist)."""
    current = hass.states.get(entity_id)
    assert current is not None, f"{entity_id} does not exist"
    return current.state


@pytest.fixture
async def unload_after(hass: HomeAssistant) -> AsyncGenerator[None]:
    """Unload every config entry before the emulated owserver stops."""
    yield
    for entry in hass.config_entries.async_entries(DOMAIN):
        await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


async def test_a_poll_of_n_sensors_is_one_simultaneous_conversion(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """Eight sensors, one Skip ROM Convert T per poll; every value right."""
    bus = await emulated_owserver_factory({"devices": thermometers(8)})
    entry = await set_up(hass, bus)
    coordinator: OwserverCoordinator = entry.runtime_data
    wire = bus.emulator.bus
    since = bus.emulator.clock.now()
    await coordinator.async_refresh()
    converts = wire.transactions(function=CONVERT_T, since=since)
    assert [t.rom_command for t in converts] == [SKIP_ROM]
    assert len(wire.conversions(since=since)) == 8
    for chip in bus.emulator.chips():
        assert float(state(hass, sensor(chip.name))) == chip.snapshot()["room"]


async def test_without_simultaneous_each_sensor_converts_alone(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """The option off: N Match ROM Convert T, as core onewire does (the bench's baseline)."""
    bus = await emulated_owserver_factory({"devices": thermometers(4)})
    entry = await set_up(hass, bus, {"simultaneous": False})
    wire = bus.emulator.bus
    since = bus.emulator.clock.now()
    await entry.runtime_data.async_refresh()
    converts = wire.transactions(function=CONVERT_T, since=since)
    assert [t.rom_command for t in converts] == [MATCH_ROM] * 4
    assert {t.selected[0].name for t in converts} == {
        c.name for c in bus.emulator.chips()
    }


SWITCH = "29.000000000001"
SENSED_6 = "binary_sensor.29_000000000001_sensed_6"
LATCH_6 = "switch.29_000000000001_latch_6"
PIO_3 = "switch.29_000000000001_programmed_input_output_3"
SENSED_3 = "binary_sensor.29_000000000001_sensed_3"


async def test_a_latched_input_arrives_through_alarm_polling(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """A DS2408 set up for conditional search: an input change is on its entity
    after the next alarm poll, with no coordinator poll in between."""
    bus = await emulated_owserver_factory(
        {"devices": [{"model": "DS2408", "id": SWITCH}]}
    )
    entry = await set_up(hass, bus, {"alarm_polling": True, "alarm_interval": 1})
    await enable(hass, entry, SENSED_6, LATCH_6)
    coordinator: OwserverCoordinator = entry.runtime_data
    # What a user does once with owwrite: alarm on any latched activity, clear PORL.
    await coordinator.server.write(f"/{SWITCH}/set_alarm", "133333333")
    await coordinator.server.write(f"/{SWITCH}/por", "0")
    await wait_until(hass, lambda: not bus.emulator.chip(SWITCH).alarm())
    assert state(hass, SENSED_6) == STATE_ON
    polls = coordinator.data.polled_at

    bus.emulator.set_value(SWITCH, "input.6", 0)  # a contact closes
    await wait_until(hass, lambda: state(hass, SENSED_6) == STATE_OFF, timeout=30)
    assert coordinator.data.polled_at == polls  # not a poll: the alarm poller
    # The poller cleared the latch, so the next change alarms again.
    await wait_until(hass, lambda: not bus.emulator.chip(SWITCH).alarm(), timeout=30)
    bus.emulator.set_value(SWITCH, "input.6", 1)
    await wait_until(hass, lambda: state(hass, SENSED_6) == STATE_ON, timeout=30)
    conditional = [t for t in bus.emulator.bus.transactions() if t.rom_command == 0xEC]
    assert any(t.selected for t in conditional)


async def test_a_pio_write_reads_back(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """Turning a PIO on closes its transistor: the chip, the switch and the pin agree."""
    bus = await emulated_owserver_factory(
        {"devices": [{"model": "DS2408", "id": SWITCH}]}
    )
    entry = await set_up(hass, bus)
    await enable(hass, entry, PIO_3, SENSED_3)
    assert state(hass, PIO_3) == STATE_OFF
    await hass.services.async_call(
        SWITCH_DOMAIN, SERVICE_TURN_ON, {ATTR_ENTITY_ID: PIO_3}, blocking=True
    )
    await hass.async_block_till_done()
    chip = bus.emulator.chip(SWITCH).snapshot()
    assert chip["outputs"][3] == 0  # transistor on
    assert chip["sensed"][3] == 0
    assert state(hass, PIO_3) == STATE_ON  # read back from the chip
    assert state(hass, SENSED_3) == STATE_OFF


async def test_a_crc_fault_or_a_vanished_sensor_makes_only_its_entity_unavailable(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """Line noise on one sensor, then another unplugged: each alone goes, and comes back."""
    bus = await emulated_owserver_factory({"devices": thermometers(3)})
    entry = await set_up(hass, bus)
    coordinator: OwserverCoordinator = entry.runtime_data
    noisy, unplugged, steady = (chip.name for chip in bus.emulator.chips())

    bus.emulator.set_crc_error_rate(noisy, 1.0)
    await coordinator.async_refresh()
    assert state(hass, sensor(noisy)) == STATE_UNAVAILABLE
    assert state(hass, sensor(unplugged)) == "20.5"
    assert state(hass, sensor(steady)) == "21.0"
    assert bus.emulator.bus.faults("crc")
    bus.emulator.set_crc_error_rate(noisy, 0.0)
    await coordinator.async_refresh()
    assert state(hass, sensor(noisy)) == "20.0"

    bus.emulator.vanish(unplugged)
    await coordinator.async_refresh()
    assert state(hass, sensor(unplugged)) == STATE_UNAVAILABLE
    assert state(hass, sensor(noisy)) == "20.0"
    assert state(hass, sensor(steady)) == "21.0"
    bus.emulator.reappear(unplugged)
    await coordinator.async_refresh()
    assert state(hass, sensor(unplugged)) == "20.5"


def record_states(hass: HomeAssistant, entity_id: str) -> list[str]:
    """Every state entity_id takes from now on."""
    seen: list[str] = []

    @callback
    def changed(event: Event[EventStateChangedData]) -> None:
        if event.data["entity_id"] == entity_id and event.data["new_state"]:
            seen.append(event.data["new_state"].state)

    hass.bus.async_listen("state_changed", changed)
    return seen


async def test_the_power_on_85_degrees_never_becomes_a_state(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """A sensor whose supply sags resets during conversions (85 °C in its
    scratchpad), and a parasite-powered one browns out under owserver's
    simultaneous conversion every time: Home Assistant shows neither 85."""
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {"model": "DS18B20", "id": "28.000000000001", "temperature": 20.0},
                {
                    "model": "DS18B20",
                    "id": "28.000000000002",
                    "temperature": 22.0,
                    "parasite": True,
                },
            ]
        }
    )
    sagging, parasite = "28.000000000001", "28.000000000002"
    sagging_states = record_states(hass, sensor(sagging))
    parasite_states = record_states(hass, sensor(parasite))
    entry = await set_up(hass, bus)
    coordinator: OwserverCoordinator = entry.runtime_data
    for _ in range(3):
        bus.emulator.brown_out(sagging, conversions=1)
        await coordinator.async_refresh()
    faults = bus.emulator.bus.faults("brownout")
    assert {fault.rom.name for fault in faults if fault.rom} == {sagging, parasite}
    assert len(faults) >= 6  # every poll browned both out at least once
    assert "85.0" not in sagging_states + parasite_states
    assert state(hass, sensor(sagging)) == "20.0"
    assert state(hass, sensor(parasite)) == "22.0"


async def test_a_bus_short_is_reported_once_and_recovered(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Shorted for three polls: entities unavailable, one log line; then all back."""
    bus = await emulated_owserver_factory({"devices": thermometers(2)})
    entry = await set_up(hass, bus)
    coordinator: OwserverCoordinator = entry.runtime_data
    caplog.clear()
    caplog.set_level(logging.INFO, logger="custom_components.onewire_own")
    bus.emulator.short()
    for _ in range(3):
        await coordinator.async_refresh()
    for chip in bus.emulator.chips():
        assert state(hass, sensor(chip.name)) == STATE_UNAVAILABLE
    reports = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert len(reports) == 1, [r.getMessage() for r in reports]
    bus.emulator.unshort()
    await coordinator.async_refresh()
    assert state(hass, sensor("28.000000000001")) == "20.0"
    assert state(hass, sensor("28.000000000002")) == "20.5"
    back = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert len(back) == 2, [r.getMessage() for r in back]


def reports(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What the integration logged at INFO or above."""
    return [
        record
        for record in caplog.records
        if record.name.startswith("custom_components.onewire_own")
        and record.levelno >= logging.INFO
    ]


async def test_a_sensor_failing_alone_on_its_own_interval_is_no_bus_failure(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A sensor polled every second, alone, fails: only its entity goes.

    A short seen by a poll of the whole bus is reported once, and stays so
    while the polls that follow read only that sensor and it fails too; the
    bus answers again once a read of it succeeds.
    """
    bus = await emulated_owserver_factory({"devices": thermometers(2)})
    fast, slow = (chip.name for chip in bus.emulator.chips())
    entry = await set_up(hass, bus, {"device_options": {fast: {"poll_interval": 1}}})
    coordinator: OwserverCoordinator = entry.runtime_data
    caplog.clear()
    caplog.set_level(logging.INFO, logger="custom_components.onewire_own")

    bus.emulator.set_crc_error_rate(fast, 1.0)
    await coordinator.async_refresh()
    assert state(hass, sensor(fast)) == STATE_UNAVAILABLE
    assert state(hass, sensor(slow)) == "20.5"
    assert reports(caplog) == []
    bus.emulator.set_crc_error_rate(fast, 0.0)

    bus.emulator.short()
    with freeze_time(dt_util.utcnow() + timedelta(hours=1), tick=True):  # an hour later
        await coordinator.async_refresh()  # every sensor is due
        await coordinator.async_refresh()  # the fast sensor alone, still shorted
        assert [
            (r.levelno, "does not answer" in r.getMessage()) for r in reports(caplog)
        ] == [(logging.WARNING, True)]

        bus.emulator.unshort()
        await coordinator.async_refresh()  # the fast sensor alone, answering
        assert [r.levelno for r in reports(caplog)] == [logging.WARNING, logging.INFO]
        assert "answers again" in reports(caplog)[1].getMessage()
        assert state(hass, sensor(fast)) == "20.0"


async def test_a_sensor_back_on_the_bus_shows_a_fresh_reading_at_once(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    unload_after: None,
) -> None:
    """Unplugged for two scans, warmer when plugged back: no stale value, no wait.

    Its interval (here an hour) is not waited for: it is read as it is found.
    """
    bus = await emulated_owserver_factory({"devices": thermometers(2)})
    entry = await set_up(hass, bus)
    coordinator: OwserverCoordinator = entry.runtime_data
    moved = bus.emulator.chips()[0].name
    assert state(hass, sensor(moved)) == "20.0"

    bus.emulator.vanish(moved)
    await coordinator.server.scan_now()
    await coordinator.server.scan_now()  # missed twice: not found
    await hass.async_block_till_done()
    assert state(hass, sensor(moved)) == STATE_UNAVAILABLE

    bus.emulator.set_value(moved, "temperature", 24.5)
    bus.emulator.reappear(moved)
    await coordinator.server.scan_now()
    await hass.async_block_till_done(wait_background_tasks=True)
    assert state(hass, sensor(moved)) == "24.5"
