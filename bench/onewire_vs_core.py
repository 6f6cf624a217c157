"""Benchmark: this integration's 1-Wire half against Home Assistant core's onewire.

Run: .venv/bin/python bench/onewire_vs_core.py [--sizes 50,200,500] [--refreshes 5]

For each N, one real ``owserver --fake`` with N devices (a mix of the
families both integrations show by default: DS18B20, DS18S20, DS1822, DS1825,
DS28EA00, DS2438, DS2423 counters, DS2450 A/D) on a free loopback port. Each
integration under test then runs in its own child process holding one Home
Assistant instance (the pytest-homeassistant-custom-component harness, same HA
version), set up the same way: a config entry for that owserver, default
options, default enabled entities.

One "full refresh" brings every entity state up to date:
- onewire_own: one coordinator refresh (``async_refresh``: one whole-bus poll);
- core onewire: what its scan interval does, every platform's
  ``_async_update_entity_states`` (each entity reads its value through
  aio-ownet, a new TCP connection per read).

Measured per refresh (median of --refreshes after one warm-up): wall time,
CPU seconds of the Home Assistant process, TCP connections opened (every
``loop.create_connection`` counted, the same way for both), and the longest
event-loop stall (lateness of a 5 ms ticker running during the refreshes).

The fake owserver has no conversion time, while onewire_own with its default
options (simultaneous conversion) waits once per poll for the conversion real
sensors need: 0.75 s, or less for sensors whose ``tempres`` says 9..11 bits
(the fake answers no valid resolution, so it gets the full 0.75 s). The bus's
other reads (counters, DS2438, DS2450) run during that wait, so a default
refresh on the fake bus costs max(0.75 s, other reads) + the latesttemp
reads: it can never be shorter than 0.75 s, while core's whole refresh on
the fake bus is about 0.5 s at N = 500. The row "simultaneous off" shows
onewire_own without that wait, which is what a fake bus can really compare.
The "on hardware" column adds what a real bus would: 0.75 s per per-device
DS18x20 read (core, and onewire_own with simultaneous off); the measured time
already holds the one shared conversion of onewire_own's default poll.

Why the client waits and does not leave it to owserver: in the OWFS sources
(ow_simultaneous.c, ow_1820.c), a write of ``simultaneous/temperature`` on a
powered bus only notes the conversion's start, and a later read of
``temperature``/``temperatureNN`` sleeps the remainder in the server
(FS_Test_Simultaneous; owfs's own table gives 1000 ms at 12 bits, counted
from whole elapsed seconds); a parasite-powered bus blocks 1000 ms inside the
write; older versions block in the write until the bus reports the
conversion done (FS_poll_convert). ``latesttemp``, which this integration
reads, is documented as the last conversion's result without a new one; no
source seen shows it waiting. So owserver's wait cannot be relied on for
``latesttemp``, and a real bus would get ``temperature`` reads no faster
(1000 ms) than our 750 ms; on the fake adapter, owserver skips simultaneous
conversions altogether, so leaving the wait to it would only flatter this
benchmark.

Targets at N = 500: full refresh >= 5x faster than core, CPU per refresh <= 1/3
of core's, zero TCP connections per refresh in steady state.

The second table runs the same comparison on the *emulated* bus
(``simulator.onewire``): the same Debian owserver drives an emulated DS9097U
(DS2480B, 9600 baud) with N emulated chips (DS18B20, DS18S20, DS1822, DS2438,
DS2423), so conversions take their datasheet time (750 ms at 12 bits), every
1-Wire byte costs its serial and wire time, and owserver's own conversion
waits and caches are in play. Both integrations run with polling off (core:
the entry's "disable polling" preference; this one: a one-hour interval) so
that only the measured refreshes use the bus. Besides the refresh time it
prints what the emulator logged during each refresh: Convert T transactions
and the age of the DS18x20 values at the end of the refresh (time since each
sensor's last conversion, oldest and mean) — a refresh is only as good as the
values it brings. Refreshes start 30 s apart, the default poll interval of
both: owserver keeps a read value 15 s in its cache, and core's plain reads
are served from it when they come sooner. Sizes default to 10, 50, 100 and
refreshes to 2 (a per-device refresh of 100 sensors costs a minute and more
on a real bus).
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import json
import logging
from pathlib import Path
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# DS18x20 family codes: a per-device read of their temperature converts first.
THERMOMETERS = frozenset({"10", "22", "28", "3B", "42"})
CONVERSION_TIME = 0.75
# Families both integrations support and show with default-enabled entities.
FAMILY_MIX = ("28", "10", "22", "3B", "42", "26", "1D", "20", "28", "28")
# The same idea on the emulated bus, from the chips it models.
EMULATED_MIX = ("28", "10", "22", "26", "1D", "28", "28", "10", "22", "28")
TICK = 0.005
# Both integrations' default poll interval. On the emulated bus refreshes are
# spaced by it: owserver caches a read value for 15 s, so back-to-back
# refreshes would measure its cache, not the bus.
POLL_INTERVAL = 30.0


def fake_devices(count: int) -> list[str]:
    """N family codes for owserver --fake, cycling through the mix."""
    return [FAMILY_MIX[index % len(FAMILY_MIX)] for index in range(count)]


def emulated_bus(count: int) -> dict[str, Any]:
    """A bus description with N emulated chips, cycling through EMULATED_MIX."""
    counts: dict[str, int] = {}
    for index in range(count):
        family = EMULATED_MIX[index % len(EMULATED_MIX)]
        counts[family] = counts.get(family, 0) + 1
    return {"seed": count, "generate": counts}


class StallMeter:
    """Measures the longest lateness of a short periodic sleep (loop stalls)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(TICK)
            self.worst = max(self.worst, time.perf_counter() - started - TICK)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._tick())

    async def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        return self.worst


