"""Fixtures of the openwebnet tests: the project's gateway simulator, and a client.

Most tests need the same two things: the sample house behind a simulated
F454 running 100 times faster than life (``sim``), and a ``Gateway`` started
against it with fast timings (``gateway``). Tests that need another profile,
other options or several gateways use ``gateway_factory`` and ``connect``.
"""

import pytest

from custom_components.onewire_own.openwebnet.gateway import Gateway
from simulator.openwebnet import GatewaySimulator
from tests.peers.gateway import GatewayFactory, gateway_factory

from .helpers import TIME_SCALE, GatewayConnector, connect

__all__ = ["connect", "gateway", "gateway_factory", "sim"]


@pytest.fixture
async def sim(gateway_factory: GatewayFactory) -> GatewaySimulator:
    """The sample house behind an F454, every duration 100 times shorter."""
    return await gateway_factory(time_scale=TIME_SCALE)


@pytest.fixture
async def gateway(sim: GatewaySimulator, connect: GatewayConnector) -> Gateway:
    """A started Gateway on ``sim``: one command session, the event session."""
    return await connect(sim)
