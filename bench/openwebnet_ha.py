"""Benchmark of the MyHOME half inside Home Assistant; prints a table.

Run: .venv/bin/python bench/openwebnet_ha.py

A real Home Assistant (the test harness of pytest-homeassistant-custom-component,
so the script runs itself under pytest) adds a gateway entry for a simulated
gateway with 200 lights (every 4th a 100-level dimmer), 40 shutters (every 2nd
advanced), 10 thermo zones run by a central unit, 4 probes (3 slave, 1
external), 5 energy meters (3 meters ``5N``, 2 actuators ``7N#0``), a sound
system (8 amplifiers, a tuner and 3 other sources), 2 scenario modules and 4
programmed scenes, in real time, default options, twice:

- an F454 found by SSDP (the entry knows its model: 50 ms between commands,
  one command session and the event session);
- an MH200N added by hand (one command session and the event session, all it
  holds; its pause, 150 ms, comes from the model it tells at start).

For each:

1. Setup -> every entity has its real state: the time from the start of the
   entry's setup until every light is on or off, every zone has its mode,
   set point and temperature, every advanced shutter its position, and every
   basic shutter its movement (a basic actuator cannot tell its position
   before a full travel; its cover shows "unknown" until then), the central
   unit its operating mode and every probe its temperature. Energy meters
   are found and read in the background after setup: the time until every
   meter shows its power and energies is a row of its own.
2. What was sent to get there, counted by the simulated gateway: requests
   on command sessions, by system (gateway info and sweeps; the central
   unit's status after the sweeps; probes, answered by the zone sweep; the
   energy meters' discovery, power push and energies; the sound sweep —
   these last two run in the background after setup, so the first entities
   do not wait for them), and every frame received (session requests and
   keep-alives included). Then the time until every sound zone and source
   has its state, and the sound requests in all. Areas and the whole bus
   (light sets), scenario modules and scenes add no request: sets follow
   their lights, modules and scenes cannot be swept.
3. Event -> Home Assistant state latency (F454): a light frame written by
   the simulated gateway on its event session until the light entity's new
   state is in the state machine (p50/p99 over many samples).

Targets, for both gateways: every state within 5 s of setup, <= 10 requests
(gateway info and sweeps) for the lights, shutters and zones; event -> state
p99 <= 10 ms.
"""

import asyncio
import os
from pathlib import Path
import statistics
import sys
import time
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTS, SHUTTERS, ZONES = 200, 40, 10
PROBES, METERS, ACTUATOR_METERS = 4, 3, 2
#: (simulated profile, the model name in the entry as SSDP would store it).
GATEWAYS = (("F454", "F454"), ("MH200N", None))
AMPLIFIERS, SOURCES, SCENARIO_MODULES, SCENES = 8, 4, 2, 4
LATENCY_SAMPLES = 1000
TARGET_SETUP_S = 5.0
TARGET_FRAMES = 10
TARGET_P99_MS = 10.0
RESULTS: list[tuple[str, str, str]] = []


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _every_state_known(gateway: Any) -> bool:
    from custom_components.onewire_own.openwebnet.items import (
        Light,
        Shutter,
        ThermoCentralUnit,
        ThermoProbe,
        ThermoZone,
    )

    counts = {Light: 0, Shutter: 0, ThermoZone: 0, ThermoCentralUnit: 0, ThermoProbe: 0}
    for item in gateway.items.values():
        if isinstance(item, Light):
            counts[Light] += item.is_on is not None
        elif isinstance(item, Shutter):
            # Basic shutters: stopped is the sweep's answer (``*2*0*W##``).
            counts[Shutter] += (not item.is_advanced) or item.position is not None
        elif isinstance(item, ThermoZone):
            counts[ThermoZone] += None not in (
                item.mode,
                item.set_point,
                item.temperature,
            )
        elif isinstance(item, ThermoCentralUnit):
            counts[ThermoCentralUnit] += item.mode is not None
        elif isinstance(item, ThermoProbe):
            counts[ThermoProbe] += item.temperature is not None
    return counts == {
        Light: LIGHTS,
        Shutter: SHUTTERS,
        ThermoZone: ZONES,
        ThermoCentralUnit: 1,
        ThermoProbe: PROBES,
    }


def _known(hass: Any, entities: list[Any]) -> bool:
    return all(
        (state := hass.states.get(entity.entity_id)) is not None
        and state.state not in ("unknown", "unavailable")
        for entity in entities
    )


def _entities_show_it(hass: Any, entry_id: str) -> bool:
    from homeassistant.helpers import entity_registry as er

    entities = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    # The points' lights (areas and the whole bus are lights too, disabled).
    lights = [e for e in entities if e.domain == "light" and e.disabled_by is None]
    zones = [e for e in entities if e.domain == "climate"]
    modes = [e for e in entities if e.domain == "select"]
    probes = [e for e in entities if e.unique_id.endswith("-temperature")]
    if (len(lights), len(zones), len(modes), len(probes)) != (
        LIGHTS,
        ZONES,
        1,
        PROBES,
    ):
        return False
    return _known(hass, lights + zones + modes + probes)