def count_connections(loop: asyncio.AbstractEventLoop) -> list[int]:
    """Count every TCP connection the loop opens from now on (in box[0])."""
    box = [0]
    original = loop.create_connection

    async def counting(*args: Any, **kwargs: Any) -> Any:
        box[0] += 1
        return await original(*args, **kwargs)

    loop.create_connection = counting  # type: ignore[method-assign]
    return box


async def measure_in_home_assistant(
    kind: str, host: str, port: int, refreshes: int, *, emulated: bool = False
) -> dict[str, Any]:
    """Set up one integration in a fresh hass and time its full refreshes.

    emulated: the owserver drives the emulated bus (slow, real timing):
    both integrations' own polling is turned off, refreshes start
    POLL_INTERVAL apart (as the default interval would start them), the
    refreshes' monotonic start/end times are returned (the emulator's log is
    read against them) and the separate stall pass is skipped.
    """
    from homeassistant import loader
    from homeassistant.helpers import entity_platform, entity_registry as er
    from pytest_homeassistant_custom_component.common import (
        MockConfigEntry,
        async_test_home_assistant,
    )

    connections = count_connections(asyncio.get_running_loop())
    with tempfile.TemporaryDirectory() as config_dir:
        async with async_test_home_assistant(config_dir=config_dir) as hass:
            if kind == "core":
                entry = MockConfigEntry(
                    domain="onewire",
                    data={"host": host, "port": port},
                    pref_disable_polling=emulated,
                )
            else:
                hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
                options: dict[str, Any] = {"simultaneous": kind == "ours"}
                if emulated:
                    options |= {"poll_interval": 3600, "scan_interval": 3600}
                entry = MockConfigEntry(
                    domain="onewire_own",
                    data={"kind": "owserver", "host": host, "port": port},
                    options=options,
                )
            entry.add_to_hass(hass)
            if not await hass.config_entries.async_setup(entry.entry_id):
                raise RuntimeError(f"set-up failed: {entry.state} {entry.reason}")
            await hass.async_block_till_done()

            refresh: Callable[[], Awaitable[Any]]
            if kind == "core":
                platforms = entity_platform.async_get_platforms(hass, "onewire")

                async def refresh() -> None:
                    await asyncio.gather(
                        *(
                            platform._async_update_entity_states()
                            for platform in platforms
                        )
                    )

            else:
                refresh = entry.runtime_data.async_refresh
            entities = sum(
                1
                for entity in er.async_entries_for_config_entry(
                    er.async_get(hass), entry.entry_id
                )
                if not entity.disabled
            )

            last_start = time.monotonic()
            await refresh()  # warm-up: connections, structure, caches
            await hass.async_block_till_done()
            walls: list[float] = []
            cpus: list[float] = []
            opened: list[int] = []
            windows: list[tuple[float, float]] = []
            for _ in range(refreshes):
                if emulated:
                    await asyncio.sleep(last_start + POLL_INTERVAL - time.monotonic())
                before = connections[0]
                cpu = time.process_time()
                wall = time.perf_counter()
                started = last_start = time.monotonic()
                await refresh()
                await hass.async_block_till_done()
                windows.append((started, time.monotonic()))
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
                opened.append(connections[0] - before)
            # Stalls in separate refreshes: the ticker's own CPU must not count above.
            stalls: list[float] = [0.0]
            meter = StallMeter()
            for _ in range(0 if emulated else refreshes):
                meter.start()
                await refresh()
                await hass.async_block_till_done()
                stalls.append(await meter.stop())
            unavailable = sum(
                1 for state in hass.states.async_all() if state.state == "unavailable"
            )
            await hass.config_entries.async_unload(entry.entry_id)
            await hass.async_block_till_done()
            await hass.async_stop(force=True)
    return {
        "entities": entities,
        "unavailable": unavailable,
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "connections": statistics.median(opened),
        "stall": max(stalls),
        "windows": windows,
    }


