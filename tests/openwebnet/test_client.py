"""The seed design's Client API, against the simulator."""

import asyncio

import pytest

from custom_components.onewire_own.openwebnet import (
    ACK,
    Client,
    Command,
    InvalidSession,
    SessionType,
    StatusRequest,
    Where,
)
from custom_components.onewire_own.openwebnet.items import (
    DryContact,
    Item,
    ItemEvent,
    Light,
)
from tests.peers.gateway import GatewayFactory

from .helpers import TIME_SCALE


async def test_a_command_client_sends_and_reads_messages(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(auth="sha256", password="pw", time_scale=TIME_SCALE)
    client = Client("127.0.0.1", sim.port, "pw")
    assert client.is_cmd_session()
    await client.start()
    try:
        await client.send_message(StatusRequest(1, Where("12")))
        assert await client.read_message() == Command(1, "1", (), Where("12"))
        assert await client.read_message() == ACK
        with pytest.raises(TimeoutError):
            await client.read_message(timeout=0.05)
        with pytest.raises(InvalidSession):
            await client.loop()
    finally:
        await client.close()
    with pytest.raises(InvalidSession):
        await client.read_message()


async def test_an_event_client_loop_dispatches_to_callbacks_and_items(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    commands = Client("127.0.0.1", sim.port, None)
    events = Client("127.0.0.1", sim.port, None, SessionType.EventSession)
    seen: list[tuple[Item, ItemEvent]] = []
    events.add_callback(lambda item, event: seen.append((item, event)))
    await commands.start()
    await events.connect()
    task = asyncio.create_task(events.loop(client=commands))
    try:
        with pytest.raises(InvalidSession):
            await events.send_message(StatusRequest(1, Where("12")))
        await events.send_message(ACK, force=True)

        await sim.set_contact("301", closed=True)
        await sim.wait_until(lambda: bool(seen))
        door = seen[0][0]
        assert isinstance(door, DryContact)
        assert door.is_closed is True

        hall = events.get_item(1, "11", client=commands)
        assert isinstance(hall, Light)
        await hall.turn_on()  # sent through the command client
        await sim.wait_until(lambda: hall.is_on is True)
        assert sim.light("11").on
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await events.close()
        await commands.close()


async def test_removed_callbacks_are_not_called(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(time_scale=TIME_SCALE)
    client = Client("127.0.0.1", sim.port, None)
    calls: list[str] = []
    remove = client.add_callback(lambda item, event: calls.append("removed"))
    client.add_callback(lambda item, event: calls.append("kept"))
    remove()
    remove()  # idempotent
    await client.start()
    try:
        light = client.get_item(1, "12")
        await client.send(StatusRequest(1, Where("12")))
        assert isinstance(light, Light)
        assert light.is_on is True
        assert calls == ["kept"]
    finally:
        await client.close()


def test_get_item_refuses_what_no_item_type_handles() -> None:
    client = Client("127.0.0.1", 20000, None)
    with pytest.raises(KeyError):
        client.get_item(1, "1#2#3")
    assert client.get_item(1, "12") is client.get_item(1, Where("12"))
