"""Fixtures of the owfs tests: real owservers and the tiny misbehaving one."""

from collections.abc import AsyncGenerator, Generator

import pytest

from custom_components.onewire_own.owfs import OWFS, Event

from ..peers.owserver import OwserverProcess
from .tiny_server import TinyOwserver, one_sensor_tree

#: Every family the fake owserver emulates that a home installation may hold.
ALL_FAKE_FAMILIES = (
    "01", "05", "10", "12", "1D", "1F", "20", "21", "22", "24", "26", "27",
    "28", "29", "2C", "2D", "30", "3A", "3B", "42", "7E", "81", "EF", "FF",
)  # fmt: skip


FAKE_FAMILIES = ("10", "28", "12", "1F", "29", "3A", "7E")


@pytest.fixture(scope="module")
def fake_owserver_process() -> Generator[OwserverProcess]:
    """A real owserver shared by a module's tests (they must not stop it)."""
    with OwserverProcess(fake=FAKE_FAMILIES) as server:
        yield server


@pytest.fixture
def fake_owserver(
    fake_owserver_process: OwserverProcess, socket_enabled: None
) -> OwserverProcess:
    """The module's owserver, running, with loopback sockets allowed."""
    fake_owserver_process.start()
    return fake_owserver_process


def kill(owserver: OwserverProcess) -> None:
    """Kill owserver at once (SIGKILL), as a crash or power cut would."""
    owserver.kill()


@pytest.fixture
def own_owserver(socket_enabled: None) -> Generator[OwserverProcess]:
    """A real owserver of the test's own: it may kill and restart it."""
    server = OwserverProcess(fake=FAKE_FAMILIES)
    server.start()
    try:
        yield server
    finally:
        kill(server)


@pytest.fixture(scope="module")
def family_owserver_process() -> Generator[OwserverProcess]:
    """A real owserver with every fake family on bus.0 and a tester bus.1."""
    with OwserverProcess(fake=ALL_FAKE_FAMILIES, tester=("28", "10")) as server:
        yield server


@pytest.fixture
def family_owserver(
    family_owserver_process: OwserverProcess, socket_enabled: None
) -> OwserverProcess:
    """The shared every-family owserver, with loopback sockets allowed."""
    family_owserver_process.start()
    return family_owserver_process


@pytest.fixture
async def ow() -> AsyncGenerator[OWFS]:
    """An OWFS instance closed after the test."""
    async with OWFS() as instance:
        yield instance


@pytest.fixture
def events(ow: OWFS) -> list[Event]:
    """Every event ow emits, in order."""
    received: list[Event] = []
    ow.add_listener(received.append)
    return received


@pytest.fixture
async def tiny(socket_enabled: None) -> AsyncGenerator[TinyOwserver]:
    """A well-behaved tiny owserver with one DS18B20 (tests break it on purpose)."""
    async with TinyOwserver(tree=one_sensor_tree()) as server:
        yield server
