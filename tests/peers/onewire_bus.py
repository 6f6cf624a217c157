"""A real ``owserver`` driving the project's emulated 1-Wire bus, for a test.

The emulator (``simulator.onewire``) is a DS9097U bus master behind a network
serial port, run in a thread of its own so that its answers stay on time
whatever the test's event loop does; ``owserver -d 127.0.0.1:PORT`` (the
Debian package, nothing mocked) is started against it on another free port::

    from tests.peers.onewire_bus import emulated_owserver_factory  # in conftest

    async def test_x(emulated_owserver_factory):
        bus = await emulated_owserver_factory({"devices": [{"model": "DS18B20"}]})
        ...connect to bus.host:bus.port (owserver)...
        bus.emulator.set_value("28.…", "temperature", 25.0)
        assert bus.emulator.bus.transactions(rom_command=0xCC, function=0x44)

Both are stopped after the test; starting them runs in a worker thread, so
the test's event loop is not blocked while owserver detects the adapter.
Tests are skipped (with the reason) when owserver is not installed.
"""

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterator, Mapping
import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from simulator.onewire import BusDescription, OneWireEmulator, ScaledClock

from .owserver import OwserverProcess, require_owserver

REPOSITORY = Path(__file__).resolve().parents[2]
SAMPLE_BUS = REPOSITORY / "simulator" / "onewire_buses" / "sample.yaml"
#: owserver detects the adapter before it listens (a BREAK, resets, settings).
OWSERVER_START_TIMEOUT = 30.0

type Description = BusDescription | Mapping[str, Any] | str | Path


@dataclass
class EmulatedOwserver:
    """An owserver on the emulated bus: where to connect, and the emulator."""

    emulator: OneWireEmulator
    owserver: OwserverProcess

    @property
    def host(self) -> str:
        """owserver's address."""
        return self.owserver.host

    @property
    def port(self) -> int:
        """owserver's port."""
        return self.owserver.port


def load_description(description: Description) -> BusDescription:
    """A BusDescription from an object, a dict or a file path."""
    if isinstance(description, BusDescription):
        return description
    if isinstance(description, (str, Path)):
        return BusDescription.load(description)
    return BusDescription.from_dict(description)


@contextlib.contextmanager
def emulated_owserver(
    description: Description = SAMPLE_BUS,
    *,
    time_scale: float = 1.0,
    realistic_timing: bool = True,
    owserver_args: tuple[str, ...] = (),
) -> Iterator[EmulatedOwserver]:
    """Start the emulator (in a thread) and an owserver on it; stop both after."""
    require_owserver()
    emulator = OneWireEmulator.from_description(
        load_description(description),
        clock=ScaledClock(time_scale),
        realistic_timing=realistic_timing,
    )
    emulator.start_in_thread()
    owserver = OwserverProcess(
        extra_args=("-d", f"127.0.0.1:{emulator.port}", *owserver_args)
    )
    try:
        owserver.start(timeout=OWSERVER_START_TIMEOUT)
        yield EmulatedOwserver(emulator, owserver)
    finally:
        with contextlib.suppress(Exception):
            owserver.stop()
        emulator.stop_thread()


type EmulatedOwserverFactory = Callable[..., Awaitable[EmulatedOwserver]]


@pytest.fixture
async def emulated_owserver_factory(
    socket_enabled: None,
) -> AsyncGenerator[EmulatedOwserverFactory]:
    """Start owservers on emulated buses; every one is stopped after the test."""
    require_owserver()
    with contextlib.ExitStack() as stack:

        async def start(
            description: Description = SAMPLE_BUS, **options: Any
        ) -> EmulatedOwserver:
            context = emulated_owserver(description, **options)
            started = await asyncio.to_thread(context.__enter__)
            stack.push(context.__exit__)
            return started

        yield start
        await asyncio.to_thread(stack.close)
