r"""Command line: run an emulated 1-Wire bus master until interrupted.

    python -m simulator.onewire --port 0 --bus simulator/onewire_buses/sample.yaml
    owserver --foreground -p 127.0.0.1:4304 -d 127.0.0.1:PORT

Prints ``listening on HOST:PORT`` once the port accepts connections (with
``--port 0`` that is how a caller learns the port), then serves until SIGINT
or SIGTERM. ``--verbose`` logs every byte in and out; ``--status SECONDS``
prints every chip's state at that interval.
"""

import argparse
import asyncio
from collections.abc import Sequence
import contextlib
import json
import sys

from ..command_line import run, stop_on_signals
from .clock import ScaledClock
from .description import BusDescription, DescriptionError
from .server import OneWireEmulator


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as a namespace."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator.onewire",
        description="Emulated 1-Wire bus behind an emulated DS9097U (DS2480B) "
        "on a network serial port; start owserver with -d HOST:PORT.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=10001, help="0 picks a free port")
    parser.add_argument("--bus", default=None, help="YAML or JSON bus description")
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="multiply every bus duration (0.1 = ten times faster)",
    )
    parser.add_argument(
        "--no-timing",
        action="store_true",
        help="answer at once instead of after the bus time a real adapter needs",
    )
    parser.add_argument("--verbose", action="store_true", help="log every byte")
    parser.add_argument(
        "--status", type=float, default=0.0, help="print chip states every N s"
    )
    return parser.parse_args(argv)


async def serve(
    arguments: argparse.Namespace, stop: asyncio.Event | None = None
) -> None:
    """Run the emulator until ``stop`` is set (default: until SIGINT/SIGTERM)."""
    description = (
        BusDescription.load(arguments.bus) if arguments.bus else BusDescription()
    )
    if stop is None:
        stop = stop_on_signals()
    emulator = OneWireEmulator.from_description(
        description,
        clock=ScaledClock(arguments.time_scale),
        host=arguments.host,
        port=arguments.port,
        realistic_timing=not arguments.no_timing,
    )
    async with emulator:
        sys.stdout.write(f"listening on {arguments.host}:{emulator.port}\n")
        for chip in emulator.chips():
            sys.stdout.write(f"  {chip.model} {chip.name}\n")
        sys.stdout.flush()
        while not stop.is_set():
            if arguments.status <= 0:
                await stop.wait()
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), arguments.status)
            sys.stdout.write(json.dumps(emulator.snapshot()) + "\n")
            sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    return run(serve, parse_arguments(argv), (DescriptionError,))


if __name__ == "__main__":
    sys.exit(main())
