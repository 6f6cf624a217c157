"""Benchmark of the openwebnet package; prints a table.

Run: .venv/bin/python bench/openwebnet.py

1. Frames per second cut from a byte stream, parsed and dispatched to items
   (one core, no network): the cost of a busy event session.
2. Event -> callback latency over loopback against the simulator (p50/p99).
3. Learning the full state of 200 lights, 40 shutters and 10 zones (F454
   profile, real-time pacing): the discovery sweeps against asking every
   item's status one by one, in the same run.

Targets: >= 50 000 frames/s, p99 <= 5 ms, full state in <= 10 requests.
"""

import asyncio
from pathlib import Path
import statistics
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from custom_components.onewire_own.openwebnet.gateway import Gateway
    from simulator.openwebnet import Installation

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FRAMES = 200_000
LATENCY_SAMPLES = 2_000
CHUNK = 4096


def sample_stream() -> tuple[bytes, int]:
    """A realistic mix of event frames for 250 items, as one byte stream."""
    lights = [f"{area}{point}" for area in range(1, 10) for point in range(1, 10)]
    frames: list[str] = []
    index = 0
    while len(frames) < FRAMES:
        where = lights[index % len(lights)]
        frames.extend(
            (
                f"*1*1000#1*{where}##",
                f"*1*{index % 2}*{where}##",
                f"*#1*{where}*1*{100 + index % 101}*0##",
                f"*#2*{where}*10*10*{index % 101}*1*0##",
                f"*#4*{1 + index % 10}*0*0{150 + index % 100}##",
                f"*#18*51*113*{index % 5000}##",
                f"*25*3{index % 2 + 1}#0*3{index % 20:02d}##",
                f"*15*{index % 32:02d}#1*21##",
            )
        )
        index += 1
    del frames[FRAMES:]
    return "".join(frames).encode(), len(frames)


class _Discard:
    async def send(self, frame: object) -> list[object]:
        raise AssertionError("the benchmark sends nothing")


def bench_parsing() -> list[tuple[str, str, str]]:
    from custom_components.onewire_own.openwebnet.frames import (
        FrameSplitter,
        parse_frame,
    )
    from custom_components.onewire_own.openwebnet.items.registry import ItemRegistry

    stream, count = sample_stream()
    chunks = [
        stream[offset : offset + CHUNK] for offset in range(0, len(stream), CHUNK)
    ]

    def run(dispatch: bool) -> float:
        registry = ItemRegistry(_Discard())  # type: ignore[arg-type]
        registry.add_callback(lambda item, event: None)
        splitter = FrameSplitter()
        handle = registry.dispatch
        start = time.perf_counter()
        for chunk in chunks:
            for text in splitter.feed(chunk):
                frame = parse_frame(text)
                if dispatch:
                    handle(frame)
        return count / (time.perf_counter() - start)

    run(True)  # warm the caches
    parsed = max(run(False) for _ in range(3))
    dispatched = max(run(True) for _ in range(3))
    return [
        ("frames/s split + parsed", f"{parsed:,.0f}", ">= 50,000"),
        ("frames/s split + parsed + dispatched", f"{dispatched:,.0f}", ">= 50,000"),
    ]


async def bench_latency() -> list[tuple[str, str, str]]:
    from custom_components.onewire_own.openwebnet.frames import DimensionReply
    from custom_components.onewire_own.openwebnet.gateway import Gateway
    from custom_components.onewire_own.openwebnet.where import Where
    from simulator.openwebnet import GatewaySimulator, Installation

    installation = Installation.from_dict(
        {"energy_meters": [{"where": "51", "power": 0}]}
    )
    async with GatewaySimulator(installation) as sim:
        gateway = Gateway("127.0.0.1", sim.port, model="F454")
        await gateway.start()
        try:
            meter = gateway.get_item(18, "51")
            arrived = asyncio.Event()
            received_at = 0.0

            def on_event(item: object, event: object) -> None:
                nonlocal received_at
                received_at = time.perf_counter()
                arrived.set()

            meter.add_callback(on_event)
            latencies: list[float] = []
            for watts in range(1, LATENCY_SAMPLES + 1):
                arrived.clear()
                frame = DimensionReply(18, Where("51"), "113", (str(watts),))
                sent_at = time.perf_counter()
                await sim.emit(frame)
                await arrived.wait()
                latencies.append((received_at - sent_at) * 1000)
        finally:
            await gateway.close()
    cut = statistics.quantiles(latencies, n=100)
    return [
        ("event -> callback p50 (ms)", f"{cut[49]:.3f}", ""),
        ("event -> callback p99 (ms)", f"{cut[98]:.3f}", "<= 5"),
    ]


