"""Bus health: owserver's error counters as sensors, and a repair issue for a failing bus.

The fake owserver never fails. Line noise is made on the emulated bus
(simulator/onewire), where the real owserver counts the CRC errors itself;
the tiny test owserver (tests/owfs/tiny_server.py), which serves the counters
like a real owserver does (paths and formats checked against owserver
3.2p4), drives the per-bus rates and the exact figures of the issue.
"""

from collections.abc import AsyncGenerator
from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.onewire_own.const import DOMAIN
from custom_components.onewire_own.onewire import coordinator as coordinator_module
from custom_components.onewire_own.onewire.bus_health import (
    CRC,
    MIN_ERRORS,
    SUSTAINED_WINDOWS,
    ErrorRate,
    ErrorRateWatch,
)
from custom_components.onewire_own.owfs import BusStatistics, ServerStatistics

from ..owfs.tiny_server import TinyOwserver, one_sensor_tree
from ..peers.onewire_bus import EmulatedOwserverFactory, emulated_owserver_factory
from ..peers.owserver import OwserverProcess
from .conftest import entry_at, owserver_entry

__all__ = ["emulated_owserver_factory"]

ENTRY_ID = "01JBUSHEALTHTESTENTRY0000"


def counters(
    crc_errors: int = 0, crc_checks: int = 0, bus: tuple[int, int, int] = (0, 0, 0)
) -> ServerStatistics:
    return ServerStatistics(
        crc_errors=crc_errors,
        crc_checks=crc_checks,
        buses={"/bus.0": BusStatistics(*bus)},
    )


class Bus:
    """Counters that grow window by window, as owserver's do."""

    def __init__(self) -> None:
        self.crc_errors = self.crc_checks = 0
        self.errors = self.timeouts = self.resets = 0

    def window(
        self, *, crc: tuple[int, int] = (0, 0), bus: tuple[int, int, int] = (0, 0, 0)
    ) -> ServerStatistics:
        self.crc_errors += crc[0]
        self.crc_checks += crc[1]
        self.errors += bus[0]
        self.timeouts += bus[1]
        self.resets += bus[2]
        return counters(
            self.crc_errors, self.crc_checks, (self.errors, self.timeouts, self.resets)
        )


def watch_windows(
    watch: ErrorRateWatch, counts: Bus, count: int, **window: tuple[int, ...]
) -> None:
    for _ in range(count):
        watch.update(counts.window(**window))  # type: ignore[arg-type]


def test_a_rate_is_sustained_only_after_enough_bad_windows_in_a_row() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())  # the first read is only a baseline
    watch_windows(watch, bus, SUSTAINED_WINDOWS - 1, crc=(10, 100))
    assert watch.sustained == []
    watch_windows(watch, bus, 1, crc=(10, 100))
    assert watch.sustained == [ErrorRate(CRC, 0.1)]


def test_a_good_window_in_between_starts_the_count_again() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, SUSTAINED_WINDOWS - 1, bus=(5, 0, 100))
    watch_windows(watch, bus, 1, bus=(0, 0, 100))
    watch_windows(watch, bus, SUSTAINED_WINDOWS - 1, bus=(5, 0, 100))
    assert watch.sustained == []


def test_a_few_errors_or_a_low_rate_are_no_failing_bus() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, 10, crc=(MIN_ERRORS - 1, MIN_ERRORS - 1))  # all failed
    watch_windows(watch, bus, 10, bus=(5, 5, 10_000))  # 0.1 %
    assert watch.sustained == []


def test_timeouts_count_as_errors_of_their_bus() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, SUSTAINED_WINDOWS, bus=(0, 8, 100))
    assert watch.sustained == [ErrorRate("/bus.0", 0.08)]


def test_a_sustained_rate_ends_after_as_many_good_windows() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, SUSTAINED_WINDOWS, crc=(10, 100))
    watch_windows(watch, bus, SUSTAINED_WINDOWS - 1, crc=(0, 100))
    watch_windows(watch, bus, 3, crc=(0, 0))  # idle windows change nothing
    assert watch.sustained == [ErrorRate(CRC, 0.1)]
    watch_windows(watch, bus, 1, crc=(0, 100))
    assert watch.sustained == []


def test_a_restarted_owserver_is_neither_a_glitch_nor_a_cure() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, SUSTAINED_WINDOWS, crc=(10, 100))
    watch.update(counters(1, 2))  # counters back near 0: the window is skipped
    assert watch.sustained == [ErrorRate(CRC, 0.1)]


def test_a_bus_that_is_gone_is_forgotten() -> None:
    watch, bus = ErrorRateWatch(), Bus()
    watch.update(bus.window())
    watch_windows(watch, bus, SUSTAINED_WINDOWS, bus=(10, 0, 100))
    watch.update(ServerStatistics(crc_errors=bus.crc_errors, crc_checks=bus.crc_checks))
    assert watch.sustained == []


@pytest.fixture
async def noisy_owserver(socket_enabled: None) -> AsyncGenerator[TinyOwserver]:
    """An owserver with one sensor whose error counters the test sets."""
    async with TinyOwserver(tree=one_sensor_tree()) as server:
        tree = server.tree
        tree["/statistics/errors/CRC8_errors"] = b"           0"
        tree["/statistics/errors/CRC8_tries"] = b"           0"
        tree["/statistics/read/tries.ALL"] = b"          0,           0,           0"
        for name in ("errors", "timeouts", "resets"):
            tree[f"/bus.0/interface/statistics/{name}"] = b"           0"
        yield server


