"""The seed document's examples, run as written against this package.

Only the port differs: the seed connects to owserver's default 4304, tests
use a free port.
"""

import logging

from custom_components.onewire_own.owfs import (
    OWFS,
    BusAdded,
    DeviceAdded,
    DeviceLocated,
    Event,
    ServerConnected,
    ServerDeregistered,
    ServerDisconnected,
    ServerRegistered,
)

from ..peers.owserver import OwserverProcess

logger = logging.getLogger(__name__)


async def test_the_seed_introduction_runs_unchanged(
    fake_owserver: OwserverProcess,
) -> None:
    log: list[Event] = []
    readings: list[float] = []

    async def monitor(ow: OWFS) -> None:
        with ow.events as events:
            async for msg in events:
                logger.info("%s", msg)
                log.append(msg)

    async def setup_onewire(ow: OWFS) -> None:
        await ow.add_task(monitor, ow)
        s = await ow.add_server("127.0.0.1", fake_owserver.port)
        assert s.connected

        dev = await ow.get_device("28.4AEC29CDBAAB.95")
        # triggers a DeviceAdded event if not yet known
        if dev.bus is not None:
            # make sure that the data accessor methods are loaded
            await ow.ensure_struct(dev)

            heat = await dev.temperature
            await dev.set_temphigh(99)
            readings.append(heat)

        await ow.scan_now()

    async with OWFS() as ow:
        await setup_onewire(ow)

    assert len(readings) == 1
    assert isinstance(readings[0], float)
    kinds = [type(msg) for msg in log]
    assert kinds[:3] == [ServerRegistered, ServerConnected, BusAdded]
    assert kinds.count(DeviceAdded) == kinds.count(DeviceLocated) == 7
    # Leaving the block disconnects and forgets the server; the monitor's
    # iteration then ends by itself.
    assert kinds[-1] is ServerDeregistered
    assert ServerDisconnected in kinds