def _learned(gateway: Gateway, installation: Installation) -> tuple[int, int]:
    """Items of the installation whose state the client knows / all of them."""
    from custom_components.onewire_own.openwebnet.items import (
        Light,
        Shutter,
        ThermoZone,
    )

    known = total = 0
    for spec in installation.lights:
        total += 1
        light = gateway.items.get((1, spec.where))
        known += isinstance(light, Light) and light.is_on is not None
    for shutter_spec in installation.shutters:
        total += 1
        shutter = gateway.items.get((2, shutter_spec.where))
        known += isinstance(shutter, Shutter) and (
            not shutter_spec.advanced or shutter.position is not None
        )
    for zone_spec in installation.zones:
        total += 1
        zone = gateway.items.get((4, str(zone_spec.zone)))
        known += (
            isinstance(zone, ThermoZone)
            and zone.temperature is not None
            and zone.set_point is not None
        )
    return known, total


async def bench_discovery() -> list[tuple[str, str, str]]:
    from custom_components.onewire_own.openwebnet.gateway import Gateway
    from custom_components.onewire_own.openwebnet.items import Shutter
    from simulator.openwebnet import GatewaySimulator, Installation

    installation = Installation.generate(lights=200, shutters=40, zones=10)
    rows: list[tuple[str, str, str]] = []
    async with GatewaySimulator(installation, profile="F454") as sim:
        gateway = Gateway("127.0.0.1", sim.port, event_session=False, model="F454")
        await gateway.start()
        try:
            before = len(sim.requests())
            start = time.perf_counter()
            await gateway.discover()
            elapsed = time.perf_counter() - start
            requests = len(sim.requests()) - before
            known, total = _learned(gateway, installation)
            rows.append(
                (
                    "discovery sweeps: requests / seconds / items known",
                    f"{requests} / {elapsed:.2f} / {known} of {total}",
                    "<= 10 requests",
                )
            )
        finally:
            await gateway.close()

    async with GatewaySimulator(installation, profile="F454") as sim:
        gateway = Gateway("127.0.0.1", sim.port, event_session=False, model="F454")
        await gateway.start()
        try:
            for spec in installation.lights:
                gateway.get_item(1, spec.where)
            for shutter_spec in installation.shutters:
                shutter = gateway.get_item(2, shutter_spec.where)
                assert isinstance(shutter, Shutter)
                shutter.is_advanced = shutter_spec.advanced  # as a user would configure
            for zone_spec in installation.zones:
                gateway.get_item(4, str(zone_spec.zone))
            before = len(sim.requests())
            start = time.perf_counter()
            await gateway.refresh_items()
            elapsed = time.perf_counter() - start
            requests = len(sim.requests()) - before
            known, total = _learned(gateway, installation)
            rows.append(
                (
                    "status one by one: requests / seconds / items known",
                    f"{requests} / {elapsed:.2f} / {known} of {total}",
                    "(comparison)",
                )
            )
        finally:
            await gateway.close()
    return rows


def main() -> None:
    rows = bench_parsing()
    rows += asyncio.run(bench_latency())
    rows += asyncio.run(bench_discovery())
    width = max(len(row[0]) for row in rows)
    value_width = max(len(row[1]) for row in rows)
    print(f"{'measure':<{width}}  {'result':>{value_width}}  target")
    print(f"{'-' * width}  {'-' * value_width}  ------")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>{value_width}}  {target}")


if __name__ == "__main__":
    main()