@pytest.fixture
async def noisy_entry(
    hass: HomeAssistant, noisy_owserver: TinyOwserver
) -> AsyncGenerator[MockConfigEntry]:
    """An entry for the noisy owserver, set up, polled once a minute."""
    entry = entry_at(
        "127.0.0.1",
        noisy_owserver.port,
        entry_id=ENTRY_ID,
        options={"poll_interval": 60, "simultaneous": False},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)


def _set(server: TinyOwserver, path: str, value: int) -> None:
    server.tree[path] = f"{value:12d}".encode()


@pytest.mark.usefixtures("noisy_entry")
async def test_a_bus_failing_for_minutes_raises_an_issue_until_it_is_fixed(
    hass: HomeAssistant, noisy_owserver: TinyOwserver, freezer: FrozenDateTimeFactory
) -> None:
    issue_id = f"owserver_bus_error_rate_{ENTRY_ID}_bus.0"
    crc_issue_id = f"owserver_bus_error_rate_{ENTRY_ID}_crc"

    totals = {"errors": 0, "resets": 0}

    async def minute(errors: int, resets: int) -> None:
        """One minute of the bus: its counters grow, the coordinator reads them."""
        totals["errors"] += errors
        totals["resets"] += resets
        for name, total in totals.items():
            _set(noisy_owserver, f"/bus.0/interface/statistics/{name}", total)
        freezer.tick(timedelta(minutes=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)

    for _ in range(SUSTAINED_WINDOWS - 1):
        await minute(errors=30, resets=1000)  # 3 %
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None

    await minute(errors=30, resets=1000)
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "owserver_bus_error_rate"
    assert issue.translation_placeholders == {
        "server": f"127.0.0.1:{noisy_owserver.port}",
        "bus": "/bus.0",
        "rate": "3.0",
        "threshold": "1",
        "minutes": "5",
    }
    assert ir.async_get(hass).async_get_issue(DOMAIN, crc_issue_id) is None

    for _ in range(SUSTAINED_WINDOWS):
        await minute(errors=0, resets=1000)  # the joint was soldered again
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None


async def test_crc_errors_raise_the_issue_for_the_whole_owserver(
    hass: HomeAssistant,
    noisy_owserver: TinyOwserver,
    noisy_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    for step in range(1, SUSTAINED_WINDOWS + 1):
        _set(noisy_owserver, "/statistics/errors/CRC8_errors", 5 * step)
        _set(noisy_owserver, "/statistics/errors/CRC8_tries", 50 * step)
        freezer.tick(timedelta(minutes=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)

    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"owserver_bus_error_rate_{ENTRY_ID}_crc"
    )
    assert issue is not None
    assert issue.translation_key == "owserver_crc_error_rate"
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["rate"] == "10.0"

    await hass.config_entries.async_unload(noisy_entry.entry_id)
    assert ir.async_get(hass).issues == {}


async def test_the_counters_are_diagnostic_sensors_disabled_by_default(
    hass: HomeAssistant, bus: OwserverProcess
) -> None:
    entry = owserver_entry(bus)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    keys = ("bus_errors", "crc_errors", "read_retries", "write_retries", "bus_timeouts")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    for key in keys:
        entity_id = registry.async_get_entity_id(
            "sensor", DOMAIN, f"owserver_{entry.entry_id}_{key}"
        )
        assert entity_id is not None
        entity = registry.async_get(entity_id)
        assert entity is not None
        assert entity.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        assert entity.entity_category == "diagnostic"
        registry.async_update_entity(entity_id, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    statistics = entry.runtime_data.data.statistics
    assert statistics is not None
    assert statistics.reads > 0  # the real owserver counts our reads
    state = hass.states.get(
        f"sensor.owserver_{bus.host.replace('.', '_')}_{bus.port}_read_retries"
    )
    for key in keys:
        entity_id = registry.async_get_entity_id(
            "sensor", DOMAIN, f"owserver_{entry.entry_id}_{key}"
        )
        assert entity_id is not None
        state = hass.states.get(entity_id)
        assert state is not None
        assert int(state.state) >= 0
    await hass.config_entries.async_unload(entry.entry_id)


async def test_line_noise_on_the_emulated_bus_raises_the_issue_until_it_stops(
    hass: HomeAssistant,
    emulated_owserver_factory: EmulatedOwserverFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real owserver counts the CRC errors the emulated chip makes, and the
    integration reads them: a window per refresh here instead of a minute."""
    monkeypatch.setattr(coordinator_module, "STATISTICS_INTERVAL", timedelta(0))
    bus = await emulated_owserver_factory(
        {
            "devices": [
                {"model": "DS18B20", "id": "28.000000000001", "temperature": 20.0},
                {"model": "DS18B20", "id": "28.000000000002", "temperature": 21.0},
            ]
        }
    )
    entry = entry_at(
        bus.host, bus.port, entry_id=ENTRY_ID, options={"poll_interval": 3600}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    coordinator = entry.runtime_data
    issue_id = f"owserver_bus_error_rate_{ENTRY_ID}_crc"

    bus.emulator.set_crc_error_rate("28.000000000001", 1.0)
    for _ in range(SUSTAINED_WINDOWS):
        await coordinator.async_refresh()
    assert bus.emulator.bus.faults("crc")
    statistics = coordinator.data.statistics
    assert statistics is not None
    assert statistics.crc_errors > 0  # counted by owserver, not by the test
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "owserver_crc_error_rate"

    bus.emulator.set_crc_error_rate("28.000000000001", 0.0)
    for _ in range(SUSTAINED_WINDOWS):
        await coordinator.async_refresh()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None
    await hass.config_entries.async_unload(entry.entry_id)
