"""Fault injection and the gateway's own ways of ending sessions."""

import asyncio

import pytest

from simulator.openwebnet import GatewaySimulator, SessionKind, WriteMode
from tests.peers.gateway import GatewayFactory

from .conftest import (
    ACK,
    COMMAND_SESSION,
    EVENT_SESSION,
    FAST,
    NACK,
    RawClient,
    login,
    relaxed,
)


async def test_dropping_sessions_closes_every_connection(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    sim.drop_sessions()
    assert await command.closed_by_gateway()
    assert await events.closed_by_gateway()
    await sim.wait_until(lambda: sim.sessions == [])
    assert sim.running


async def test_dropping_one_kind_of_session_keeps_the_other(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    sim.drop_sessions(SessionKind.EVENT)
    assert await events.closed_by_gateway()
    assert await command.request("*#1*12##") == ["*1*1*12##", ACK]


async def test_half_open_gateway_stays_connected_but_silent(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    sim.go_half_open()
    command.send("*1*1*11##")
    assert await command.silent(0.2)
    assert not sim.light("11").on  # frames sent meanwhile are lost
    await sim.set_contact("301", closed=True)
    assert await events.silent(0.2)
    newcomer = await RawClient.connect(sim.port)
    assert await newcomer.silent(0.2)  # not even greeted
    sim.resume()
    assert await newcomer.read() == ACK
    assert await command.request("*1*1*11##") == [ACK]
    assert await events.read_events(2) == ["*1*1000#1*11##", "*1*1*11##"]
    await newcomer.close()


async def test_half_open_gateway_times_nothing_out(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(
        profile=relaxed(command_idle_timeout=0.05, event_silence_timeout=0.05)
    )
    client = await login(sim.port)
    sim.go_half_open()
    assert not await client.closed_by_gateway(0.3)
    sim.resume()
    assert await client.closed_by_gateway()


@pytest.mark.parametrize(
    ("session", "changes"),
    [
        (COMMAND_SESSION, {"command_idle_timeout": 0.1}),
        (EVENT_SESSION, {"event_silence_timeout": 0.1}),
        (EVENT_SESSION, {"event_silence_timeout": None, "max_session_age": 0.1}),
    ],
)
async def test_gateway_ends_idle_silent_and_old_sessions(
    gateway_factory: GatewayFactory, session: str, changes: dict[str, float | None]
) -> None:
    sim = await gateway_factory(profile=relaxed(**changes))
    client = await login(sim.port, session)
    assert await client.closed_by_gateway()
    await sim.wait_until(lambda: sim.sessions == [])


async def test_keepalives_hold_an_event_session_open(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed(event_silence_timeout=0.3))
    client = await login(sim.port, EVENT_SESSION)
    for _ in range(4):
        await asyncio.sleep(0.15)
        client.send(ACK)
    assert len(sim.sessions) == 1
    assert await client.closed_by_gateway()


async def test_split_mode_delivers_frames_in_pieces(
    sim: GatewaySimulator, command: RawClient
) -> None:
    sim.write_mode = WriteMode.SPLIT
    assert sim.write_mode is WriteMode.SPLIT
    before = command.reads
    assert await command.request("*#1*12##") == ["*1*1*12##", ACK]
    assert command.reads - before >= 3


async def test_coalesce_mode_delivers_a_whole_answer_in_one_write(
    sim: GatewaySimulator, command: RawClient
) -> None:
    sim.write_mode = WriteMode.COALESCE
    before = command.reads
    answer = await command.request("*#1*0##")
    assert len(answer) == 7
    assert command.reads - before == 1


async def test_malformed_frames_can_be_sent_on_any_session(
    sim: GatewaySimulator, command: RawClient, events: RawClient
) -> None:
    await sim.send_malformed()
    assert await events.read() == "*1*a*123##"
    await sim.send_malformed("*1**##", kind=None)
    assert await events.read() == "*1**##"
    assert await command.read() == "*1**##"
    await sim.send_malformed("4##", kind=SessionKind.COMMAND)
    assert await command.read() == "4##"


async def test_a_client_flooding_without_frame_end_is_cut_off(
    sim: GatewaySimulator, command: RawClient
) -> None:
    command.send("*1" * 4096)
    assert await command.closed_by_gateway()


async def test_unparsable_requests_are_nacked_and_the_session_goes_on(
    command: RawClient,
) -> None:
    assert await command.request("*1*a*123##") == [NACK]
    assert await command.request("*#1*12##") == ["*1*1*12##", ACK]


async def test_reboot_drops_sessions_refuses_then_comes_back(
    gateway_factory: GatewayFactory,
) -> None:
    sim = await gateway_factory(profile=relaxed(), time_scale=FAST)
    client = await login(sim.port)
    await client.request("*1*0*12##")
    await client.request("*#18*51*#1200#1*10##")
    reboot = asyncio.create_task(sim.reboot(downtime=10.0))
    assert await client.closed_by_gateway()
    await sim.wait_until(lambda: not sim.running)
    with pytest.raises(ConnectionRefusedError):
        await RawClient.connect(sim.port)
    await reboot
    again = await login(sim.port)
    assert await again.request("*#1*12##") == [
        "*1*0*12##",
        ACK,
    ]  # the bus kept its state
    assert not sim.state()["energy_meters"]["51"]["pushing"]
    uptime, _ack = await again.request("*#13**19##")
    days, hours, minutes, seconds = uptime[:-2].split("*")[4:]
    assert (days, hours, minutes) == ("00", "00", "00")
    assert int(seconds) < 10  # the 10 s downtime is not counted: uptime restarted
    await again.close()


async def test_event_session_closing_while_events_queue_is_harmless(
    sim: GatewaySimulator, events: RawClient
) -> None:
    events.writer.transport.abort()
    for _ in range(20):
        await sim.set_power("51", 1)
        await sim.set_contact("301", closed=True)
    await sim.wait_until(lambda: sim.sessions == [])
    await sim.emit("*#*1##")


async def test_stopping_twice_is_harmless(sim: GatewaySimulator) -> None:
    await sim.stop()
    await sim.stop()
    assert not sim.running
