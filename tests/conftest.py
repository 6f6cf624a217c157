"""Fixtures shared by every test: custom integrations and real peers."""

from collections.abc import Generator
import socket

import pytest

from .peers.hosts import real_getaddrinfo
from .peers.owserver import OwserverProcess

# A representative fake bus: temperature sensors, switches, a coupler, a counter.
FAKE_DEVICES = ("10", "28", "12", "1D", "1F", "26", "29", "3A")

pytest_plugins = ["pytest_homeassistant_custom_component"]


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Load custom_components/onewire_own in every Home Assistant test."""


@pytest.fixture(scope="session")
def owserver_session() -> Generator[OwserverProcess]:
    """One real owserver for the whole session; stopped at the end."""
    with OwserverProcess(fake=FAKE_DEVICES) as server:
        yield server


@pytest.fixture
def owserver(
    owserver_session: OwserverProcess, socket_enabled: None
) -> OwserverProcess:
    """The session's owserver, running, with loopback sockets allowed."""
    owserver_session.start()
    return owserver_session


@pytest.fixture
def real_name_resolution(socket_enabled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolve host names for real (the harness refuses every name otherwise).

    For tests of what a typed host name does; they connect only to 127.0.0.1
    (``tests/peers/hosts.connects_only_to_loopback``).
    """
    monkeypatch.setattr(socket, "getaddrinfo", real_getaddrinfo())
