"""Fixtures shared by every test: custom integrations and real peers."""

from collections.abc import Generator

import pytest

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
