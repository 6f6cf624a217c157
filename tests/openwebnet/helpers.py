"""Shared helpers of the client tests: a Gateway tuned for a fast simulator."""

from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from typing import Any

import pytest

from custom_components.onewire_own.openwebnet.gateway import Gateway
from custom_components.onewire_own.openwebnet.lockout import LoginGuard
from simulator.openwebnet import GatewaySimulator

type GatewayConnector = Callable[..., Awaitable[Gateway]]

#: Simulated durations shrink 100 times (travel, timeouts, lockout, pacing).
TIME_SCALE = 0.01
FAST = {
    "pacing": 0.002,
    "keepalive": 0.3,
    "probe_timeout": 0.3,
    "request_timeout": 1.0,
    "handshake_timeout": 1.0,
    "reconnect_min": 0.02,
    "reconnect_max": 0.1,
    "auth_retry_delay": 0.1,
}


@pytest.fixture
async def connect() -> AsyncIterator[GatewayConnector]:
    """Start Gateway objects against a simulator; all are closed after the test."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(
            sim: GatewaySimulator, password: str | None = None, **options: Any
        ) -> Gateway:
            options.setdefault("login_guard", LoginGuard())
            gateway = Gateway("127.0.0.1", sim.port, password, **(FAST | options))
            stack.push_async_callback(gateway.close)
            await gateway.start()
            return gateway

        yield start
