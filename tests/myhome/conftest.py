"""Fixtures of the MyHOME tests: a simulated gateway on a free loopback port."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
import contextlib
from typing import Any
from unittest.mock import PropertyMock, patch

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from custom_components.onewire_own.openwebnet.lockout import reset_login_guards
from simulator.openwebnet import GatewaySimulator, Installation

from ..peers.gateway import (
    running_gateway,
    sample_installation as sample_installation_from_file,
)

SAMPLE_MAC = "00:03:50:a1:b2:c3"
# Every simulated duration (pacing, timeouts, travel, lockout) 20x shorter.
TIME_SCALE = 0.05

# Fast failure detection for the fault tests: keep-alive (and the liveness
# probe that follows a silent interval) in fractions of a second.
FAST_OPTIONS = {"keepalive_s": 0.4, "pacing_ms": 5}


@pytest.fixture(autouse=True)
def forget_failed_logins() -> Iterator[None]:
    """Each test's gateway is a new one, even on a port an earlier test used.

    The login guard is process-wide per address (it belongs to the physical
    gateway), so failures recorded by one test must not lock out the next.
    """
    reset_login_guards()
    yield
    reset_login_guards()


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots with Home Assistant's serializer (ids and times left out).

    The harness's own fixture of that name is shadowed by syrupy's plugin.
    """
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def entity_registry_enabled_by_default() -> Iterator[None]:
    """Entities disabled by default (the light sets) are created enabled.

    As Home Assistant core's fixture of that name: snapshots and tests of
    those entities need them in the state machine.
    """
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture
def sample_installation() -> Installation:
    """The sample house: one of everything the simulator knows."""
    return sample_installation_from_file()


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the event loop run until condition holds (fail after timeout)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


def state_of(hass: HomeAssistant, entity_id: str) -> str:
    """The state of entity_id (which must exist)."""
    state = hass.states.get(entity_id)
    assert state is not None, f"{entity_id} does not exist"
    return state.state


type LoadEntry = Callable[..., Awaitable[MockConfigEntry]]


@pytest.fixture
async def load_entry(
    hass: HomeAssistant, gateway: GatewaySimulator
) -> AsyncIterator[LoadEntry]:
    """Add and set up entries of the sample house's gateway; unloaded after the test.

    ``await load_entry(**options)``: fast fault detection plus options.
    """
    entries: list[MockConfigEntry] = []

    async def load(**options: Any) -> MockConfigEntry:
        entry = gateway_entry(gateway, options={**FAST_OPTIONS, **options})
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        # The energy meter probe runs in the background after setup.
        await hass.async_block_till_done(wait_background_tasks=True)
        entries.append(entry)
        return entry

    yield load
    for entry in entries:
        await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
async def loaded_entry(load_entry: LoadEntry) -> MockConfigEntry:
    """The sample house's gateway, added and set up, fast fault detection."""
    return await load_entry()


@pytest.fixture
async def start_gateway(
    socket_enabled: None,
) -> AsyncIterator[Callable[..., Any]]:
    """Start simulated gateways, sample house by default (stopped after the test)."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(
            installation: Installation | None = None, **kwargs: Any
        ) -> GatewaySimulator:
            kwargs.setdefault("time_scale", TIME_SCALE)
            return await stack.enter_async_context(
                running_gateway(installation, **kwargs)
            )

        yield start


@pytest.fixture
async def gateway(
    start_gateway: Callable[..., Any], sample_installation: Installation
) -> GatewaySimulator:
    """The sample house behind an F454 that asks for an HMAC SHA-256 password."""
    simulator: GatewaySimulator = await start_gateway(
        sample_installation, auth="sha256", password="abcde12345"
    )
    return simulator


def gateway_entry(
    simulator: GatewaySimulator,
    password: str = "abcde12345",
    options: dict[str, Any] | None = None,
) -> MockConfigEntry:
    """A config entry for simulator, as the config flow would have made it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="F454 (127.0.0.1)",
        unique_id=SAMPLE_MAC,
        data={
            CONF_KIND: EntryKind.OPENWEBNET,
            "host": simulator.host,
            "port": simulator.port,
            "password": password,
        },
        options=options or {},
    )
