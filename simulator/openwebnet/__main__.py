r"""Command line: run a simulated gateway until interrupted.

    python -m simulator.openwebnet --port 20000 --password 12345 --auth open \\
        --profile F454 --installation simulator/installations/sample.yaml

Prints ``listening on HOST:PORT`` once the port accepts connections (with
``--port 0`` that is how a caller learns the port), then serves until SIGINT
or SIGTERM.
"""

import argparse
import asyncio
from collections.abc import Sequence
import sys

from ..command_line import run, stop_on_signals
from .handshake import AuthMode
from .installation import Installation, InstallationError
from .profiles import PROFILES
from .server import GatewaySimulator


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as a namespace."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator.openwebnet",
        description="Simulated BTicino/Legrand OpenWebNet gateway.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=20000, help="0 picks a free port")
    parser.add_argument("--password", default=None)
    parser.add_argument(
        "--auth", choices=[mode.value for mode in AuthMode], default=AuthMode.NONE.value
    )
    parser.add_argument("--profile", choices=list(PROFILES), default="F454")
    parser.add_argument("--installation", default=None, help="YAML or JSON file")
    parser.add_argument(
        "--verbose", action="store_true", help="log every frame to stderr"
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="multiply every simulated duration (0.1 = ten times faster)",
    )
    return parser.parse_args(argv)


async def serve(
    arguments: argparse.Namespace, stop: asyncio.Event | None = None
) -> None:
    """Run the simulator until ``stop`` is set (default: until SIGINT/SIGTERM)."""
    installation = (
        Installation.load(arguments.installation)
        if arguments.installation
        else Installation()
    )
    if stop is None:
        stop = stop_on_signals()
    async with GatewaySimulator(
        installation,
        host=arguments.host,
        port=arguments.port,
        password=arguments.password,
        auth=arguments.auth,
        profile=arguments.profile,
        time_scale=arguments.time_scale,
    ) as simulator:
        sys.stdout.write(f"listening on {arguments.host}:{simulator.port}\n")
        sys.stdout.flush()
        await stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit status."""
    return run(serve, parse_arguments(argv), (InstallationError,))


if __name__ == "__main__":
    sys.exit(main())