def run_child(
    kind: str, host: str, port: int, refreshes: int, *, emulated: bool = False
) -> dict[str, Any]:
    """Measure one integration in its own process (its own hass and loop)."""
    child = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--host",
            host,
            "--port",
            str(port),
            "--refreshes",
            str(refreshes),
            *(["--emulated"] if emulated else []),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if child.returncode:
        raise RuntimeError(f"{kind} failed:\n{child.stderr[-3000:]}")
    output = child.stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


LABELS = {
    "ours": "onewire_own (defaults)",
    "ours-nosim": "onewire_own (simultaneous off)",
    "core": "core onewire",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200,500", help="fake-bus sizes")
    parser.add_argument("--refreshes", type=int, default=5)
    parser.add_argument(
        "--emulated-sizes", default="10,50,100", help="emulated-bus sizes"
    )
    parser.add_argument("--emulated-refreshes", type=int, default=2)
    parser.add_argument(
        "--buses", default="fake,emulated", help="which tables: fake, emulated"
    )
    parser.add_argument("--child", choices=list(LABELS))
    parser.add_argument("--emulated", action="store_true")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    if args.child:
        logging.basicConfig(level=logging.WARNING)
        result = asyncio.run(
            measure_in_home_assistant(
                args.child,
                args.host,
                args.port,
                args.refreshes,
                emulated=args.emulated,
            )
        )
        print(json.dumps(result))
        return

    buses = set(args.buses.split(","))
    if "fake" in buses:
        fake_bus_table(args.sizes, args.refreshes)
    if "emulated" in buses:
        emulated_bus_table(args.emulated_sizes, args.emulated_refreshes)


def fake_bus_table(sizes: str, refreshes: int) -> None:
    """The table on owserver --fake."""
    from tests.peers.owserver import OwserverProcess

    print(
        f"{'N':>4} {'integration':<31} {'entities':>8} {'refresh s':>10} "
        f"{'CPU s':>8} {'TCP conn':>8} {'max stall ms':>12} {'core/this':>9} "
        f"{'on hardware s':>13} {'core/this':>9}  notes"
    )
    for size in (int(text) for text in sizes.split(",")):
        results: dict[str, dict[str, Any]] = {}
        with tempfile.TemporaryDirectory() as directory:
            # owserver's command line overflows past ~130 fake devices; its
            # configuration file does not.
            config = Path(directory) / "owserver.conf"
            config.write_text("fake = " + ",".join(fake_devices(size)) + "\n")
            for kind in ("core", "ours", "ours-nosim"):
                # A fresh owserver each: one integration must not inherit the
                # state (or the crash) another left behind.
                with OwserverProcess(extra_args=["-c", str(config)]) as server:
                    result = run_child(kind, server.host, server.port, refreshes)
                    result["owserver survived"] = server.running
                results[kind] = result
        # Per-device conversions a real bus would add (one bus: they are serial).
        thermometers = sum(1 for family in fake_devices(size) if family in THERMOMETERS)
        serial_conversions = {
            "core": thermometers,
            "ours": 0,
            "ours-nosim": thermometers,
        }
        core = results["core"]
        core_hardware = core["wall"] + thermometers * CONVERSION_TIME
        for kind, result in results.items():
            speedup = core["wall"] / result["wall"] if result["wall"] else 0.0
            hardware = result["wall"] + serial_conversions[kind] * CONVERSION_TIME
            cpu_ratio = result["cpu"] / core["cpu"] if core["cpu"] else 0.0
            print(
                f"{size:>4} {LABELS[kind]:<31} {result['entities']:>8} "
                f"{result['wall']:>10.3f} {result['cpu']:>8.3f} "
                f"{result['connections']:>8.0f} {result['stall'] * 1000:>12.1f} "
                f"{speedup:>8.1f}x {hardware:>13.2f} {core_hardware / hardware:>8.1f}x"
                + ("" if kind == "core" else f"  CPU {cpu_ratio:.2f} of core")
                + ("" if result["owserver survived"] else "  owserver CRASHED")
                + (
                    f"  {result['unavailable']} unavailable"
                    if result["unavailable"]
                    else ""
                )
            )


def value_ages(wire: Any, end: float) -> list[float]:
    """Age at time end of each DS18x20's last converted value (inf: never)."""
    last: dict[str, float] = {}
    for conversion in wire.conversions():
        if conversion.time <= end and f"{conversion.rom.family:02X}" in THERMOMETERS:
            last[conversion.rom.name] = conversion.time
    names = [chip.name for chip in wire.chips() if f"{chip.family:02X}" in THERMOMETERS]
    return [end - last[name] if name in last else float("inf") for name in names]


def emulated_bus_table(sizes: str, refreshes: int) -> None:
    """The table on the emulated bus: real conversion and bus times."""
    from tests.peers.onewire_bus import emulated_owserver

    print()
    print("On the emulated bus (DS9097U at 9600 baud, datasheet conversion times):")
    print(
        f"{'N':>4} {'integration':<31} {'entities':>8} {'refresh s':>10} "
        f"{'CPU s':>8} {'Convert T':>9} {'oldest value s':>14} "
        f"{'mean age s':>10} {'core/this':>9}"
    )
    for size in (int(text) for text in sizes.split(",")):
        rows: dict[str, dict[str, Any]] = {}
        for kind in ("core", "ours", "ours-nosim"):
            with emulated_owserver(emulated_bus(size)) as bus:
                result = run_child(kind, bus.host, bus.port, refreshes, emulated=True)
                wire = bus.emulator.bus
                converts: list[int] = []
                oldest: list[float] = []
                mean: list[float] = []
                with wire.lock:
                    for started, ended in result["windows"]:
                        converts.append(
                            len(
                                [
                                    t
                                    for t in wire.transactions(function=0x44)
                                    if started <= t.time <= ended
                                ]
                            )
                        )
                        ages = value_ages(wire, ended)
                        oldest.append(max(ages))
                        mean.append(statistics.fmean(ages))
                result |= {
                    "converts": statistics.median(converts),
                    "oldest": statistics.median(oldest),
                    "mean": statistics.median(mean),
                }
            rows[kind] = result
        core = rows["core"]
        for kind, result in rows.items():
            speedup = core["wall"] / result["wall"] if result["wall"] else 0.0
            print(
                f"{size:>4} {LABELS[kind]:<31} {result['entities']:>8} "
                f"{result['wall']:>10.2f} {result['cpu']:>8.3f} "
                f"{result['converts']:>9.0f} {result['oldest']:>14.2f} "
                f"{result['mean']:>10.2f} {speedup:>8.1f}x"
                + (
                    f"  {result['unavailable']} unavailable"
                    if result["unavailable"]
                    else ""
                )
            )


if __name__ == "__main__":
    main()
