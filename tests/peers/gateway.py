"""Start the project's OpenWebNet gateway simulator for a test, on a free port.

In-process (the simulator runs in the test's event loop)::

    from tests.peers.gateway import gateway_factory, sample_installation  # in conftest

    async def test_x(gateway_factory):
        sim = await gateway_factory(auth="sha256", password="abcde")
        ...127.0.0.1:sim.port...

``gateway_factory`` requests ``socket_enabled`` (Home Assistant tests block
sockets otherwise) and stops every simulator it started. ``GatewayProcess``
runs the command line in a subprocess instead (``python -m
simulator.openwebnet``), for tests of the CLI or of a process boundary.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
import contextlib
from pathlib import Path
import subprocess
import sys
from typing import Any, Self

import pytest

from simulator.openwebnet import GatewaySimulator, Installation

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE_INSTALLATION = REPOSITORY / "simulator" / "installations" / "sample.yaml"
BENCHMARK_INSTALLATION = REPOSITORY / "simulator" / "installations" / "benchmark.yaml"
LISTENING = "listening on "

type GatewayFactory = Callable[..., Awaitable[GatewaySimulator]]


def sample_installation() -> Installation:
    """One of everything: lights, dimmers, shutters, zones, meter, contacts, buttons."""
    return Installation.load(SAMPLE_INSTALLATION)


@contextlib.asynccontextmanager
async def running_gateway(
    installation: Installation | None = None, **options: Any
) -> AsyncIterator[GatewaySimulator]:
    """A started simulator (sample installation by default), stopped on exit.

    ``options`` are ``GatewaySimulator`` keywords (auth, password, profile,
    time_scale...); the port is always a free one.
    """
    options.setdefault("port", 0)
    simulator = GatewaySimulator(installation or sample_installation(), **options)
    async with simulator:
        yield simulator


@pytest.fixture
async def gateway_factory(socket_enabled: None) -> AsyncIterator[GatewayFactory]:
    """Start simulators on free ports; every one is stopped after the test."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(
            installation: Installation | None = None, **options: Any
        ) -> GatewaySimulator:
            return await stack.enter_async_context(
                running_gateway(installation, **options)
            )

        yield start


class GatewayProcess:
    """``python -m simulator.openwebnet`` in a subprocess on a free port."""

    def __init__(self, arguments: Iterable[str] = ()) -> None:
        """Describe the command line (``--port 0`` is added); ``start`` runs it."""
        self.arguments = ["--port", "0", *arguments]
        self.host = "127.0.0.1"
        self.port = 0
        self._process: subprocess.Popen[str] | None = None

    def command(self) -> list[str]:
        """The full command line."""
        return [sys.executable, "-m", "simulator.openwebnet", *self.arguments]

    def start(self) -> None:
        """Start and wait for the ``listening on HOST:PORT`` line."""
        self._process = subprocess.Popen(
            self.command(),
            cwd=REPOSITORY,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()  # blocks until ready or exit
        if not line.startswith(LISTENING):
            error = self._process.stderr.read() if self._process.stderr else ""
            self.stop()
            raise RuntimeError(f"simulator did not start: {line!r} {error!r}")
        self.port = int(line.strip().rsplit(":", 1)[1])

    def stop(self) -> int | None:
        """SIGTERM, wait, and return the exit status (SIGKILL if it hangs)."""
        process, self._process = self._process, None
        if process is None:
            return None
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
        return process.returncode

    def __enter__(self) -> Self:
        """Start on entry."""
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Always stop on exit."""
        self.stop()