def _energy_shown(hass: Any, entry_id: str) -> bool:
    from homeassistant.helpers import entity_registry as er

    entities = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    today = [e for e in entities if e.unique_id.endswith("-energy_today")]
    power = [e for e in entities if e.unique_id.endswith("-power")]
    meters = METERS + ACTUATOR_METERS
    return len(today) == len(power) == meters and _known(hass, today + power)


def _requests_by_system(simulator: Any) -> dict[str, int]:
    """Requests on command sessions, by the system they are for."""
    from custom_components.onewire_own.openwebnet.gateway import DISCOVERY_SWEEPS
    from custom_components.onewire_own.openwebnet.items.thermo_probes import probe_where

    counts = dict.fromkeys(
        (
            "gateway info and sweeps",
            "central unit",
            "probes",
            "energy",
            "sound",
            "other",
        ),
        0,
    )
    for request in simulator.requests():
        if request.who == 13 or request in DISCOVERY_SWEEPS:
            counts["gateway info and sweeps"] += 1
        elif request.who == 4:
            probe = probe_where(request.where) is not None
            counts["probes" if probe else "central unit"] += 1
        elif request.who in (18, 1018):
            counts["energy"] += 1
        elif request.who in (16, 22):
            counts["sound"] += 1
        else:
            counts["other"] += 1
    return counts


def _sound_shown(hass: Any, entry_id: str) -> bool:
    from homeassistant.helpers import entity_registry as er

    entities = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    players = [e for e in entities if e.domain == "media_player"]
    return len(players) == AMPLIFIERS + SOURCES and all(
        (state := hass.states.get(entity.entity_id)) is not None
        and state.state not in ("unknown", "unavailable")
        for entity in players
    )


async def bench(hass: Any) -> None:
    """Everything measured, in one Home Assistant; setup rows side by side."""
    latency: list[tuple[str, str, str]] = []
    for profile, model in GATEWAYS:
        latency += await bench_gateway(hass, profile, model, latency=profile == "F454")
    RESULTS.extend(latency)


async def bench_gateway(
    hass: Any, profile: str, model: str | None, *, latency: bool
) -> list[tuple[str, str, str]]:
    """Setup figures for one gateway model (in RESULTS); latency rows if asked."""
    from pytest_homeassistant_custom_component.common import MockConfigEntry

    from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
    from simulator.openwebnet import GatewaySimulator, Installation

    installation = Installation.generate(
        lights=LIGHTS,
        shutters=SHUTTERS,
        zones=ZONES,
        amplifiers=AMPLIFIERS,
        sources=SOURCES,
        scenario_modules=SCENARIO_MODULES,
        scenes=SCENES,
        central_unit=True,
        probes=PROBES,
        energy_meters=METERS,
        actuator_meters=ACTUATOR_METERS,
    )
    async with GatewaySimulator(installation, profile=profile) as simulator:
        data = {
            CONF_KIND: EntryKind.OPENWEBNET,
            "host": simulator.host,
            "port": simulator.port,
            "password": "",
        }
        if model is not None:
            data["model"] = model
        entry = MockConfigEntry(domain=DOMAIN, data=data)
        entry.add_to_hass(hass)

        start = time.perf_counter()
        assert await hass.config_entries.async_setup(entry.entry_id)
        gateway = entry.runtime_data.gateway
        # Polled every millisecond: the finish line is a condition on items and
        # states together, which no single event announces.
        while not (  # noqa: ASYNC110
            _every_state_known(gateway) and _entities_show_it(hass, entry.entry_id)
        ):
            await asyncio.sleep(0.001)
        elapsed = time.perf_counter() - start
        # Counted where they arrive: the simulated gateway's own logs.
        counts = _requests_by_system(simulator)
        frames_in = [received.text for received in simulator.received]
        while not _energy_shown(hass, entry.entry_id):  # noqa: ASYNC110
            await asyncio.sleep(0.001)
        energy_elapsed = time.perf_counter() - start
        await hass.async_block_till_done(wait_background_tasks=True)
        energy = _requests_by_system(simulator)["energy"]
        meters = METERS + ACTUATOR_METERS
        RESULTS.extend(
            [
                (
                    f"{profile}: setup -> every state ({LIGHTS} lights,"
                    f" {SHUTTERS} shutters, {ZONES} zones, central unit,"
                    f" {PROBES} probes; command sessions"
                    f" {gateway.command_sessions} + event, pause"
                    f" {gateway.pacing * 1000:.0f} ms)",
                    f"{elapsed:.2f} s",
                    f"<= {TARGET_SETUP_S:.0f} s",
                ),
                (
                    f"{profile}: requests for lights, shutters, zones"
                    " (gateway info + sweeps)",
                    str(counts["gateway info and sweeps"]),
                    f"<= {TARGET_FRAMES}",
                ),
                (
                    "  + central unit (its status after the sweeps)",
                    str(counts["central unit"]),
                    "",
                ),
                ("  + probes (answered by the zone sweep)", str(counts["probes"]), ""),
                (
                    f"  + {meters} energy meters, background (discovery +"
                    " per meter: push + 3 energies)",
                    f"{energy} = 1 + {meters} x {(energy - 1) / meters:g}",
                    "",
                ),
                *(
                    [("  + other requests", str(counts["other"]), "")]
                    if counts["other"]
                    else []
                ),
                (
                    f"{profile}: setup -> every meter's power and energies shown"
                    " (background)",
                    f"{energy_elapsed:.2f} s",
                    "",
                ),
                (
                    "  + sound requests already sent by then (background)",
                    str(counts["sound"]),
                    "",
                ),
                (
                    "every frame the gateway received by the first finish line",
                    f"{len(frames_in)} (session requests: "
                    f"{sum(text.startswith('*99*') for text in frames_in)})",
                    "",
                ),
            ]
        )
        while not _sound_shown(hass, entry.entry_id):  # noqa: ASYNC110
            await asyncio.sleep(0.001)
        sound_elapsed = time.perf_counter() - start
        await hass.async_block_till_done(wait_background_tasks=True)
        RESULTS.extend(
            [
                (
                    f"{profile}: setup -> every sound zone and source state"
                    f" ({AMPLIFIERS} amplifiers, {SOURCES} sources; background)",
                    f"{sound_elapsed:.2f} s",
                    "",
                ),
                (
                    f"{profile}: sound requests in all (the sweep, a station"
                    " request per source, the tuner's frequency and RDS)",
                    str(len(simulator.requests(16))),
                    "",
                ),
            ]
        )
        rows = await _latency(hass, simulator) if latency else []
        assert await hass.config_entries.async_unload(entry.entry_id)
    return rows


