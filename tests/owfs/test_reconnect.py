"""An owserver that dies and comes back: events, prompt failures, same objects."""

import asyncio

import pytest

from custom_components.onewire_own.owfs import (
    OWFS,
    Event,
    OwfsConnectionError,
    ServerConnected,
    ServerDeregistered,
    ServerDisconnected,
)

from ..peers.owserver import OwserverProcess
from .conftest import kill

SENSOR = "28.4AEC29CDBAAB"


class EventWaiter:
    """Waits for the next event of a type (subscribed before the action)."""

    def __init__(self, ow: OWFS, kind: type[Event]) -> None:
        self.kind = kind
        self.seen = asyncio.Event()
        self.unsubscribe = ow.add_listener(self._check)

    def _check(self, event: Event) -> None:
        if isinstance(event, self.kind):
            self.seen.set()

    async def wait(self) -> None:
        await self.seen.wait()
        self.unsubscribe()


async def test_a_killed_owserver_is_noticed_and_calls_fail_promptly(
    ow: OWFS, own_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(own_owserver.host, own_owserver.port)
    sensor = await ow.get_device(SENSOR)
    await ow.ensure_struct(sensor)
    disconnected = EventWaiter(ow, ServerDisconnected)
    kill(own_owserver)
    with pytest.raises(OwfsConnectionError):
        await sensor.temperature
    await disconnected.wait()
    assert not server.connected
    with pytest.raises(OwfsConnectionError):
        await server.read(f"/{SENSOR}/temperature")


async def test_calls_in_flight_when_owserver_dies_fail_instead_of_hanging(
    ow: OWFS, own_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(own_owserver.host, own_owserver.port, connections=2)
    # A conversion keeps owserver busy while it is killed.
    in_flight = [
        asyncio.create_task(server.read(f"/{SENSOR}/temperature")) for _ in range(20)
    ]
    await asyncio.sleep(0)
    kill(own_owserver)
    results = await asyncio.gather(*in_flight, return_exceptions=True)
    # The two on the wire may have had their answer already; the queued ones
    # must fail with the typed error, not wait for a server that is gone.
    assert all(isinstance(r, (bytes, OwfsConnectionError)) for r in results[:2])
    assert all(isinstance(r, OwfsConnectionError) for r in results[2:])


async def test_a_restarted_owserver_is_reconnected_and_devices_work_again(
    ow: OWFS, own_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(own_owserver.host, own_owserver.port)
    sensor = await ow.get_device(SENSOR)
    await ow.ensure_struct(sensor)
    disconnected = EventWaiter(ow, ServerDisconnected)
    kill(own_owserver)
    await disconnected.wait()
    # Let a reconnection attempt fail (and back off) before the restart.
    errors = server.stats.errors
    while server.stats.errors < errors + 2:
        await asyncio.sleep(0.05)
    connected = EventWaiter(ow, ServerConnected)
    own_owserver.start()
    await connected.wait()
    assert server.connected
    assert ow.devices[SENSOR] is sensor
    assert sensor.located
    assert isinstance(await sensor.temperature, float)


async def test_after_a_restart_with_other_devices_the_rescan_follows(
    ow: OWFS, own_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(own_owserver.host, own_owserver.port)
    before = {device.id for device in server.devices}
    disconnected = EventWaiter(ow, ServerDisconnected)
    kill(own_owserver)
    await disconnected.wait()
    connected = EventWaiter(ow, ServerConnected)
    own_owserver.fake = ["28", "10", "22"]
    own_owserver.start()
    await connected.wait()
    await server.scan_now()  # the reconnect scanned once; gone after two
    after = {device.id for device in server.devices}
    assert after != before
    assert {device.family for device in server.devices} == {"28", "10", "22"}


async def test_closing_a_server_deregisters_it_and_stops_reconnecting(
    ow: OWFS, own_owserver: OwserverProcess
) -> None:
    server = await ow.add_server(own_owserver.host, own_owserver.port)
    deregistered = EventWaiter(ow, ServerDeregistered)
    sensor = ow.devices[SENSOR]
    await server.aclose()
    await deregistered.wait()
    assert ow.servers == []
    assert not sensor.located
    assert server.buses == []
    with pytest.raises(OwfsConnectionError):
        await server.read(f"/{SENSOR}/temperature")
    await server.aclose()  # idempotent
