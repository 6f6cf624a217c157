"""Benchmark of the owfs client against aio-ownet and owread; prints tables.

Run: .venv/bin/python bench/owfs_client.py [--sizes 10,100,500] [--reads 200]

Every measurement runs against a real ``owserver --fake`` holding N DS18B20
sensors on one bus, and every client runs in a fresh child process (so its
peak RSS is its own):

- owfs: this package (persistent pooled connections, simultaneous conversion);
- aio-ownet: the client of Home Assistant core's ``onewire`` (a new TCP
  connection per request), pinned in requirements_bench.txt;
- owread: the owfs shell tool, one process per value.

Measured: reads/s sequentially and with 16 callers in parallel (through the
pool for owfs), the time of one full poll of the bus (every sensor's
temperature), TCP connections opened per poll in steady state, peak RSS.

The fake owserver has no real sensors, so a per-device temperature read costs
it nothing; on hardware each such read waits for a conversion (up to 750 ms).
The "on hardware" column adds that wait: N x 0.75 s for per-device reads, the
one measured 0.75 s conversion window for owfs's simultaneous poll.

Targets: owfs >= 3x aio-ownet sequential reads/s, >= 4x with the pool, zero
new TCP connections per poll in steady state.
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
import json
from pathlib import Path
import statistics
import subprocess
import sys
import tempfile
import time
import types
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONVERSION_TIME = 0.75
PARALLEL_CALLERS = 16
POOL_CONNECTIONS = 4
POLLS = 3
ROUNDS = 10
ROUND_SECONDS = 0.3


def import_owfs() -> types.ModuleType:
    """Import the owfs package alone, as a library user would.

    The integration's own __init__ imports Home Assistant, which would count
    in owfs's RSS; the protocol package does not need it.
    """
    package = types.ModuleType("custom_components.onewire_own")
    package.__path__ = [str(ROOT / "custom_components" / "onewire_own")]
    sys.modules["custom_components.onewire_own"] = package
    from custom_components.onewire_own import owfs

    return owfs


def peak_rss_mib() -> float:
    """This process's peak RSS since it started (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that high-water mark across
    exec, so a child started by a big parent would report the parent's size.
    """
    status = Path("/proc/self/status").read_text()
    kib = int(status.split("VmHWM:")[1].split()[0])
    return kib / 1024


def owread_peak_rss_mib(port: int, path: str) -> float | None:
    """Peak RSS of one owread process, measured by /usr/bin/time if present."""
    if not Path("/usr/bin/time").exists():
        return None
    peaks = []
    for _ in range(5):
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "owread", "-s", str(port), path],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        peaks.append(int(result.stderr.strip().splitlines()[-1]))
    return max(peaks) / 1024


async def rate_for(
    seconds: float, parallel: int, call: Callable[[int], Awaitable[Any]]
) -> float:
    """Calls per second of call(i) made for about seconds, with parallel callers."""
    deadline = time.perf_counter() + seconds
    done = 0

    async def caller() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await call(done)
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(parallel)))
    return done / (time.perf_counter() - started)


# ------------------------------------------------------------------ workers


async def worker_owfs(port: int, _reads: int) -> dict[str, Any]:
    owfs = import_owfs()
    async with owfs.OWFS() as ow:
        server = await ow.add_server("127.0.0.1", port, connections=POOL_CONNECTIONS)
        ids = [device.id for device in server.devices]
        wanted = {"28": ["temperature"]}
        await owfs.poll_server(
            server, wanted, conversion_time=CONVERSION_TIME
        )  # warm-up
        times, connections = [], []
        for _ in range(POLLS):
            result = await owfs.poll_server(
                server, wanted, conversion_time=CONVERSION_TIME
            )
            assert len(result.values) == len(ids), result.errors
            times.append(result.duration)
            connections.append(result.connections_opened)
        poll_time = statistics.median(times)
        return {
            "poll": poll_time,
            "poll_hardware": poll_time,  # the conversion wait is already in
            "connections_per_poll": max(connections),
            "rss": peak_rss_mib(),
        }


async def worker_aio_ownet(port: int, _reads: int) -> dict[str, Any]:
    from aio_ownet.proxy import OWServerStatelessProxy

    opened = 0
    open_connection = asyncio.open_connection

    async def counting_open_connection(*args: Any, **kwargs: Any) -> Any:
        nonlocal opened
        opened += 1
        return await open_connection(*args, **kwargs)

    asyncio.open_connection = counting_open_connection  # type: ignore[assignment]
    proxy = OWServerStatelessProxy("127.0.0.1", port)
    await proxy.validate()
    ids = [entry.strip("/").rsplit("/", 1)[-1] for entry in await proxy.dir("/bus.0/")]
    ids = [name for name in ids if name.startswith("28.")]
    paths = [f"/uncached/bus.0/{device_id}/temperature" for device_id in ids]

    async def poll() -> tuple[float, int]:
        before = opened
        started = time.perf_counter()
        for path in paths:
            await proxy.read(path)
        return time.perf_counter() - started, opened - before

    await poll()
    runs = [await poll() for _ in range(POLLS)]
    poll_time = statistics.median(run[0] for run in runs)
    return {
        "poll": poll_time,
        "poll_hardware": poll_time + len(ids) * CONVERSION_TIME,
        "connections_per_poll": max(run[1] for run in runs),
        "rss": peak_rss_mib(),
    }


def worker_owread(port: int, reads: int) -> dict[str, Any]:
    listing = subprocess.run(
        ["owdir", "-s", str(port), "/bus.0"], capture_output=True, text=True, check=True
    ).stdout.split()
    ids = [entry.rsplit("/", 1)[-1] for entry in listing if "/28." in entry]

    def read(device_id: str) -> None:
        subprocess.run(
            ["owread", "-s", str(port), f"/uncached/bus.0/{device_id}/temperature"],
            capture_output=True,
            check=True,
        )

    samples = reads
    started = time.perf_counter()
    for index in range(samples):
        read(ids[index % len(ids)])
    sequential = samples / (time.perf_counter() - started)
    started = time.perf_counter()
    for device_id in ids:
        read(device_id)
    poll_time = time.perf_counter() - started
    return {
        "sequential": sequential,
        "poll": poll_time,
        "poll_hardware": poll_time + len(ids) * CONVERSION_TIME,
        "connections_per_poll": len(ids),  # one owread process, one connection each
        "rss": owread_peak_rss_mib(port, f"/uncached/bus.0/{ids[0]}/temperature"),
    }


async def worker_rates(port: int, _reads: int) -> dict[str, Any]:
    """Reads/s of owfs and aio-ownet, interleaved in short timed rounds.

    The machine is shared and noisy: alternating the clients in rounds of
    ROUND_SECONDS gives both the same conditions; rates are the median round,
    ratios the median of each round's owfs / aio-ownet sequential.
    """
    from aio_ownet.proxy import OWServerStatelessProxy

    owfs = import_owfs()
    proxy = OWServerStatelessProxy("127.0.0.1", port)
    async with owfs.OWFS() as ow:
        server = await ow.add_server("127.0.0.1", port, connections=POOL_CONNECTIONS)
        ids = [device.id for device in server.devices]
        ours = [f"/bus.0/{device_id}/temperature" for device_id in ids]
        theirs = [f"/uncached/bus.0/{device_id}/temperature" for device_id in ids]

        async def read_owfs(index: int) -> None:
            await server.read(ours[index % len(ours)])

        async def read_aio(index: int) -> None:
            await proxy.read(theirs[index % len(theirs)])

        samples: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            for name, call, parallel in (
                ("owfs sequential", read_owfs, 1),
                ("aio-ownet sequential", read_aio, 1),
                ("owfs parallel", read_owfs, PARALLEL_CALLERS),
                ("aio-ownet parallel", read_aio, PARALLEL_CALLERS),
            ):
                samples.setdefault(name, []).append(
                    await rate_for(ROUND_SECONDS, parallel, call)
                )
        base = samples["aio-ownet sequential"]
        best: dict[str, float] = {
            name: statistics.median(values) for name, values in samples.items()
        }
        # The same round's aio-ownet run is the fairest yardstick: both ran
        # within a second of each other, under the same load.
        for name in ("owfs sequential", "owfs parallel"):
            best[f"{name} ratio"] = statistics.median(
                ours / theirs for ours, theirs in zip(samples[name], base, strict=True)
            )
        cpu = time.process_time()
        for index in range(1000):
            await read_owfs(index)
        best["owfs cpu"] = (time.process_time() - cpu) * 1000  # us per read
        cpu = time.process_time()
        for index in range(1000):
            await read_aio(index)
        best["aio-ownet cpu"] = (time.process_time() - cpu) * 1000
    return best


def run_worker(client: str, port: int, reads: int) -> dict[str, Any]:
    if client == "rates":
        return asyncio.run(worker_rates(port, reads))
    if client == "owread":
        return worker_owread(port, reads)
    coroutine = worker_owfs if client == "owfs" else worker_aio_ownet
    return asyncio.run(coroutine(port, reads))


# --------------------------------------------------------------------- main

CLIENTS = ("owfs", "aio-ownet", "owread")
WORKERS = (*CLIENTS, "rates")


def measure(size: int, reads: int) -> dict[str, dict[str, Any]]:
    from tests.peers.owserver import OwserverProcess

    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as config:
        # The command line of owserver overflows past ~130 fake devices;
        # its configuration file does not.
        config.write("fake = " + ",".join(["28"] * size) + "\n")
    results = {}
    try:
        with OwserverProcess(extra_args=["-c", config.name]) as owserver:
            for client in WORKERS:
                output = subprocess.run(
                    [sys.executable, __file__, "--worker", client,
                     "--port", str(owserver.port), "--reads", str(reads)],
                    capture_output=True, text=True, check=True, timeout=1200,
                ).stdout  # fmt: skip
                results[client] = json.loads(output.splitlines()[-1])
    finally:
        Path(config.name).unlink()
    return results


def fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def times(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--reads", type=int, default=200, help="owread samples")
    parser.add_argument("--worker", choices=WORKERS)
    parser.add_argument("--port", type=int)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_worker(args.worker, args.port, args.reads)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    all_results = {size: measure(size, args.reads) for size in sizes}

    print(f"\nReads per second (owserver --fake; median of {ROUNDS} interleaved "
          f"{ROUND_SECONDS} s rounds; ratios: median of per-round ratios; "
          f"parallel = {PARALLEL_CALLERS} callers, owfs through a pool of "
          f"{POOL_CONNECTIONS}; owread: one process per value)")  # fmt: skip
    print(
        "| N | client | sequential | parallel | CPU per read (us) | sequential vs aio-ownet | parallel vs aio-ownet sequential |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for size, results in all_results.items():
        rates = results["rates"]
        base = rates["aio-ownet sequential"]
        for client in ("owfs", "aio-ownet"):
            sequential = rates[f"{client} sequential"]
            parallel = rates[f"{client} parallel"]
            ratio = rates.get(f"{client} sequential ratio", 1.0)
            parallel_ratio = rates.get(f"{client} parallel ratio", parallel / base)
            print(f"| {size} | {client} | {fmt(sequential)} | {fmt(parallel)} "
                  f"| {fmt(rates[f'{client} cpu'])} | {times(ratio)} "
                  f"| {times(parallel_ratio)} |")  # fmt: skip
        owread = results["owread"]["sequential"]
        print(
            f"| {size} | owread | {fmt(owread)} | - | - | {times(owread / base)} | - |"
        )

    print(f"\nFull poll of one bus of N DS18B20 (median of {POLLS}; "
          f"conversion wait {CONVERSION_TIME} s)")  # fmt: skip
    print(
        "| N | client | poll measured (s) | poll on hardware (s) | TCP connections per poll | peak RSS (MiB; owread: one process) |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for size, results in all_results.items():
        for client in CLIENTS:
            r = results[client]
            print(f"| {size} | {client} | {fmt(r['poll'], 3)} | {fmt(r['poll_hardware'], 2)} "
                  f"| {r['connections_per_poll']} | {fmt(r['rss'], 1)} |")  # fmt: skip


if __name__ == "__main__":
    main()