async def _latency(hass: Any, simulator: Any) -> list[tuple[str, str, str]]:
    """Event frame on the event session -> new state in the state machine."""
    from homeassistant.core import Event, callback

    from custom_components.onewire_own.openwebnet import Command, Where

    entity_id = "light.light_11"
    changed = asyncio.Event()
    changed_at = 0.0

    @callback
    def state_changed(event: Event) -> None:
        nonlocal changed_at
        if event.data["entity_id"] == entity_id:
            changed_at = time.perf_counter()
            changed.set()

    unsubscribe = hass.bus.async_listen("state_changed", state_changed)
    samples: list[float] = []

    for index in range(LATENCY_SAMPLES):
        changed.clear()
        frame = Command(1, "1" if index % 2 else "0", (), Where("11"))
        sent_at = time.perf_counter()
        await simulator.emit(frame)
        await changed.wait()
        samples.append((changed_at - sent_at) * 1000)
    unsubscribe()
    return [
        (
            f"F454: event -> HA state p50 ({LATENCY_SAMPLES} samples)",
            f"{statistics.median(samples):.2f} ms",
            "",
        ),
        (
            "F454: event -> HA state p99",
            f"{_percentile(samples, 0.99):.2f} ms",
            f"<= {TARGET_P99_MS:.0f} ms",
        ),
        (
            "load average (1 min) / CPUs while measuring",
            f"{os.getloadavg()[0]:.1f} / {os.cpu_count()}",
            "",
        ),
    ]


async def test_benchmark(
    hass: Any, enable_custom_integrations: None, socket_enabled: None
) -> None:
    """Run under pytest for Home Assistant's test harness (see the docstring)."""
    await bench(hass)
    # pytest imported this file as its own module: hand the rows to the script.
    launcher = sys.modules.get("__main__")
    if launcher is not None and hasattr(launcher, "RESULTS"):
        launcher.RESULTS.extend(RESULTS)


def print_table() -> None:
    """The results as a Markdown table."""
    rows = [("measurement", "result", "target"), *RESULTS]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for index, row in enumerate(rows):
        print(
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            + " |"
        )
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> int:
    """Run the benchmark under pytest, then print the table."""
    import pytest

    # Bind the custom_components package to this repository before the
    # harness's own testing config could claim the name.
    import custom_components.onewire_own  # noqa: F401

    code = pytest.main(
        [
            __file__,
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "pytest_homeassistant_custom_component",
            "--rootdir",
            str(ROOT),
            "-o",
            "asyncio_mode=auto",
            "-W",
            "ignore::DeprecationWarning",
        ]
    )
    print_table()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
