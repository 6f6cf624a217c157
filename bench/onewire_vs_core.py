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
TICK = 0.005


def fake_devices(count: int) -> list[str]:
    """N family codes for owserver --fake, cycling through the mix."""
    return [FAMILY_MIX[index % len(FAMILY_MIX)] for index in range(count)]


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
    kind: str, host: str, port: int, refreshes: int
) -> dict[str, Any]:
    """Set up one integration in a fresh hass and time its full refreshes."""
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
                    domain="onewire", data={"host": host, "port": port}
                )
            else:
                hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
                options = {"simultaneous": kind == "ours"}
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

            await refresh()  # warm-up: connections, structure, caches
            await hass.async_block_till_done()
            walls: list[float] = []
            cpus: list[float] = []
            opened: list[int] = []
            for _ in range(refreshes):
                before = connections[0]
                cpu = time.process_time()
                wall = time.perf_counter()
                await refresh()
                await hass.async_block_till_done()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
                opened.append(connections[0] - before)
            # Stalls in separate refreshes: the ticker's own CPU must not count above.
            stalls: list[float] = []
            meter = StallMeter()
            for _ in range(refreshes):
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
    }


def run_child(kind: str, host: str, port: int, refreshes: int) -> dict[str, Any]:
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
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
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
    parser.add_argument("--sizes", default="50,200,500")
    parser.add_argument("--refreshes", type=int, default=5)
    parser.add_argument("--child", choices=list(LABELS))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    if args.child:
        logging.basicConfig(level=logging.WARNING)
        result = asyncio.run(
            measure_in_home_assistant(args.child, args.host, args.port, args.refreshes)
        )
        print(json.dumps(result))
        return

    from tests.peers.owserver import OwserverProcess

    print(
        f"{'N':>4} {'integration':<31} {'entities':>8} {'refresh s':>10} "
        f"{'CPU s':>8} {'TCP conn':>8} {'max stall ms':>12} {'core/this':>9} "
        f"{'on hardware s':>13} {'core/this':>9}  notes"
    )
    for size in (int(text) for text in args.sizes.split(",")):
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
                    result = run_child(kind, server.host, server.port, args.refreshes)
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


if __name__ == "__main__":
    main()
