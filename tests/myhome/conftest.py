"""Fixtures of the MyHOME tests: a simulated gateway on a free loopback port."""

from collections.abc import AsyncIterator, Callable
import contextlib
from pathlib import Path
from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.onewire_own.const import CONF_KIND, DOMAIN, EntryKind
from simulator.openwebnet import GatewaySimulator, Installation

SAMPLE = Path(__file__).parents[2] / "simulator" / "installations" / "sample.yaml"
SAMPLE_MAC = "00:03:50:a1:b2:c3"
# Every simulated duration (pacing, timeouts, travel, lockout) 20x shorter.
TIME_SCALE = 0.05

type SimulatorFactory = Callable[
    ..., contextlib.AbstractAsyncContextManager[GatewaySimulator]
]


@pytest.fixture
def sample_installation() -> Installation:
    """The sample house: one of everything the simulator knows."""
    return Installation.load(SAMPLE)


@pytest.fixture
async def start_gateway(
    socket_enabled: None,
) -> AsyncIterator[Callable[..., Any]]:
    """Start simulated gateways (stopped at the end of the test)."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(
            installation: Installation | None = None, **kwargs: Any
        ) -> GatewaySimulator:
            kwargs.setdefault("time_scale", TIME_SCALE)
            return await stack.enter_async_context(
                GatewaySimulator(installation, **kwargs)
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
